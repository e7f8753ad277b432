/**
 * The peer libraries scored beside webcare in scripts/eval.ts and bench/score.bench.ts, each
 * reduced to one function text → sentiment score (> 0 positive, < 0 negative, 0 neutral).
 * natural is loaded through deep imports only (its root reads .env and is slow).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A peer: name and a scorer per language. */
export interface Peer {
  name: string;
  score: (text: string, lang: 'en' | 'nl') => number;
  /** Threshold of |score| below which the label is neutral. */
  neutralBand: number;
}

type AnalyzeFn = (text: string) => { score: number };

/** Load the peers (each module once). */
export function loadPeers(): Peer[] {
  const Sentiment = require('sentiment') as new () => { analyze: AnalyzeFn };
  const afinn = new Sentiment();
  const vader = require('vader-sentiment') as {
    SentimentIntensityAnalyzer: { polarity_scores: (t: string) => { compound: number } };
  };
  const wink = require('wink-sentiment') as (t: string) => { normalizedScore: number };
  const Analyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (
    lang: string,
    stemmer: unknown,
    vocabulary: string,
  ) => { getSentiment: (words: string[]) => number };
  const porter = require('natural/lib/natural/stemmers/porter_stemmer.js');
  const porterNl = require('natural/lib/natural/stemmers/porter_stemmer_nl.js');
  const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
    WordTokenizer: new () => { tokenize: (t: string) => string[] };
  };
  const tok = new WordTokenizer();
  const naturalEn = new Analyzer('English', porter, 'afinn');
  const naturalNl = new Analyzer('Dutch', porterNl, 'pattern');
  return [
    { name: 'sentiment (AFINN)', score: (t) => afinn.analyze(t).score, neutralBand: 0 },
    {
      name: 'vader-sentiment',
      score: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound,
      neutralBand: 0.05,
    },
    { name: 'wink-sentiment', score: (t) => wink(t).normalizedScore, neutralBand: 0 },
    {
      name: 'natural',
      score: (t, lang) => {
        const words = tok.tokenize(t.toLowerCase());
        const s = (lang === 'nl' ? naturalNl : naturalEn).getSentiment(words);
        return Number.isFinite(s) ? s : 0;
      },
      neutralBand: 0,
    },
  ];
}

/** Label of a peer score. */
export function peerLabel(score: number, band: number): 'negative' | 'neutral' | 'positive' {
  return score > band ? 'positive' : score < -band ? 'negative' : 'neutral';
}
