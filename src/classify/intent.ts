/**
 * Intent: complaint, question, praise, suggestion, spam or other.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { Intent, SentimentResult } from '../types.js';

/**
 * Decide what the author wants.
 *
 * @example
 * ```ts
 * scoreMention('Hoe laat gaat de winkel open?').intent; // 'question'
 * ```
 */
export function classifyIntent(
  ctx: ScoreContext,
  parts: { sentiment: SentimentResult; isComplaint: boolean; isSpam: boolean },
): Intent {
  if (parts.isSpam) return 'spam';
  if (parts.isComplaint) return 'complaint';
  if (ctx.analysis.tokens.some((t) => t.kind === 'punct' && t.raw.includes('?'))) return 'question';
  if (parts.sentiment.label === 'positive') return 'praise';
  return 'other';
}
