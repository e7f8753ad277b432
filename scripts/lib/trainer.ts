/**
 * Training webcare's linear heads from labelled items, as a function: scripts/train.ts calls it
 * on all dev items (the shipped model) or per cross-validation fold, and scripts/eval.ts calls
 * it in-process to get the model of the validation column (trained without the validation
 * fold). Features come from src/classify/features.ts, the same code that scores mentions.
 *
 * Heads: sentiment (en: tweeteval + airline; nl: political tweets + bol.com reviews), complaint
 * and severity (complaints-en), category (airline negative reasons). Dutch has no complaint,
 * severity or category labels, so its heads are trained on the English data with the dense,
 * language-independent features only (concept cues, valence, structure) and applied to Dutch
 * through the Dutch cue lists.
 */
import { createHash } from 'node:crypto';
import {
  DENSE_FEATURES,
  DENSE_SIZE,
  type Features,
  extractFeatures,
  stackFeatures,
} from '../../src/classify/features.js';
import type { HeadData, LanguageModelData, ModelData } from '../../src/classify/model.js';
import { BIGRAM_BASE, PSEUDO, type WordTable, buildTable } from '../../src/classify/table.js';
import { analyzeText } from '../../src/text/index.js';
import { AIRLINE_REASON, type DatasetName, type Item } from './data.js';
import {
  type Example,
  type LinearModel,
  type TrainOptions,
  outputs,
  softmax,
  trainLinear as train1,
} from './linear.js';
import { classification, spearman } from './metrics.js';

/** Hyperparameters (defaults: the values chosen by 4-fold cross-validation, docs/accuracy.md). */
export interface TrainConfig {
  /** A word enters the vocabulary when it occurs in at least this many training items. */
  minDf: number;
  /** A word pair likewise. */
  minBigramDf: number;
  epochs: number;
  lr: number;
  /** L2 on word weights (sentiment and category heads). */
  l2: number;
  /** L2 on dense weights. */
  l2Dense: number;
  /** Complaint head: epochs, learning rate and L2 on word weights. */
  epochsComplaint: number;
  lrComplaint: number;
  /** Complaint head: learning-rate multiplier of the word weights (the concepts keep lrComplaint). */
  wordLrComplaint: number;
  l2Complaint: number;
  /** Severity head: L2 on word weights. */
  l2Severity: number;
  /** Class balancing: sample weight (n / (k * n_class)) ** power. */
  classPower: number;
  /** Weight of airline items in the English sentiment head. */
  airlineW: number;
  /** Weight of English items (dense features only) in the Dutch sentiment head. */
  nlTransfer: number;
  /** Int8 pruning: drop word weights below prune/127 of a head's largest. */
  prune: number;
  /** Complaint decision threshold on the probability. */
  complaintThreshold: number;
  /** Hashed character 4-gram buckets (0: off); sentiment and category heads only. */
  charGrams: number;
  /** Dutch concept-only complaint head: train on the company-directed tweets only (1) or all (0). */
  nlBrandOnly: number;
  /** Average this many models trained with different shuffling seeds (a linear model again). */
  bag: number;
  /** Complaint head: 0, or the smoothing of naive-Bayes log-count-ratio feature values (NBSVM). */
  nbComplaint: number;
  /** Average the weights over the epochs (Polyak averaging per epoch; sentiment and category heads). */
  average: boolean;
  seed: number;
}

export const DEFAULTS: TrainConfig = {
  minDf: 4,
  minBigramDf: 6,
  epochs: 8,
  lr: 0.015,
  l2: 3e-4,
  l2Dense: 1e-5,
  epochsComplaint: 10,
  lrComplaint: 0.1,
  wordLrComplaint: 0.5,
  l2Complaint: 3e-4,
  l2Severity: 1e-3,
  classPower: 0.5,
  airlineW: 1,
  nlTransfer: 0.3,
  prune: 4,
  complaintThreshold: 0.43,
  average: true,
  nbComplaint: 0,
  bag: 1,
  charGrams: 16384,
  nlBrandOnly: 1,
  seed: 1,
};

/** Labelled items per dataset (any subset of the datasets may be empty). */
export type Sets = Record<DatasetName, Item[]>;

/** The cross-validation fold of an item: 4 folds by the second hex digit of sha1(id); fold 0 is the validation split. */
export function foldOf(id: string): number {
  const h = createHash('sha1').update(id).digest('hex');
  return Math.floor(Number.parseInt(h[1] as string, 16) / 4);
}

