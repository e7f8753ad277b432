/**
 * Severity on the four levels of Jin & Aletras (2021): no explicit reproach < disapproval <
 * accusation < blame. A least-squares regression on the level (trained on complaints only) over
 * accusation/blame cues ("scam", "oplichters", "your fault", "jullie schuld"), profanity,
 * negativity aimed at the company and learned word weights, cut into levels at trained points.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { Severity } from '../types.js';
import { explainTop } from './explain.js';
import type { MentionFeatures } from './mention-features.js';
import * as model_ from './model.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const DECISION = model_.DECISION;
const OFFSET = model_.OFFSET;
const OUT = model_.OUT;
const WORDS = model_.WORDS;

const LEVELS: readonly Severity[] = ['no_explicit_reproach', 'disapproval', 'accusation', 'blame'];

/**
 * The severity regression value (about 1..4) of the mention being scored (read from the fused
 * outputs of this scoring run), whether or not it is a complaint.
 *
 * @example
 * ```ts
 * severityValue(features); // 2.7
 * ```
 */
export function severityValue(_f: MentionFeatures): number {
  return OUT[OFFSET.severity] as number;
}

/**
 * Grade the severity of a complaint (`none` when it is not one).
 *
 * @example
 * ```ts
 * scoreMention('You stole my money, this is fraud!').complaint.severity; // 'accusation' or 'blame'
 * ```
 */
export function classifySeverity(ctx: ScoreContext, f: MentionFeatures, isComplaint: boolean): Severity {
  if (!isComplaint) return 'none';
  const v = severityValue(f);
  const cuts = DECISION.severityCuts;
  let level = 0;
  while (level < 3 && v >= (cuts[level] as number)) level += 1;
  if (level > 0)
    explainTop(ctx.reasons, 'severity', f.model.heads.severity, f, 0, 1, 1, 1, WORDS[OFFSET.severity] as number);
  return LEVELS[level] as Severity;
}
