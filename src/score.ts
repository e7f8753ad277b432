/**
 * The scoring pipeline: analyse the text once, classify, escalate, decide. Each stage is a pure
 * function in its own module; this file only fixes their order.
 * @module
 */
import { type ResolvedConfig, type ScorerConfig, resolveConfig } from './config.js';
import { invalidConfig } from './errors.js';
import { ESCALATION_MESSAGES, localizeMessage } from './explain.js';
import type { Classified, ScoreContext } from './context.js';
import { WebcareError } from './errors.js';
import { type SafeResult, normalizeMention } from './mention.js';
import { analyzeInto } from './text/index.js';
import { type Entry, lexiconVersion } from './text/lexicon.js';
import type { Assessment, Mention, MentionInput } from './types.js';

import { classifyCategories } from './classify/category.js';
import { classifyComplaint } from './classify/complaint.js';
import { extractIdentifiers } from './classify/identifiers.js';
import { classifyIntent } from './classify/intent.js';
import { mentionFeatures } from './classify/mention-features.js';
import { classifySentiment } from './classify/sentiment.js';
import { classifySeverity, severityValue } from './classify/severity.js';
import { detectSpam } from './classify/spam.js';
import { addressesBrand, adviseReply } from './escalate/advice.js';
import { findCues } from './escalate/cues.js';
import { detectChannelFailure } from './escalate/channel-failure.js';
import { decidePriority } from './escalate/decide.js';
import { scorePilloryRisk } from './escalate/pillory.js';
import { estimateReach } from './escalate/reach.js';
import { scoreUrgency } from './escalate/urgency.js';

/**
 * Per-call options of a scorer: what the caller knows beyond the mention itself. The monitor
 * passes `priorContacts`; a batch job may pass `now` to score an export as of its date.
 *
 * @example
 * ```ts
 * const score = createScorer({ brand: { handles: ['kpn'] } });
 * score('Weer geen internet @kpn', { priorContacts: 2, locale: 'nl' });
 * ```
 */
export interface ScoreOptions {
  /** Earlier contacts by the same author (e.g. within the monitor's repeat window). */
  priorContacts?: number;
  /** Language of the messages in `reasons`; overrides the scorer's `locale`. */
  locale?: 'en' | 'nl';
  /** The time of scoring (for the age of the post); overrides the scorer's `now`. */
  now?: Date | number;
}

/**
 * A scoring function bound to a configuration; the monitor calls it with `{ priorContacts }`.
 *
 * @example
 * ```ts
 * import { createScorer, type Scorer } from 'webcare';
 *
 * const score: Scorer = createScorer({ policy: 'fair' });
 * score('Mijn pakket is kwijt', { priorContacts: 1 }).priority;
 * ```
 */
export type Scorer = (input: MentionInput, options?: ScoreOptions) => Assessment;

/** Dutch messages for the classifier's reasons (escalation stages already speak the locale). */
function localizeClassifierReasons(ctx: ScoreContext): void {
  for (const r of ctx.reasons) {
    // Escalation stages (and channel failure) already speak the locale.
    if (ESCALATION_MESSAGES[r.code] === undefined && r.code !== 'channel-failure') r.message = localizeMessage(r, 'nl');
  }
}

function toMention(input: MentionInput): Mention {
  // Plain text is the bot's path: no validation needed, and it must never throw.
  if (typeof input === 'string') return { text: input };
  return normalizeMention(input);
}

interface CallOptions {
  priorContacts: number;
  locale: 'en' | 'nl';
  now: number;
}

/**
 * The time of scoring, read from the configured clock. Only the reach of a dated post reads it,
 * so the default clock (`Date.now`, no side effects) is not read for an undated one; a host's
 * clock is called every time, as always.
 */
function clockNow(config: ResolvedConfig, mention: Mention): number {
  return mention.createdAt === undefined && config.now === Date.now ? 0 : checkedTime(config.now());
}

/**
 * A host clock's reading as epoch ms: a number, or a Date (as the per-call `now` accepts);
 * anything else, or an invalid time, is refused (it would make ages and reach NaN).
 */