/** Number of cross-validation folds. */
export const FOLDS = 4;

const tokenCache = new Map<string, ReturnType<typeof analyzeText>['tokens']>();
function tokensOf(it: Item): ReturnType<typeof analyzeText>['tokens'] {
  const key = `${it.lang}\u0000${it.text}`;
  let t = tokenCache.get(key);
  if (t === undefined) {
    t = analyzeText(it.text, it.lang).tokens;
    tokenCache.set(key, t);
  }
  return t;
}

interface Prepared {
  vocab: string[];
  pairs: number[];
  table: WordTable;
  feats: Map<Item, Features>;
  nFeat: number;
}

function vocabulary(items: Item[], minDf: number): string[] {
  const df = new Map<string, number>();
  for (const it of items) {
    const seen = new Set<string>();
    for (const t of tokensOf(it)) {
      if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'emoji' || t.kind === 'emoticon') seen.add(t.norm);
    }
    for (const w of seen) df.set(w, (df.get(w) ?? 0) + 1);
  }
  // The most frequent words first, capped so every id fits a bigram key (BIGRAM_BASE).
  const words = [...df]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, BIGRAM_BASE - Object.keys(PSEUDO).length)
    .map(([w]) => w);
  return [...Object.values(PSEUDO), ...words];
}

function prepare(lang: 'en' | 'nl', items: Item[], cfg: TrainConfig): Prepared {
  const vocab = vocabulary(items, cfg.minDf);
  const t1 = buildTable(lang, vocab, []);
  const pairDf = new Map<number, number>();
  for (const it of items) {
    const pairs: number[] = [];
    extractFeatures(tokensOf(it), t1, { pairs });
    const seen = new Set<number>();
    for (let k = 0; k < pairs.length; k += 2) seen.add((pairs[k] as number) * 65536 + (pairs[k + 1] as number));
    for (const p of seen) pairDf.set(p, (pairDf.get(p) ?? 0) + 1);
  }
  const pairs: number[] = [];
  for (const [p, n] of pairDf) if (n >= cfg.minBigramDf) pairs.push(Math.floor(p / 65536), p % 65536);
  const table = buildTable(lang, vocab, pairs, cfg.charGrams);
  const feats = new Map<Item, Features>();
  for (const it of items) feats.set(it, extractFeatures(tokensOf(it), table, { fresh: true }));
  return { vocab, pairs, table, feats, nFeat: table.gramBase + cfg.charGrams };
}

function balanced(ys: number[], k: number, power: number): number[] {
  const n = new Array<number>(k).fill(0);
  for (const y of ys) n[y] = (n[y] as number) + 1;
  return ys.map((y) => (ys.length / (k * Math.max(1, n[y] as number))) ** power);
}

function examples(
  p: Prepared,
  items: Item[],
  label: (it: Item) => number | undefined,
  k: number,
  power: number,
): Example[] {
  const chosen = items.filter((it) => label(it) !== undefined);
  const ys = chosen.map((it) => label(it) as number);
  const ws = k > 1 ? balanced(ys, k, power) : ys.map(() => 1);
  return chosen.map((it, i) => {
    const f = p.feats.get(it) as Features;
    return { dense: f.dense, ids: f.ids, y: ys[i] as number, w: ws[i] as number };
  });
}

export const SENT = ['negative', 'neutral', 'positive'];
export const CATS = ['customer_service', 'disruption', 'delivery', 'product', 'booking'];
const sentLabel = (it: Item) => (it.sentiment === undefined ? undefined : SENT.indexOf(it.sentiment));
/** Airline negative reason → category index (undefined: no usable reason). */
export const catLabel = (it: Item): number | undefined => {
  const c = it.negative_reason === undefined ? undefined : AIRLINE_REASON[it.negative_reason];
  return c === undefined ? undefined : CATS.indexOf(c);
};
const complaintLabel = (it: Item) => (it.complaint === undefined ? undefined : it.complaint ? 1 : 0);
const sevLabel = (it: Item) =>
  it.complaint === true && typeof it.severity_level === 'number' ? it.severity_level : undefined;

