/**
 * Urgency: how time-critical the customer's own need is, independent of reach.
 * @module
 */
import type { Classified, ScoreContext } from '../context.js';

const URGENT = new Set(['now', 'asap', 'urgent', 'today', 'nu', 'vandaag', 'dringend', 'spoed']);

/**
 * Score the urgency (0..1).
 *
 * @example
 * ```ts
 * scoreMention('My flight leaves in an hour and my booking is gone, help now!').urgency > 0.5; // true
 * ```
 */
export function scoreUrgency(ctx: ScoreContext, c: Classified): number {
  if (c.isSpam) return 0;
  let u = c.complaint.probability * 0.3;
  for (const t of ctx.analysis.tokens) if (URGENT.has(t.norm)) u += 0.3;
  return Math.min(1, u);
}
