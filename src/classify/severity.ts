/**
 * Severity on the four levels of Jin & Aletras (2021): no explicit reproach < disapproval <
 * accusation < blame. A least-squares regression on the level (trained on complaints only) over
 * accusation/blame cues ("scam", "oplichters", "your fault", "jullie schuld"), profanity,
 * negativity aimed at the company and learned word weights, cut into levels at trained points.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { Severity } from '../types.js';
import { explainFeature } from './explain.js';
import type { MentionFeatures } from './mention-features.js';
import { DECISION, applyHead, topContributions } from './model.js';

const LEVELS: readonly Severity[] = ['no_explicit_reproach', 'disapproval', 'accusation', 'blame'];
const z = new Float64Array(1);

/**
 * The severity regression value (about 1..4) of a mention, whether or not it is a complaint.
 *
 * @example
 * ```ts
 * severityValue(features); // 2.7
 * ```
 */
export function severityValue(f: MentionFeatures): number {
  applyHead(f.model.heads.severity, f, z);
  return z[0] as number;
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
  if (level > 0) {
    const [top] = topContributions(f.model.heads.severity, f, 0, 1, 1);
    if (top !== undefined) {
      const { code, message } = explainFeature('severity', top[0], f);
      ctx.reasons.push({ code, message, weight: top[1], target: 'severity' });
    }
  }
  return LEVELS[level] as Severity;
}
