/**
 * Urgency: how time-critical the customer's OWN need is: a connecting flight in an hour, no
 * power or internet for someone working from home, money gone, a safety risk, "asap". It reads
 * only the text and the classification, never followers or reach, so two customers with the
 * same problem get the same urgency (the fair policy relies on that).
 *
 * The model is a noisy-OR: each cue is an independent chance that the need cannot wait,
 *
 *     urgency = 1 - Π (1 - p_i)
 *
 * with the `p_i` of {@link URGENCY_WEIGHTS}; each cue that fires is one reason whose `weight`
 * is its `p_i`. "No rush" / "geen haast" halves the result.
 * @module
 */
import type { Classified, ScoreContext } from '../context.js';
import { pushReason } from '../explain.js';
import { CUE, type CueHits } from './cues.js';

/**
 * The chance per cue that the customer's need cannot wait (noisy-OR terms).
 *
 * @example
 * ```ts
 * import { URGENCY_WEIGHTS } from 'webcare';
 * URGENCY_WEIGHTS.safety; // 0.8
 * ```
 */
export const URGENCY_WEIGHTS = {
  /** A flight or train about to leave, a missed connection, stranded. */
  travelNow: 0.7,
  /** Travel plus a deadline within hours or "now": the same need, said differently. */
  travelSoon: 0.7,
  /** Travel named, no time pressure stated. */
  travel: 0.1,
  /** "over een uur", "in 20 minutes". */
  deadline: 0.45,
  /** "nu", "vandaag", "now", "today": small weight each (at most two count), only next to a need. */
  now: 0.15,
  /** "asap", "spoed", "dringend", "urgent". */
  asap: 0.45,
  /** No internet, power, water or heating. */
  utility: 0.5,
  /** Work from home, an exam or an interview depends on it. */
  homeWork: 0.3,
  /** Charged twice, money gone, card blocked. */
  money: 0.45,
  /** Fire, gas, injury, hospital. */
  safety: 0.8,
  /** A baby, an elderly or sick person, medication. */
  vulnerable: 0.35,
  /** An unresolved problem (complaint probability times this). */
  problem: 0.15,
  /** Tried other channels and is still waiting. */
  channelFailure: 0.15,
  /** A question waits for an answer. */
  question: 0.1,
  /** Factor applied when the customer says there is no rush. */
  noRush: 0.5,
};

const SIMPLE = [
  ['deadline', CUE.deadline, 'urgency-deadline'],
  ['asap', CUE.asap, 'urgency-asap'],
  ['utility', CUE.utility, 'urgency-utility'],
  ['homeWork', CUE.homeWork, 'urgency-home-work'],
  ['money', CUE.money, 'urgency-money'],
  ['safety', CUE.safety, 'urgency-safety'],
  ['vulnerable', CUE.vulnerable, 'urgency-vulnerable'],
] as const;

const bit = (k: number): number => 1 << k;
const SIMPLE_MASK = SIMPLE.reduce((m, [, k]) => m | bit(k), 0);

/**
 * Score the urgency (0..1) and push one reason per cue.
 *
 * @example
 * ```ts
 * scoreMention('@KLM mijn aansluitende vlucht vertrekt over een uur en mijn koffer is weg').urgency > 0.7; // true
 * ```
 */
export function scoreUrgency(ctx: ScoreContext, c: Classified): number {
  if (c.isSpam) return 0;
  const W = URGENCY_WEIGHTS;
  const reasons = ctx.reasons;
  const locale = ctx.locale;
  const h: CueHits = c.cues;
  const mask = h.mask;
  let keep = 1; // Π (1 - p_i)

  // A trip named in praise ("fijne vlucht") is no need; in a complaint or question it is.
  const asks = c.complaint.isComplaint || c.intent === 'question';
  // "now"/"today" count as time pressure only next to a complaint or question.
  const timePressure = (mask & (bit(CUE.deadline) | bit(CUE.asap))) !== 0 || (asks && (mask & bit(CUE.now)) !== 0);
  if ((mask & bit(CUE.travelNow)) !== 0) {
    keep *= 1 - W.travelNow;
    pushReason(reasons, locale, 'urgency-travel-now', W.travelNow, 'urgency', h.words[CUE.travelNow]);
  } else if ((mask & bit(CUE.travel)) !== 0 && (timePressure || asks)) {
    const p = timePressure ? W.travelSoon : W.travel;
    keep *= 1 - p;
    pushReason(
      reasons,
      locale,
      timePressure ? 'urgency-travel-now' : 'urgency-travel',
      p,
      'urgency',
      h.words[CUE.travel],
    );
  }
  if ((mask & SIMPLE_MASK) !== 0) {
    for (const [name, k, code] of SIMPLE) {
      if ((mask & bit(k)) === 0) continue;
      keep *= 1 - W[name];
      pushReason(reasons, locale, code, W[name], 'urgency', h.words[k]);
    }
  }
  // "Now" and "today" only make a need urgent; on their own ("lekker gewerkt vandaag") they
  // are just time words.
  const need = asks || keep < 1;
  if (need && (mask & bit(CUE.now)) !== 0) {
    const n = Math.min(2, h.timeWords);
    if (n > 0) {
      const p = 1 - (1 - W.now) ** n;
      keep *= 1 - p;
      pushReason(reasons, locale, 'urgency-now', p, 'urgency', h.words[CUE.now]);
    }
  }
  const problem = c.complaint.isComplaint ? W.problem * c.complaint.probability : 0;
  if (problem > 0.01) {
    keep *= 1 - problem;
    pushReason(reasons, locale, 'urgency-problem', problem, 'urgency');
  }
  if (c.channelFailure.detected) {
    keep *= 1 - W.channelFailure;
    pushReason(reasons, locale, 'urgency-channel-failure', W.channelFailure, 'urgency');
  }
  if (c.intent === 'question') {
    keep *= 1 - W.question;
    pushReason(reasons, locale, 'urgency-question', W.question, 'urgency');
  }
  let u = 1 - keep;
  if ((mask & bit(CUE.noRush)) !== 0 && u > 0) {
    pushReason(reasons, locale, 'urgency-no-rush', -u * (1 - W.noRush), 'urgency', h.words[CUE.noRush]);
    u *= W.noRush;
  }
  return Math.round(u * 1000) / 1000;
}
