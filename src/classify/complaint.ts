/**
 * Complaint detection: a breach of expectation (Preoţiuc-Pietro et al. 2019), not merely
 * negative sentiment. Logistic regression over language-independent concept features (problem,
 * "does not work", time span, repeated attempts, broken promise, refund demand, questions that
 * imply failure, addressing the brand) plus, for English, learned word weights. Dutch uses the
 * concept-only head: the same concepts, fired by the Dutch cue lists.
 * @module
 */
import type { ScoreContext } from '../context.js';
import { explainFeature } from './explain.js';
import type { MentionFeatures } from './mention-features.js';
import { DECISION, applyHead, topContributions } from './model.js';

const z = new Float64Array(1);

/**
 * Estimate whether a mention is a complaint, with a calibrated probability.
 *
 * @example
 * ```ts
 * scoreMention('My order never arrived').complaint.isComplaint; // true
 * ```
 */
export function classifyComplaint(
  ctx: ScoreContext,
  f: MentionFeatures,
): { isComplaint: boolean; probability: number } {
  const head = f.model.heads.complaint;
  applyHead(head, f, z);
  const probability = Math.round((1 / (1 + Math.exp(-(z[0] as number)))) * 1000) / 1000;
  const isComplaint = probability >= DECISION.complaintThreshold;
  for (const [i, w] of topContributions(head, f, 0, isComplaint ? 3 : 1, isComplaint ? 1 : -1)) {
    const { code, message } = explainFeature('complaint', i, f);
    ctx.reasons.push({ code, message, weight: isComplaint ? w : -w, target: 'complaint' });
  }
  return { isComplaint, probability };
}
