/**
 * Complaint detection: a breach of expectation, not merely negative sentiment.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { SentimentResult } from '../types.js';

const CUES = new Set([
  'still',
  'never',
  'again',
  'waiting',
  'nog',
  'steeds',
  'nooit',
  'weer',
  'storing',
  'kapot',
  'broken',
  'refund',
  'cancelled',
  'delayed',
  'geannuleerd',
  'vertraging',
]);

/**
 * Estimate whether a mention is a complaint.
 *
 * @example
 * ```ts
 * scoreMention('My order never arrived').complaint.isComplaint; // true
 * ```
 */
export function classifyComplaint(
  ctx: ScoreContext,
  sentiment: SentimentResult,
): { isComplaint: boolean; probability: number } {
  let z = -1.2 - sentiment.score * 1.5;
  for (const t of ctx.analysis.tokens) if (t.kind === 'word' && CUES.has(t.norm)) z += 0.9;
  const probability = 1 / (1 + Math.exp(-z));
  ctx.reasons.push({
    code: 'complaint-model',
    message: `complaint probability ${probability.toFixed(2)}`,
    weight: probability,
    target: 'complaint',
  });
  return { isComplaint: probability >= 0.5, probability };
}