function encodeHead(m: LinearModel | undefined, classes: string[], keep: number[] | undefined): HeadData {
  if (m === undefined) return { classes, dense: [], sparse: '', scale: 0 };
  const dense = Array.from(m.dense, (x) => Math.round(x * 1e4) / 1e4);
  if (m.sparse.length === 0 || keep === undefined) return { classes, dense, sparse: '', scale: 0 };
  let max = 0;
  for (const x of m.sparse) max = Math.max(max, Math.abs(x));
  const scale = max / 127;
  const k = m.k;
  const out = new Int8Array(keep.length * k);
  keep.forEach((old, i) => {
    for (let c = 0; c < k; c++) out[i * k + c] = Math.round((m.sparse[old * k + c] as number) / scale);
  });
  return { classes, dense, sparse: Buffer.from(out.buffer).toString('base64'), scale: Number(scale.toPrecision(6)) };
}

/** Keep the features some head gives a weight that survives int8 quantisation. */
function prune(p: Prepared, heads: LinearModel[], level: number): { keep: number[]; vocab: string[]; pairs: number[] } {
  const nU = p.vocab.length;
  const alive = new Uint8Array(p.nFeat);
  for (const m of heads) {
    let max = 0;
    for (const x of m.sparse) max = Math.max(max, Math.abs(x));
    // A weight that quantises to less than level/127 of the largest barely moves a score:
    // dropping it keeps the shipped model (and the import time) small.
    for (let id = 0; id < p.nFeat; id++) {
      for (let c = 0; c < m.k; c++)
        if (Math.abs(m.sparse[id * m.k + c] as number) >= (level * max) / 127) alive[id] = 1;
    }
  }
  for (let id = 0; id < Object.keys(PSEUDO).length; id++) alive[id] = 1;
  const keptPairs: number[] = [];
  for (let b = 0; b < p.pairs.length / 2; b++) {
    if (alive[nU + b] === 1) {
      alive[p.pairs[2 * b] as number] = 1;
      alive[p.pairs[2 * b + 1] as number] = 1;
      keptPairs.push(b);
    }
  }
  const newId = new Map<number, number>();
  const vocab: string[] = [];
  const keep: number[] = [];
  for (let id = 0; id < nU; id++) {
    if (alive[id] !== 1) continue;
    newId.set(id, vocab.length);
    vocab.push(p.vocab[id] as string);
    keep.push(id);
  }
  const pairs: number[] = [];
  for (const b of keptPairs) {
    pairs.push(newId.get(p.pairs[2 * b] as number) as number, newId.get(p.pairs[2 * b + 1] as number) as number);
    keep.push(nU + b);
  }
  // Hashed 4-gram buckets are addressed by hash, so all of them stay, in order, after the pairs.
  for (let g = p.table.gramBase; g < p.nFeat; g++) keep.push(g);
  return { keep, vocab, pairs };
}

interface Heads {
  sentiment: LinearModel;
  complaint: LinearModel;
  severity: LinearModel;
  category: LinearModel;
}

function languageData(p: Prepared, heads: Heads, level: number): LanguageModelData {
  const sparseHeads = Object.values(heads).filter((m): m is LinearModel => m.sparse.length > 0);
  const { keep, vocab, pairs } = prune(p, sparseHeads, level);
  const pairBuf = Buffer.from(new Uint16Array(pairs).buffer).toString('base64');
  return {
    vocab: vocab.join('\n'),
    bigrams: pairBuf,
    ...(p.table.grams > 0 ? { grams: p.table.grams } : {}),
    heads: {
      sentiment: encodeHead(heads.sentiment, SENT, keep),
      complaint: encodeHead(heads.complaint, ['complaint'], keep),
      severity: encodeHead(heads.severity, ['level'], keep),
      category: encodeHead(heads.category, CATS, keep),
    },
  };
}

let BAG = 1;
/** trainLinear, averaged over BAG shuffling seeds. */
function trainLinear(data: readonly Example[], o: TrainOptions): LinearModel {
  const m = train1(data, o);
  if (BAG <= 1) return m;
  for (let b = 1; b < BAG; b++) {
    const x = train1(data, { ...o, seed: (o.seed ?? 1) + 7919 * b });
    for (let p = 0; p < m.dense.length; p++) m.dense[p] = (m.dense[p] as number) + (x.dense[p] as number);
    for (let p = 0; p < m.sparse.length; p++) m.sparse[p] = (m.sparse[p] as number) + (x.sparse[p] as number);
  }
  for (let p = 0; p < m.dense.length; p++) m.dense[p] = (m.dense[p] as number) / BAG;
  for (let p = 0; p < m.sparse.length; p++) m.sparse[p] = (m.sparse[p] as number) / BAG;
  return m;
}

