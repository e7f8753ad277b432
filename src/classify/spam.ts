/**
 * Spam: loan and crypto scams, "contact me on WhatsApp", follow-for-follow, link farms.
 * @module
 */
import type { ScoreContext } from '../context.js';

const SPAM_WORDS = new Set([
  'loan',
  'lening',
  'crypto',
  'bitcoin',
  'whatsapp',
  'investment',
  'forex',
  'f4f',
  'followback',
]);

/**
 * Detect spam in an analysed mention.
 *
 * @example
 * ```ts
 * scoreMention('Need a loan? Contact me on WhatsApp +1 555 0100').isSpam; // true
 * ```
 */
export function detectSpam(ctx: ScoreContext): { isSpam: boolean; score: number } {
  let hits = 0;
  let urls = 0;
  for (const t of ctx.analysis.tokens) {
    if (t.kind === 'url') urls += 1;
    else if ((t.kind === 'word' || t.kind === 'hashtag') && SPAM_WORDS.has(t.norm)) hits += 1;
  }
  const score = Math.min(1, hits * 0.35 + (urls >= 3 ? 0.4 : 0));
  if (score >= 0.6)
    ctx.reasons.push({ code: 'spam', message: `${hits} scam words, ${urls} links`, weight: score, target: 'spam' });
  return { isSpam: score >= 0.6, score };
}
