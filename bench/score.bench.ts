/**
 * Throughput and latency of the full default `scoreMention` on one core, beside the peer
 * sentiment libraries measured in the same run on the same texts, printed as ratios.
 *
 * Corpus: the bundled sample feed `examples/data/mentions.jsonl` when present; otherwise a
 * synthetic feed of short Dutch and English mentions generated from templates in this file
 * (never evaluation texts). Figures: mentions/s over the whole corpus, p50/p99 latency of single
 * calls, and the heap retained by 100k assessments (`gc()` before and after).
 *
 *   npm run bench -- score          (add --quick for a shorter run)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { classifyCategories } from '../src/classify/category.js';
import { classifyComplaint } from '../src/classify/complaint.js';
import { classifyIntent } from '../src/classify/intent.js';
import { mentionFeatures } from '../src/classify/mention-features.js';
import { classifySentiment } from '../src/classify/sentiment.js';
import { classifySeverity } from '../src/classify/severity.js';
import { detectSpam } from '../src/classify/spam.js';
import { resolveConfig } from '../src/config.js';
import type { ScoreContext } from '../src/context.js';
import { modelFor } from '../src/classify/model.js';
import { analyzeText, scoreMention } from '../src/index.js';
import { analyzeInto } from '../src/text/index.js';
import { type Entry, lexiconVersion } from '../src/text/lexicon.js';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A synthetic feed: our own templates, filled at random with a fixed seed. */
function synthetic(n: number): string[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const nl = {
    brand: ['@KPN', '@Ziggo', '@NS_online', '@PostNL', '@bol', '@KLM', '@ING_news', '@vodafoneNL'],
    thing: ['internet', 'pakket', 'trein', 'factuur', 'app', 'tv', 'bestelling', 'vlucht', 'wifi'],
    days: ['2', '3', 'drie', 'vier', '5'],
    unit: ['dagen', 'weken', 'uur'],
    tail: ['!!', '?', '.', ' 😡', ' #nooitmeer', ' 🙏', ''],
    praise: ['top geholpen', 'super snel opgelost', 'echt fijne service', 'heel vriendelijk te woord gestaan'],
  };
  const en = {
    brand: ['@united', '@AmericanAir', '@Apple', '@amazon', '@Uber_Support', '@comcast', '@VodafoneUK'],
    thing: ['order', 'flight', 'bag', 'package', 'phone', 'account', 'refund', 'internet'],
    days: ['2', '3', 'two', 'three', 'five'],
    unit: ['days', 'weeks', 'hours'],
    tail: ['!!', '?', '.', ' #fail', ' 😤', ' :(', ' thanks', ''],
    praise: ['great service today', 'thanks for the quick help', 'love the new update', 'best crew ever'],
  };
  const shapes: ((l: typeof nl) => string)[] = [
    (l) =>
      `${pick(l.brand)} al ${pick(l.days)} ${pick(l.unit)} geen ${pick(l.thing)} en niemand neemt op${pick(l.tail)}`,
    (l) =>
      `${pick(l.brand)} mijn ${pick(l.thing)} is nog steeds niet geleverd, al ${pick(l.days)} keer gebeld${pick(l.tail)}`,
    (l) => `Dank ${pick(l.brand)}, ${pick(l.praise)}${pick(l.tail)}`,
    (l) => `${pick(l.brand)} hoe laat gaat de winkel morgen open${pick(l.tail)}`,
    (l) => `Zou fijn zijn als ${pick(l.brand)} de ${pick(l.thing)} ook in het Engels had`,
    (l) => `Wat een storing weer bij ${pick(l.brand)}, ${pick(l.thing)} ligt eruit${pick(l.tail)} https://t.co/x1y2z3`,
  ];
  const shapesEn: ((l: typeof en) => string)[] = [
    (l) =>
      `${pick(l.brand)} my ${pick(l.thing)} still hasn't arrived after ${pick(l.days)} ${pick(l.unit)}${pick(l.tail)}`,
    (l) => `${pick(l.brand)} ${pick(l.praise)}${pick(l.tail)}`,
    (l) =>
      `${pick(l.brand)} called ${pick(l.days)} times, nobody can tell me where my ${pick(l.thing)} is${pick(l.tail)}`,
    (l) => `Can I change the date of my ${pick(l.thing)} online ${pick(l.brand)}?`,
    (l) => `Need a loan? Contact Mr Frank on WhatsApp +1 555 0100 ${pick(l.brand)}`,
    (l) => `${pick(l.brand)} you charged me twice, I want a refund. This is a scam${pick(l.tail)}`,
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r() < 0.5 ? pick(shapes)(nl) : pick(shapesEn)(en));
  return out;
}

const feed = new URL('../examples/data/mentions.jsonl', import.meta.url);
let corpus: string[];
let corpusName: string;
if (existsSync(feed)) {
  corpus = readFileSync(feed, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text?: unknown }).text)
    .filter((t): t is string => typeof t === 'string');
  corpusName = `examples/data/mentions.jsonl (${corpus.length} mentions)`;
} else {
  corpus = synthetic(2000);
  corpusName = '2000 synthetic nl/en mentions from the templates in bench/score.bench.ts (sample feed not present)';
}
const avgLen = corpus.reduce((s, t) => s + t.length, 0) / corpus.length;
console.log(`corpus: ${corpusName}, ${avgLen.toFixed(0)} characters on average`);