/** Naive-Bayes log-count ratio of every sparse feature between the positive and negative examples. */
function nbRatios(xs: Example[], n: number, alpha: number): Float64Array {
  const pos = new Float64Array(n).fill(alpha);
  const neg = new Float64Array(n).fill(alpha);
  for (const x of xs) {
    const to = x.y === 1 ? pos : neg;
    for (const id of new Set(x.ids)) to[id] = (to[id] as number) + 1;
  }
  let sp = 0;
  let sn = 0;
  for (let i = 0; i < n; i++) {
    sp += pos[i] as number;
    sn += neg[i] as number;
  }
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = Math.log((pos[i] as number) / sp / ((neg[i] as number) / sn));
  return r;
}

/** A trained model: the data to ship plus what the head-level metrics need. */
export interface Trained {
  model: ModelData;
  en: { p: Prepared; heads: Heads };
  nl: { p: Prepared; heads: Heads };
  /** Vocabulary sizes before pruning. */
  sizes: string;
}

/** Features of an item as the heads see them (including the sentiment stacking terms). */
function featuresFor(t: Trained, it: Item): Features {
  const side = it.lang === 'nl' ? t.nl : t.en;
  let f = side.p.feats.get(it);
  if (f === undefined) {
    f = extractFeatures(tokensOf(it), side.p.table, { fresh: true });
    stack(side.heads.sentiment, f);
    side.p.feats.set(it, f);
  }
  return f;
}

const zs = new Float64Array(3);
function stack(sent: LinearModel, f: Features): void {
  outputs(sent, f, zs);
  softmax(zs);
  stackFeatures(f.dense, zs[0] as number, zs[2] as number);
}

/**
 * Train every head on the given items.
 *
 * @example
 * ```ts
 * const t = trainModel(sets, DEFAULTS);
 * writeFileSync('model.json', JSON.stringify(t.model));
 * ```
 */