function checkedTime(t: unknown): number {
  const ms = t instanceof Date ? t.getTime() : t;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw invalidConfig('now', 'a clock returning epoch ms', t);
  return ms;
}

function callOptions(config: ResolvedConfig, options: ScoreOptions | undefined, mention: Mention): CallOptions {
  if (options === undefined) return { priorContacts: 0, locale: config.locale, now: clockNow(config, mention) };
  if (typeof options !== 'object' || options === null) throw invalidConfig('options', 'an object', options);
  const { priorContacts = 0, locale = config.locale, now } = options;
  if (typeof priorContacts !== 'number' || !(priorContacts >= 0) || !Number.isFinite(priorContacts)) {
    throw invalidConfig('priorContacts', 'a number >= 0', priorContacts);
  }
  if (locale !== 'en' && locale !== 'nl') throw invalidConfig('locale', "'en' or 'nl'", locale);
  const at = now === undefined ? clockNow(config, mention) : now instanceof Date ? now.getTime() : now;
  if (typeof at !== 'number' || !Number.isFinite(at)) throw invalidConfig('now', 'a Date or epoch ms', now);
  return { priorContacts: Math.floor(priorContacts), locale, now: at };
}

/** The tokens' lexicon entries of the current run (scoring is synchronous: one list serves). */
const runEntries: (Entry | undefined)[] = [];

function run(mention: Mention, config: ResolvedConfig, call: CallOptions): Assessment {
  const analysis = analyzeInto(mention.text, mention.lang, runEntries);
  const ctx: ScoreContext = {
    mention,
    analysis,
    entries: runEntries,
    entriesVersion: lexiconVersion,
    config,
    reasons: [],
    now: call.now,
    locale: call.locale,
    priorContacts: call.priorContacts,
  };
  if (analysis.truncated) {
    ctx.reasons.push({
      code: 'text-truncated',
      message: `only the first ${analysis.text.length} of ${analysis.originalLength} characters were analysed`,
      weight: 0,
      target: 'input',
    });
  }

  // One feature-extraction pass shared by every classify stage.
  const features = mentionFeatures(ctx);
  const sentiment = classifySentiment(ctx, features);
  const spam = detectSpam(ctx, features);
  const complaintGuess = classifyComplaint(ctx, features);
  const isComplaint = complaintGuess.isComplaint && !spam.isSpam;
  const severity = classifySeverity(ctx, features, isComplaint);
  const categories = classifyCategories(ctx, features, isComplaint);
  const intent = classifyIntent(ctx, features, {
    sentiment,
    isComplaint,
    complaintProbability: complaintGuess.probability,
    isSpam: spam.isSpam,
  });
  const identifiers = extractIdentifiers(analysis.text);
  const channelFailure = detectChannelFailure(ctx);
  const { reach, velocity } = estimateReach(ctx);

  const classified: Classified = {
    sentiment,
    complaint: { isComplaint, probability: complaintGuess.probability, severity, categories },
    intent,
    isSpam: spam.isSpam,
    spamScore: spam.score,
    channelFailure,
    identifiers,
    reach,
    severityValue: severityValue(features),
    cues: findCues(analysis.tokens, analysis.language, config.brandHandles, ctx.entries),
    velocity,
    addressed: addressesBrand(ctx),
  };
  const pilloryRisk = scorePilloryRisk(ctx, classified);
  const urgency = scoreUrgency(ctx, classified);
  const { priority, respondWithinMinutes, team } = decidePriority(ctx, classified, pilloryRisk, urgency);
  const replyAdvice = adviseReply(ctx, classified, pilloryRisk, urgency);
  if (ctx.locale === 'nl') localizeClassifierReasons(ctx);

  const assessment: Assessment = {
    mention,
    language: analysis.language,
    sentiment,
    complaint: classified.complaint,
    intent,
    isSpam: spam.isSpam,
    reach,
    pilloryRisk,
    urgency,
    priority,
    respondWithinMinutes,
    replyAdvice,
    channelFailure,
    identifiers,
    reasons: ctx.reasons,
  };
  const name = mention.author?.name?.trim();
  if (name !== undefined && name !== '') assessment.customerName = name;
  if (team !== undefined) assessment.team = team;
  return assessment;
}

