/**
 * Reach: how many people will likely see the mention.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { ReachEstimate } from '../types.js';

/**
 * Estimate the audience of a mention from what is known about it.
 *
 * @example
 * ```ts
 * scoreMention({ text: 'hi', author: { followers: 10000 } }).reach.estimated > 100; // true
 * ```
 */
export function estimateReach(ctx: ScoreContext): ReachEstimate {
  const m = ctx.mention;
  if (m.isPublic === false) return { estimated: 1, low: 1, high: 1 };
  const followers = m.author?.followers ?? 200;
  const reposts = m.metrics?.reposts ?? 0;
  const estimated = Math.round(followers * 0.1 + reposts * 50 + 1);
  return { estimated, low: Math.round(estimated / 3), high: estimated * 3 };
}
