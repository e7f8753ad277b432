/**
 * Priority policies: turn urgency, pillory risk, severity and intent into P1-P4. A policy is a
 * plain object `{ name, decide(input) }`; hosts pass their own to `createScorer({ policy })`.
 *
 * Both built-in policies share the same skeleton, so they differ only in what they rank by:
 * - spam is P4, always;
 * - praise, suggestions and other mentions without a need (no complaint, no question, little
 *   urgency) are P4: they deserve a thank-you or a note to the product team, not a queue slot;
 * - complaints and questions are at least P3: every customer who asks gets an answer;
 * - a customer who already tried other channels (kanaalsturing) or contacts us again moves up:
 *   they have waited once already.
 * @module
 */
import type { PolicyInput, PriorityPolicy } from '../config.js';
import { policyNotes, reasonMessage } from '../explain.js';
import type { Priority, Severity } from '../types.js';

/**
 * Score thresholds of the built-in policies: P1 from 0.7, P2 from 0.35, P3 from 0.15.
 *
 * @example
 * ```ts
 * import { PRIORITY_THRESHOLDS } from 'webcare';
 * PRIORITY_THRESHOLDS.P1; // 0.7
 * ```
 */
export const PRIORITY_THRESHOLDS = {
  /** Policy score from which a mention is P1. */
  P1: 0.7,
  /** Policy score from which a mention is P2 (below {@link PRIORITY_THRESHOLDS.P1}). */
  P2: 0.35,
  /** Policy score from which a mention is P3; below it, P4. */
  P3: 0.15,
} as const;

/**
 * What the fair policy reads from severity (Jin & Aletras levels), on the scale of urgency.
 *
 * @example
 * ```ts
 * import { FAIR_SEVERITY } from 'webcare';
 * FAIR_SEVERITY.blame; // 0.45
 * ```
 */
export const FAIR_SEVERITY: Readonly<Record<Severity, number>> = {
  none: 0,
  no_explicit_reproach: 0.2,
  disapproval: 0.3,
  accusation: 0.4,
  blame: 0.45,
};

/**
 * Sentiment at or below which a mention addressed to the brand counts as criticism to answer
 * (advice and both policies use it).
 *
 * @example
 * ```ts
 * scoreMention('@PostNL nu al 2 dagen stilte').sentiment.score <= CRITICISM; // true: answer it
 * ```
 */
export const CRITICISM = -0.2;
/** Pillory risk from which the default policy keeps a non-complaint out of P4 (one cue is enough). */
const QUIET_PILLORY = 0.2;

/** Added to the score per reason to move up (channel failure; repeat contact). */
const BUMP = 0.1;

function fromScore(s: number): Priority {
  const t = PRIORITY_THRESHOLDS;
  return s >= t.P1 ? 'P1' : s >= t.P2 ? 'P2' : s >= t.P3 ? 'P3' : 'P4';
}

// Two-decimal strings of 0..1, built once: toFixed per call costs more than the policy itself.
const TWO = Array.from({ length: 101 }, (_, i) => (i / 100).toFixed(2));
const two = (x: number): string => TWO[Math.round(Math.min(1, Math.max(0, x)) * 100)] as string;

const LABELS = [
  [
    ['urgency', 'pillory risk'],
    ['urgentie', 'schandpaalrisico'],
  ],
  [
    ['urgency', 'severity'],
    ['urgentie', 'ernst'],
  ],
] as const;

const noisyOr = (a: number, b: number): number => 1 - (1 - a) * (1 - b);

const SPAM_DETAIL = '0.00|0.00|0.00|s';
// The spam decision's message per locale (the same for both policies), rendered once.
const SPAM_REASON = {
  en: reasonMessage('policy-default', 'en', SPAM_DETAIL),
  nl: reasonMessage('policy-default', 'nl', SPAM_DETAIL),
};

