/**
 * Pillory risk: the chance this becomes public shaming that costs the brand.
 * @module
 */
import type { Classified, ScoreContext } from '../context.js';

/**
 * Score the pillory risk (0..1).
 *
 * @example
 * ```ts
 * scoreMention('Schande! Nooit meer @KPN, pas op mensen').pilloryRisk > 0.5; // true
 * ```
 */
export function scorePilloryRisk(ctx: ScoreContext, c: Classified): number {
  if (c.isSpam) return 0;
  const neg = Math.max(0, -c.sentiment.score);
  const reach = Math.min(1, Math.log10(1 + c.reach.estimated) / 5);
  const risk = Math.min(1, 0.4 * c.complaint.probability + 0.3 * neg + 0.3 * reach);
  ctx.reasons.push({ code: 'pillory', message: 'complaint, negativity and reach', weight: risk, target: 'pillory' });
  return risk;
}