export function trainModel(sets: Sets, cfg: TrainConfig = DEFAULTS): Trained {
  const byLang = {
    en: [...sets['complaints-en'], ...sets['tweeteval-sentiment-test-en'], ...sets['airline-sentiment-en']],
    nl: [...sets['political-tweets-nl'], ...sets['pattern-bolcom-nl']],
  };
  BAG = cfg.bag;
  const en = prepare('en', byLang.en, cfg);
  const nl = prepare('nl', byLang.nl, cfg);
  const base = {
    denseSize: DENSE_SIZE,
    epochs: cfg.epochs,
    lr: cfg.lr,
    l2Dense: cfg.l2Dense,
    seed: cfg.seed,
    average: cfg.average,
  };
  const full = (p: Prepared, loss: 'softmax' | 'logistic' | 'squared', k: number, l2 = cfg.l2) =>
    ({ ...base, loss, k, sparseSize: p.nFeat, l2 }) as const;
  const denseOnly = (loss: 'softmax' | 'logistic' | 'squared', k: number) =>
    ({ ...base, lr: cfg.lrComplaint, epochs: 20, average: false, loss, k, sparseSize: 0 }) as const;
  const withoutWords = (xs: Example[], w: number): Example[] => xs.map((x) => ({ ...x, ids: [], w: x.w * w }));
  const cp = cfg.classPower;
  const tweeteval = sets['tweeteval-sentiment-test-en'];
  const airline = sets['airline-sentiment-en'];
  const complaints = sets['complaints-en'];

  const enSent = trainLinear(
    [
      ...examples(en, tweeteval, sentLabel, 3, cp),
      ...examples(en, airline, sentLabel, 3, cp).map((x) => ({ ...x, w: x.w * cfg.airlineW })),
    ],
    full(en, 'softmax', 3),
  );
  // Dutch sentiment: the Dutch items with their words, plus the English items with their dense
  // (language-independent) features only, so valence, emoji and complaint concepts get weights
  // from far more data than the two small Dutch sets hold.
  const nlSent = trainLinear(
    [
      ...examples(nl, byLang.nl, sentLabel, 3, 0.5),
      ...withoutWords(examples(en, [...tweeteval, ...airline], sentLabel, 3, 0.5), cfg.nlTransfer),
    ],
    full(nl, 'softmax', 3),
  );
  // Stacking: every item gets the sentiment probabilities of its language's head as two dense
  // features, as at scoring time (the sentiment stage runs first).
  for (const f of en.feats.values()) stack(enSent, f);
  for (const f of nl.feats.values()) stack(nlSent, f);

  // Character n-grams help the large sentiment and category sets but overfit the ~2k complaints.
  const nWords = en.table.gramBase;
  const wordsOnly = (xs: Example[]) =>
    cfg.charGrams === 0 ? xs : xs.map((x) => ({ ...x, ids: x.ids.filter((id) => id < nWords) }));
  const complaintExamples = wordsOnly(examples(en, complaints, complaintLabel, 1, cp));
  const enComplaint = trainLinear(complaintExamples, {
    ...full(en, 'logistic', 1, cfg.l2Complaint),
    epochs: cfg.epochsComplaint,
    lr: cfg.lrComplaint,
    sparseLr: cfg.wordLrComplaint,
    average: false,
    ...(cfg.nbComplaint > 0 ? { sparseValue: nbRatios(complaintExamples, en.nFeat, cfg.nbComplaint) } : {}),
  });
  // The Dutch (concept-only) complaint head learns from the tweets addressed to companies only:
  // webcare scores brand mentions, and the corpus's random tweets teach "mentions a topic =
  // complaint", a contrast that does not exist there (see docs/accuracy.md).
  const nlItems = cfg.nlBrandOnly ? complaints.filter((it) => !(it.domain ?? '').startsWith('random')) : complaints;
  const nlComplaint = trainLinear(examples(en, nlItems, complaintLabel, 1, cp), denseOnly('logistic', 1));
  const enSeverity = trainLinear(wordsOnly(examples(en, complaints, sevLabel, 1, cp)), {
    ...full(en, 'squared', 1, cfg.l2Severity),
    lr: 0.02,
    average: false,
  });
  const nlSeverity = trainLinear(examples(en, complaints, sevLabel, 1, cp), { ...denseOnly('squared', 1), lr: 0.02 });
  const enCategory = trainLinear(examples(en, airline, catLabel, 5, cp), full(en, 'softmax', 5));
  const nlCategory = trainLinear(examples(en, airline, catLabel, 5, cp), denseOnly('softmax', 5));

  // Severity cut points: the predicted-value quantiles that reproduce the training distribution
  // of levels 1-4 among complaints.
  const sevItems = complaints.filter((it) => sevLabel(it) !== undefined);
  const out = new Float64Array(1);
  const preds = sevItems
    .map((it) => {
      outputs(enSeverity, en.feats.get(it) as Features, out);
      return out[0] as number;
    })
    .sort((a, b) => a - b);
  const counts = [1, 2, 3, 4].map((l) => sevItems.filter((it) => it.severity_level === l).length);
  const cuts: number[] = [];
  let acc = 0;
  for (let l = 0; l < 3; l++) {
    acc += counts[l] as number;
    const q = preds[Math.min(preds.length - 1, Math.floor((acc / Math.max(1, sevItems.length)) * preds.length))];
    cuts.push(Number((q ?? 0).toFixed(4)));
  }
  const enHeads = { sentiment: enSent, complaint: enComplaint, severity: enSeverity, category: enCategory };
  const nlHeads = { sentiment: nlSent, complaint: nlComplaint, severity: nlSeverity, category: nlCategory };
  const model: ModelData = {
    dense: DENSE_FEATURES,
    complaintThreshold: cfg.complaintThreshold,
    severityCuts: cuts,
    en: languageData(en, enHeads, cfg.prune),
    nl: languageData(nl, nlHeads, cfg.prune),
  };
  return {
    model,
    en: { p: en, heads: enHeads },
    nl: { p: nl, heads: nlHeads },
    sizes: `en ${en.vocab.length} words + ${en.pairs.length / 2} pairs, nl ${nl.vocab.length} + ${nl.pairs.length / 2}`,
  };
}

/**
 * Figures of the heads alone (float weights, before pruning and quantisation) on test items;
 * `complaintLogits` and `conceptLogits` collect the complaint logits of the English and the
 * concept-only head (for the threshold choice on out-of-fold data).
 *
 * @example
 * ```ts
 * headMetrics(trainModel(train), test); // { 'tweeteval macro-F1': 0.66, ... }
 * ```
 */