function decideWith(input: PolicyInput, code: string, a_: number, b_: number, quietCap: boolean) {
  const locale = input.locale === 'nl' ? 'nl' : 'en';
  if (input.isSpam) {
    return { priority: 'P4' as Priority, reason: SPAM_REASON[locale], score: 0, detail: SPAM_DETAIL };
  }
  let s = noisyOr(a_, b_);
  let notes = '';
  if (input.channelFailure) {
    s += BUMP;
    notes += 'c';
  }
  const prior = input.priorContacts ?? 0;
  if (prior > 0) {
    s += BUMP;
    notes += 'r';
  }
  s = Math.min(1, s);
  let priority = fromScore(s);
  // A complaint, a question, or criticism said to the brand's face (even when the classifier did
  // not call it a complaint) always gets an answer.
  const needs =
    input.isComplaint ||
    input.intent === 'question' ||
    input.intent === 'complaint' ||
    (input.addressed === true && input.sentimentScore <= CRITICISM);
  if (needs && priority === 'P4') {
    priority = 'P3';
    notes += 'f';
  } else if (!needs && quietCap && priority !== 'P4' && !input.channelFailure && prior === 0) {
    priority = 'P4';
    notes += 'q';
  }
  const a = two(a_);
  const b = two(b_);
  const sc = two(s);
  const detail = `${a}|${b}|${sc}|${notes}`;
  // Built here rather than through the message table (the same text): this runs on every mention.
  const [la, lb] = LABELS[code === 'policy-fair' ? 1 : 0]?.[locale === 'nl' ? 1 : 0] ?? ['', ''];
  let reason = `${la} ${a}, ${lb} ${b} → ${sc}`;
  if (notes !== '') reason += policyNotes(notes, locale === 'nl');
  return { priority, reason, score: s, detail };
}

/**
 * The default policy: urgency and pillory risk, combined as a noisy-OR (either can make a
 * mention urgent; both together more so), plus the shared skeleton (spam P4, no-need P4 unless
 * the pillory risk or urgency is high, complaints and questions at least P3, channel failure
 * and repeat contacts move up). It protects the customer in a hurry and the brand's reputation
 * at once, which is what webcare teams are asked to do; because pillory risk grows with reach,
 * a large account gets an answer sooner for the same problem. Choose {@link fairPolicy} when
 * that is not wanted.
 *
 * @example
 * ```ts
 * import { defaultPolicy } from 'webcare';
 * defaultPolicy.decide({
 *   urgency: 0.9, pilloryRisk: 0.1, intent: 'complaint', severity: 'disapproval', isComplaint: true,
 *   complaintProbability: 0.9, isSpam: false, reach: 20, sentimentScore: -0.5, channelFailure: false,
 * }).priority; // 'P1'
 * ```
 */
export const defaultPolicy: PriorityPolicy = {
  name: 'default',
  decide(input: PolicyInput) {
    // A non-complaint stays P4 unless it is urgent or a reputation risk ("never again" is enough).
    const quiet = input.urgency < 0.35 && input.pilloryRisk < QUIET_PILLORY;
    return decideWith(input, 'policy-default', input.urgency, input.pilloryRisk, quiet);
  },
};

/**
 * The fair policy: urgency and complaint severity only, never reach, followers or anything
 * derived from them. A customer with 12 followers is served as fast as an influencer with the
 * same problem. Same skeleton as {@link defaultPolicy}.
 *
 * @example
 * ```ts
 * import { createScorer } from 'webcare';
 * const score = createScorer({ policy: 'fair' });
 * score({ text: 'Mijn pakket is kwijt', author: { followers: 12 } }).priority ===
 *   score({ text: 'Mijn pakket is kwijt', author: { followers: 500000 } }).priority; // true
 * ```
 */
export const fairPolicy: PriorityPolicy = {
  name: 'fair',
  decide(input: PolicyInput) {
    const sev = input.isComplaint ? (FAIR_SEVERITY[input.severity] ?? 0) : 0;
    return decideWith(input, 'policy-fair', input.urgency, sev, input.urgency < 0.35);
  },
};
