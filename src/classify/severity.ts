/**
 * Severity on the four levels of Jin & Aletras (2021).
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { SentimentResult, Severity } from '../types.js';

/**
 * Grade the severity of a complaint.
 *
 * @example
 * ```ts
 * scoreMention('You stole my money, this is fraud!').complaint.severity; // 'accusation' or 'blame'
 * ```
 */
export function classifySeverity(_ctx: ScoreContext, sentiment: SentimentResult, isComplaint: boolean): Severity {
  if (!isComplaint) return 'none';
  if (sentiment.score < -0.7) return 'accusation';
  if (sentiment.score < -0.3) return 'disapproval';
  return 'no_explicit_reproach';
}