type Fn = (text: string) => unknown;
const Sentiment = require('sentiment') as new () => { analyze: (t: string) => unknown };
const afinn = new Sentiment();
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores: (t: string) => unknown } };
const wink = require('wink-sentiment') as (t: string) => unknown;
const systems: [string, Fn][] = [
  ['webcare scoreMention (full)', (t) => scoreMention(t)],
  // Not a peer: the shared text analysis alone, to show where webcare's time goes.
  ['  of which analyzeText', (t) => analyzeText(t)],
  ['sentiment (AFINN)', (t) => afinn.analyze(t)],
  ['wink-sentiment', (t) => wink(t)],
  ['vader-sentiment', (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t)],
];

const target = quick ? 20_000 : 100_000;
interface Row {
  name: string;
  perSec: number;
  p50: number;
  p99: number;
  heapMiB: number;
}

/** Heap retained by 20k results, scaled to 100k (gc() several times on both sides). */
function retainedHeapMiB(fn: Fn): number {
  const keep = 20_000;
  for (let i = 0; i < 3; i++) gc();
  const before = process.memoryUsage().heapUsed;
  const held: unknown[] = new Array(keep);
  for (let i = 0; i < keep; i++) held[i] = fn(corpus[i % corpus.length] as string);
  for (let i = 0; i < 3; i++) gc();
  const after = process.memoryUsage().heapUsed;
  if (held.length !== keep) throw new Error('unreachable');
  return Math.max(0, ((after - before) * (100_000 / keep)) / 2 ** 20);
}

const heap = new Map<string, number>();
for (const [name, fn] of systems) {
  fn(corpus[0] as string);
  heap.set(name, retainedHeapMiB(fn));
}

const rows: Row[] = [];
let sink = 0;
for (const [name, fn] of systems) {
  const warm = Math.min(corpus.length * 2, 5000);
  for (let i = 0; i < warm; i++) sink += fn(corpus[i % corpus.length] as string) === undefined ? 0 : 1;
  // Slow peers stop at a time budget; rates are per second anyway.
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (n < target && elapsed < (quick ? 500 : 2500)) {
    for (let k = 0; k < 1000; k++, n++) sink += fn(corpus[n % corpus.length] as string) === undefined ? 0 : 1;
    elapsed = performance.now() - t0;
  }
  const perSec = (n / elapsed) * 1000;
  const lat: number[] = [];
  const samples = Math.min(20_000, n);
  for (let i = 0; i < samples; i++) {
    const t = corpus[i % corpus.length] as string;
    const a = performance.now();
    fn(t);
    lat.push(performance.now() - a);
  }
  lat.sort((a, b) => a - b);
  rows.push({
    name,
    perSec,
    p50: (lat[Math.floor(lat.length * 0.5)] as number) * 1000,
    p99: (lat[Math.floor(lat.length * 0.99)] as number) * 1000,
    heapMiB: heap.get(name) ?? 0,
  });
}

const ours = rows[0] as Row;
console.log(
  `\nsystem                          mentions/s   p50 µs   p99 µs   retained heap/100k results MiB   speed vs webcare`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(30)} ${r.perSec.toFixed(0).padStart(11)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.heapMiB.toFixed(1).padStart(32)}   ${r === ours ? '1.00' : `${(r.perSec / ours.perSec).toFixed(2)}x`}`,
  );
}
console.log(`\n(webcare does language, sentiment, complaint, severity, categories, intent, spam, identifiers, reach,`);
console.log(
  ` pillory risk, urgency, priority and reasons; the peers only score sentiment. p50/p99 include timer cost.)`,
);

// Where the classifier's time goes: every classify stage of scoreMention (features and the
// fused heads, sentiment, spam, complaint, severity, categories, intent, their reasons) on
// pre-analysed texts, CPU time per mention (best of 5 rounds over the corpus).
const config = resolveConfig({});
// Both models decoded (their words in the lexicon) before the tokens are looked up.
modelFor('en');
modelFor('nl');
const analysed = corpus.map((t) => {
  const entries: (Entry | undefined)[] = [];
  return { text: t, analysis: analyzeInto(t, undefined, entries), entries };
});
function classifyOnce(k: number): number {
  const a = analysed[k % analysed.length] as (typeof analysed)[number];
  const ctx: ScoreContext = {
    mention: { text: a.text },
    analysis: a.analysis,
    entries: a.entries,
    entriesVersion: lexiconVersion,
    config,
    reasons: [],
    now: 0,
    locale: 'en',
    priorContacts: 0,
  };
  const f = mentionFeatures(ctx);
  const sentiment = classifySentiment(ctx, f);
  const spam = detectSpam(ctx, f);
  const c = classifyComplaint(ctx, f);
  const isComplaint = c.isComplaint && !spam.isSpam;
  classifySeverity(ctx, f, isComplaint);
  classifyCategories(ctx, f, isComplaint);
  classifyIntent(ctx, f, { sentiment, isComplaint, complaintProbability: c.probability, isSpam: spam.isSpam });
  return ctx.reasons.length;
}
const rounds = quick ? 20_000 : 100_000;
for (let k = 0; k < rounds; k++) sink += classifyOnce(k);
let best = Number.POSITIVE_INFINITY;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  for (let k = 0; k < rounds; k++) sink += classifyOnce(k);
  best = Math.min(best, ((performance.now() - t0) * 1000) / rounds);
}
console.log(`classify stages alone (features, fused heads, sentiment, spam, complaint, severity,`);
console.log(` categories, intent, reasons) on pre-analysed texts: ${best.toFixed(2)} µs per mention (best of 5)`);
if (sink < 0) console.log(sink);