/**
 * Build a scorer bound to a brand and policy. The configuration is validated once, here:
 * a bad field throws `WebcareError` with code `INVALID_CONFIG`.
 *
 * @example
 * ```ts
 * import { createScorer } from 'webcare';
 * const score = createScorer({ brand: { names: ['KPN'], handles: ['kpn'] }, policy: 'fair' });
 * const a = score({ text: 'Al 3 dagen storing @kpn', author: { followers: 12 } });
 * console.log(a.priority, a.respondWithinMinutes);
 * ```
 */
export function createScorer(config: ScorerConfig = {}): Scorer {
  const resolved = resolveConfig(config);
  return (input: MentionInput, options?: ScoreOptions) => {
    const mention = toMention(input);
    return run(mention, resolved, callOptions(resolved, options, mention));
  };
}

let defaultConfig: ResolvedConfig | undefined;

/**
 * Score one mention: language, sentiment, complaint, intent, reach, pillory risk, urgency,
 * priority, reply advice, identifiers, and the reasons for each. Synchronous and pure. A plain
 * string never throws; an object is validated first and throws `WebcareError`
 * (`INVALID_MENTION`) when a field is wrong.
 *
 * @example
 * ```ts
 * import { scoreMention } from 'webcare';
 * const a = scoreMention('Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!');
 * a.language;            // 'nl'
 * a.complaint.isComplaint; // true
 * a.priority;            // 'P1' or 'P2'
 * ```
 */
export function scoreMention(input: MentionInput, config?: ScorerConfig): Assessment {
  defaultConfig ??= resolveConfig({});
  if (config !== undefined) {
    if (!onlyCallFields(config)) {
      const resolved = resolveConfig(config);
      const mention = toMention(input);
      return run(mention, resolved, callOptions(resolved, undefined, mention));
    }
    // Only a clock and/or a locale: the default configuration with those two read per call,
    // without validating (and allocating) a whole configuration each time.
    const { locale = 'en', now = Date.now } = config;
    const mention = toMention(input);
    const at = mention.createdAt === undefined && now === Date.now ? 0 : checkedTime(now());
    return run(mention, defaultConfig, { priorContacts: 0, locale, now: at });
  }
  const mention = toMention(input);
  return run(mention, defaultConfig, callOptions(defaultConfig, undefined, mention));
}

/**
 * Whether a configuration sets nothing but a valid `locale` and/or `now` (what a caller passes
 * per call), so the default configuration serves with those two. Anything else, or an invalid
 * value, takes the full `resolveConfig` path (which throws the same errors as before).
 */
function onlyCallFields(config: ScorerConfig): boolean {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return false;
  // Any other key (a scorer field, or a misspelt one, refused there) takes the full path.
  for (const key in config) if (key !== 'locale' && key !== 'now') return false;
  const locale = config.locale;
  if (locale !== undefined && locale !== 'en' && locale !== 'nl') return false;
  const now = config.now;
  return now === undefined || typeof now === 'function';
}

/**
 * Like {@link scoreMention} but returns a result instead of throwing on an invalid object.
 *
 * @example
 * ```ts
 * import { safeScoreMention } from 'webcare';
 * const r = safeScoreMention({ text: 'hoi', metrics: { likes: -1 } });
 * r.success; // false
 * ```
 */
export function safeScoreMention(input: unknown, config?: ScorerConfig): SafeResult<Assessment> {
  try {
    return { success: true, output: scoreMention(input as MentionInput, config) };
  } catch (e) {
    if (e instanceof WebcareError) return { success: false, error: e };
    return { success: false, error: new WebcareError('INVALID_MENTION', 'Could not score the mention', { cause: e }) };
  }
}