export function headMetrics(
  t: Trained,
  test: Sets,
  complaintLogits?: [number, boolean][],
  conceptLogits?: [number, boolean][],
): Record<string, number> {
  const z = new Float64Array(5);
  const argmax = (k: number) => {
    let b = 0;
    for (let c = 1; c < k; c++) if ((z[c] as number) > (z[b] as number)) b = c;
    return b;
  };
  const r: Record<string, number> = {};
  const sentSets: [DatasetName, LinearModel][] = [
    ['tweeteval-sentiment-test-en', t.en.heads.sentiment],
    ['airline-sentiment-en', t.en.heads.sentiment],
    ['political-tweets-nl', t.nl.heads.sentiment],
    ['pattern-bolcom-nl', t.nl.heads.sentiment],
  ];
  for (const [name, m] of sentSets) {
    const items = test[name];
    if (items.length === 0) continue;
    const binary = name === 'pattern-bolcom-nl';
    const pred = items.map((it) => {
      outputs(m, featuresFor(t, it), z);
      if (binary) return (z[2] as number) >= (z[0] as number) ? 'positive' : 'negative';
      return SENT[argmax(3)] as string;
    });
    const c = classification(
      items.map((it) => it.sentiment as string),
      pred,
      binary ? ['negative', 'positive'] : SENT,
    );
    if (binary) r[`${name} accuracy`] = c.accuracy;
    else r[`${name} macro-F1`] = c.macroF1;
  }
  const comp = test['complaints-en'];
  if (comp.length > 0) {
    const logit = 'complaint' as const;
    const thr = Math.log(t.model.complaintThreshold / (1 - t.model.complaintThreshold));
    for (const [label, m] of [
      ['en', t.en.heads[logit]],
      ['concepts-only', t.nl.heads[logit]],
    ] as const) {
      const pred = comp.map((it) => {
        outputs(m, featuresFor(t, it), z);
        const sink = label === 'en' ? complaintLogits : conceptLogits;
        if (sink !== undefined) sink.push([z[0] as number, it.complaint === true]);
        return (z[0] as number) >= thr ? 'c' : 'n';
      });
      const c = classification(
        comp.map((it) => (it.complaint ? 'c' : 'n')),
        pred,
        ['c', 'n'],
      );
      r[`complaint macro-F1 (${label})`] = c.macroF1;
      // The same on the items addressed to companies (the complaint corpus's random tweets
      // left out): the population webcare scores.
      const brand = comp
        .map((it, i) => [it, pred[i] as string] as const)
        .filter(([it]) => !(it.domain ?? '').startsWith('random'));
      r[`complaint macro-F1 on brand tweets (${label})`] = classification(
        brand.map(([it]) => (it.complaint ? 'c' : 'n')),
        brand.map(([, p]) => p),
        ['c', 'n'],
      ).macroF1;
    }
    const sev = comp.filter((it) => sevLabel(it) !== undefined);
    for (const [label, m] of [
      ['en', t.en.heads.severity],
      ['concepts-only', t.nl.heads.severity],
    ] as const) {
      const vals = sev.map((it) => {
        outputs(m, featuresFor(t, it), z);
        return z[0] as number;
      });
      r[`severity Spearman on complaints (${label})`] = spearman(
        sev.map((it) => it.severity_level as number),
        vals,
      );
    }
  }
  const cat = test['airline-sentiment-en'].filter((it) => catLabel(it) !== undefined);
  if (cat.length > 0) {
    for (const [label, m] of [
      ['en', t.en.heads.category],
      ['concepts-only', t.nl.heads.category],
    ] as const) {
      const pred = cat.map((it) => {
        outputs(m, featuresFor(t, it), z);
        return CATS[argmax(5)] as string;
      });
      const c = classification(
        cat.map((it) => CATS[catLabel(it) as number] as string),
        pred,
        CATS,
      );
      r[`category macro-F1 (${label})`] = c.macroF1;
    }
  }
  return r;
}

/** Split sets by a predicate on the item. */
export function splitSets(sets: Sets, test: (it: Item) => boolean): { train: Sets; test: Sets } {
  const train = {} as Sets;
  const held = {} as Sets;
  for (const [name, items] of Object.entries(sets) as [DatasetName, Item[]][]) {
    train[name] = items.filter((it) => !test(it));
    held[name] = items.filter(test);
  }
  return { train, test: held };
}
