/**
 * Throughput and latency of the full default `scoreMention` on one core, beside the peer
 * sentiment libraries measured in the same run on the same texts, printed as ratios.
 *
 * Corpus: the bundled sample feed `examples/data/mentions.jsonl` when present; otherwise a
 * synthetic feed of short Dutch and English mentions generated from templates in this file
 * (never evaluation texts). Figures: mentions/s in steady state (the median of five 0.5 s windows
 * after 1 s of warm-up, cycling through the corpus), p50/p99 latency of single calls, and the
 * heap retained by 100k assessments (`gc()` before and after, measured after all the timing).
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
import { type Mention, analyzeText, scoreMention } from '../src/index.js';
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
/** The sample feed's records as mention objects (author, metrics, time), when present. */
let objects: Mention[] = [];
let corpusName: string;
if (existsSync(feed)) {
  objects = readFileSync(feed, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Mention)
    .filter((m) => typeof m.text === 'string');
  corpus = objects.map((m) => m.text);
  corpusName = `examples/data/mentions.jsonl (${corpus.length} mentions)`;
} else {
  corpus = synthetic(2000);
  corpusName = '2000 synthetic nl/en mentions from the templates in bench/score.bench.ts (sample feed not present)';
}
const avgLen = corpus.reduce((s, t) => s + t.length, 0) / corpus.length;
console.log(`corpus: ${corpusName}, ${avgLen.toFixed(0)} characters on average`);

/** Scores item `i` of the corpus (each system indexes its own copy). */
type Fn = (i: number) => unknown;
const Sentiment = require('sentiment') as new () => { analyze: (t: string) => unknown };
const afinn = new Sentiment();
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores: (t: string) => unknown } };
const wink = require('wink-sentiment') as (t: string) => unknown;
const systems: [string, Fn][] = [
  ['webcare scoreMention (full)', (i) => scoreMention(corpus[i % corpus.length] as string)],
  // Not a peer: the shared text analysis alone, to show where webcare's time goes.
  ['  of which analyzeText', (i) => analyzeText(corpus[i % corpus.length] as string)],
  ['sentiment (AFINN)', (i) => afinn.analyze(corpus[i % corpus.length] as string)],
  ['wink-sentiment', (i) => wink(corpus[i % corpus.length] as string)],
  ['vader-sentiment', (i) => vader.SentimentIntensityAnalyzer.polarity_scores(corpus[i % corpus.length] as string)],
];
// The same feed as mention objects (author, followers, time): reach and the reply advice then
// have more to read.
if (objects.length > 0) {
  systems.splice(2, 0, ['webcare, mention objects', (i) => scoreMention(objects[i % objects.length] as Mention)]);
}

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
  for (let i = 0; i < keep; i++) held[i] = fn(i);
  for (let i = 0; i < 3; i++) gc();
  const after = process.memoryUsage().heapUsed;
  if (held.length !== keep) throw new Error('unreachable');
  return Math.max(0, ((after - before) * (100_000 / keep)) / 2 ** 20);
}

const rows: Row[] = [];
let sink = 0;
const call = (fn: Fn, n: number): void => {
  sink += fn(n) === undefined ? 0 : 1;
};
for (const [name, fn] of systems) {
  // Steady state: one second of warm-up (the optimising compiler has settled by then), then
  // five windows; the median window's rate is reported (a slow peer runs fewer calls per window).
  const warmMs = quick ? 300 : 1000;
  const windowMs = quick ? 150 : 500;
  let n = 0;
  const w0 = performance.now();
  while (performance.now() - w0 < warmMs) for (let k = 0; k < 100; k++, n++) call(fn, n);
  const rates: number[] = [];
  for (let win = 0; win < 5; win++) {
    let done = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < windowMs) {
      for (let k = 0; k < 100; k++, n++, done++) call(fn, n);
      elapsed = performance.now() - t0;
    }
    rates.push((done / elapsed) * 1000);
  }
  rates.sort((a, b) => a - b);
  const perSec = rates[2] as number;
  const lat: number[] = [];
  const samples = Math.min(20_000, n);
  for (let i = 0; i < samples; i++) {
    const a = performance.now();
    fn(i);
    lat.push(performance.now() - a);
  }
  lat.sort((a, b) => a - b);
  rows.push({
    name,
    perSec,
    p50: (lat[Math.floor(lat.length * 0.5)] as number) * 1000,
    p99: (lat[Math.floor(lat.length * 0.99)] as number) * 1000,
    heapMiB: 0,
  });
}
// Retained heap last: holding 20k results makes V8 allocate the result objects' allocation
// sites straight in the old generation for a while (pretenuring), which would slow whatever
// is timed next.
for (const [i, [, fn]] of systems.entries()) (rows[i] as Row).heapMiB = retainedHeapMiB(fn);

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
  ` pillory risk, urgency, priority and reasons; the peers only score sentiment. p50/p99 include timer cost;`,
);
console.log(` mentions/s: median of five 0.5 s windows after 1 s of warm-up; heap measured after all timing.)`);

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
