/**
 * Sentiment: a multinomial logistic regression over lexicon valence (AFINN / pattern.nl + our
 * Dutch list, with negation scope, intensifiers, "but/maar" contrast, caps, elongation, emoji)
 * and learned word weights, trained by scripts/train.ts. Score = P(positive) − P(negative).
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { SentimentLabel, SentimentResult } from '../types.js';
import { explainFeature } from './explain.js';
import { S } from './features.js';
import type { MentionFeatures } from './mention-features.js';
import { applyHead, topContributions } from './model.js';

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const z = new Float64Array(3);

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
  applyHead(head, f, z);
  const max = Math.max(z[0] as number, z[1] as number, z[2] as number);
  const e0 = Math.exp((z[0] as number) - max);
  const e1 = Math.exp((z[1] as number) - max);
  const e2 = Math.exp((z[2] as number) - max);
  const s = e0 + e1 + e2;
  const pNeg = e0 / s;
  const pPos = e2 / s;
  // Stacking: the complaint, severity and category heads read these.
  f.dense[S.sentNeg] = pNeg;
  f.dense[S.sentPos] = pPos;
  const best = e0 >= e1 && e0 >= e2 ? 0 : e2 >= e1 ? 2 : 1;
  const label = LABELS[best] as SentimentLabel;
  const score = Math.round((pPos - pNeg) * 1000) / 1000;
  if (best !== 1) {
    for (const [i, w] of topContributions(head, f, best, 2, 1)) {
      const { code, message } = explainFeature('sentiment', i, f);
      ctx.reasons.push({ code, message, weight: best === 0 ? -w : w, target: 'sentiment' });
    }
  }
  return { label, score };
}
