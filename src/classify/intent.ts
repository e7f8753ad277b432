/**
 * Intent: spam, complaint, suggestion, question, praise or other, decided in that order from the
 * earlier stages and the concept cues ("you should", "zou fijn zijn als", "suggestie").
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { Intent, SentimentResult } from '../types.js';
import * as features_ from './features.js';
import type { MentionFeatures } from './mention-features.js';
import { CONCEPT_NAMES } from './table.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const S = features_.S;

const ci = (n: (typeof CONCEPT_NAMES)[number]) => CONCEPT_NAMES.indexOf(n);
const SUGGEST = ci('suggest');
const THANKS = ci('thanks');
const INFO_Q = ci('infoQuestion');
const WHEN_WHERE = ci('whenWhere');
const WHY = ci('why');

/**
 * Decide what the author wants.
 *
 * @example
 * ```ts
 * scoreMention('Hoe laat gaat de winkel open?').intent; // 'question'
 * scoreMention('Zou fijn zijn als de app een donkere modus kreeg').intent; // 'suggestion'
 * ```
 */
export function classifyIntent(
  ctx: ScoreContext,
  f: MentionFeatures,
  parts: { sentiment: SentimentResult; isComplaint: boolean; complaintProbability: number; isSpam: boolean },
): Intent {
  const c = f.concepts;
  let intent: Intent;
  let why: string;
  const suggests = (c[SUGGEST] as number) > 0;
  const asks =
    f.dense[S.question] !== 0 || (c[INFO_Q] as number) > 0 || (c[WHEN_WHERE] as number) > 0 || (c[WHY] as number) > 0;
  if (parts.isSpam) {
    intent = 'spam';
    why = 'the spam detector fired';
  } else if (suggests && parts.complaintProbability < 0.8 && parts.sentiment.label !== 'negative') {
    intent = 'suggestion';
    why = `suggests something ("${f.conceptWord[SUGGEST]}")`;
  } else if (parts.isComplaint) {
    intent = 'complaint';
    why = 'classified as a complaint';
  } else if (suggests) {
    intent = 'suggestion';
    why = `suggests something ("${f.conceptWord[SUGGEST]}")`;
  } else if (asks && (f.dense[S.question] !== 0 || (c[INFO_Q] as number) > 0)) {
    intent = 'question';
    why = 'asks a question';
  } else if (parts.sentiment.label === 'positive' || ((c[THANKS] as number) > 0 && parts.sentiment.score > 0)) {
    intent = 'praise';
    why = 'positive and not a complaint';
  } else {
    intent = 'other';
    why = 'no complaint, question, suggestion or praise';
  }
  ctx.reasons.push({ code: `intent-${intent}`, message: why, weight: 1, target: 'intent' });
  return intent;
}
