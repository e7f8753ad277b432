/**
 * The scoring pipeline: analyse the text once, classify, escalate, decide. Each stage is a pure
 * function in its own module; this file only fixes their order.
 * @module
 */
import { type ResolvedConfig, type ScorerConfig, resolveConfig } from './config.js';
import type { Classified, ScoreContext } from './context.js';
import { WebcareError } from './errors.js';
import { type SafeResult, normalizeMention } from './mention.js';
import { analyzeText } from './text/index.js';
import type { Assessment, Mention, MentionInput } from './types.js';

import { classifyCategories } from './classify/category.js';
import { classifyComplaint } from './classify/complaint.js';
import { extractIdentifiers } from './classify/identifiers.js';
import { classifyIntent } from './classify/intent.js';
import { mentionFeatures } from './classify/mention-features.js';
import { classifySentiment } from './classify/sentiment.js';
import { classifySeverity } from './classify/severity.js';
import { detectSpam } from './classify/spam.js';
import { adviseReply } from './escalate/advice.js';
import { detectChannelFailure } from './escalate/channel-failure.js';
import { decidePriority } from './escalate/decide.js';
import { scorePilloryRisk } from './escalate/pillory.js';
import { estimateReach } from './escalate/reach.js';
import { scoreUrgency } from './escalate/urgency.js';

/** A scoring function bound to a configuration. */
export type Scorer = (input: MentionInput) => Assessment;

function toMention(input: MentionInput): Mention {
  // Plain text is the bot's path: no validation needed, and it must never throw.
  if (typeof input === 'string') return { text: input };
  return normalizeMention(input);
}

function run(mention: Mention, config: ResolvedConfig): Assessment {
  const analysis = analyzeText(mention.text, mention.lang);
  const ctx: ScoreContext = { mention, analysis, config, reasons: [], now: config.now() };
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
  const reach = estimateReach(ctx);

  const classified: Classified = {
    sentiment,
    complaint: { isComplaint, probability: complaintGuess.probability, severity, categories },
    intent,
    isSpam: spam.isSpam,
    spamScore: spam.score,
    channelFailure,
    identifiers,
    reach,
  };
  const pilloryRisk = scorePilloryRisk(ctx, classified);
  const urgency = scoreUrgency(ctx, classified);
  const { priority, respondWithinMinutes, team } = decidePriority(ctx, classified, pilloryRisk, urgency);
  const replyAdvice = adviseReply(ctx, classified);

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
  const name = mention.author?.name;
  if (name !== undefined && name.trim() !== '') assessment.customerName = name.trim();
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
  return (input: MentionInput) => run(toMention(input), resolved);
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
  if (config !== undefined) return run(toMention(input), resolveConfig(config));
  defaultConfig ??= resolveConfig({});
  return run(toMention(input), defaultConfig);
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
