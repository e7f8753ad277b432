/**
 * Sentiment: a multinomial logistic regression over lexicon valence (AFINN / pattern.nl + our
 * Dutch list, with negation scope, intensifiers, "but/maar" contrast, caps, elongation, emoji)
 * and learned word weights, trained by scripts/train.ts. Score = P(positive) − P(negative).
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { SentimentLabel, SentimentResult } from '../types.js';
import { explainTop } from './explain.js';
import * as features_ from './features.js';
import type { MentionFeatures } from './mention-features.js';
import * as model_ from './model.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const stackFeatures = features_.stackFeatures;
const OUT = model_.OUT;
const WORDS = model_.WORDS;
const addStacking = model_.addStacking;

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/**
 * Classify the sentiment of an analysed mention.
 *
 * @example
 * ```ts
 * const a = scoreMention('Wat een top service!');
 * a.sentiment.label; // 'positive'
 * ```
 */
export function classifySentiment(ctx: ScoreContext, f: MentionFeatures): SentimentResult {
  const head = f.model.heads.sentiment;
  const z0 = OUT[0] as number;
  const z1 = OUT[1] as number;
  const z2 = OUT[2] as number;
  const max = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - max);
  const e1 = Math.exp(z1 - max);
  const e2 = Math.exp(z2 - max);
  const s = e0 + e1 + e2;
  const pNeg = e0 / s;
  const pPos = e2 / s;
  // Stacking: the complaint, severity and category heads read these.
  stackFeatures(f.dense, pNeg, pPos);
  addStacking(f.model, f.dense);
  const best = e0 >= e1 && e0 >= e2 ? 0 : e2 >= e1 ? 2 : 1;
  const label = LABELS[best] as SentimentLabel;
  const score = Math.round((pPos - pNeg) * 1000) / 1000;
  if (best !== 1) explainTop(ctx.reasons, 'sentiment', head, f, best, 2, 1, best === 0 ? -1 : 1, WORDS[best] as number);
  return { label, score };
}
