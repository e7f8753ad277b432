/**
 * Sentiment: lexicon valence with negation scope, squashed to -1..1.
 * First version: AFINN (from `sentiment`) for English, natural's pattern.nl adjectives for Dutch.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { SentimentResult } from '../types.js';
import { lexiconFor } from '../lexicons/index.js';

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "don't",
  "didn't",
  "isn't",
  "can't",
  'niet',
  'geen',
  'nooit',
  'niks',
  'niets',
]);

/**
 * Classify the sentiment of an analysed mention.
 *
 * @example
 * ```ts
 * const a = scoreMention('Wat een top service!');
 * a.sentiment.label; // 'positive'
 * ```
 */
export function classifySentiment(ctx: ScoreContext): SentimentResult {
  const lex = lexiconFor(ctx.analysis.language, ctx.config.extraWords);
  let sum = 0;
  let negateLeft = 0;
  for (const t of ctx.analysis.tokens) {
    if (t.kind === 'punct') {
      negateLeft = 0;
      continue;
    }
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    if (NEGATORS.has(t.norm)) {
      negateLeft = 3;
      continue;
    }
    const v = lex.get(t.norm);
    if (v !== undefined) {
      const signed = negateLeft > 0 ? -v * 0.6 : v;
      sum += signed;
      ctx.reasons.push({
        code: signed < 0 ? 'neg-word' : 'pos-word',
        message: `"${t.norm}"`,
        weight: signed,
        target: 'sentiment',
      });
    }
    if (negateLeft > 0) negateLeft -= 1;
  }
  const score = Math.tanh(sum / 4);
  const label = score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral';
  return { label, score };
}
