/**
 * Complaint detection: a breach of expectation (Preoţiuc-Pietro et al. 2019), not merely
 * negative sentiment. Logistic regression over language-independent concept features (problem,
 * "does not work", time span, repeated attempts, broken promise, refund demand, questions that
 * imply failure, addressing the brand) plus, for English, learned word weights. Dutch uses the
 * concept-only head: the same concepts, fired by the Dutch cue lists.
 * @module
 */
import type { ScoreContext } from '../context.js';
import { explainTop } from './explain.js';
import type { MentionFeatures } from './mention-features.js';
import * as model_ from './model.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const DECISION = model_.DECISION;
const OFFSET = model_.OFFSET;
const OUT = model_.OUT;
const WORDS = model_.WORDS;

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
  const probability = Math.round((1 / (1 + Math.exp(-(OUT[OFFSET.complaint] as number)))) * 1000) / 1000;
  const isComplaint = probability >= DECISION.complaintThreshold;
  const words = WORDS[OFFSET.complaint] as number;
  if (isComplaint) explainTop(ctx.reasons, 'complaint', head, f, 0, 3, 1, 1, words);
  else explainTop(ctx.reasons, 'complaint', head, f, 0, 1, -1, -1, words);
  return { isComplaint, probability };
}
