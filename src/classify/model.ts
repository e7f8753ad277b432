/**
 * The trained linear heads (sentiment, complaint, severity, category) and the per-language word
 * tables they read, decoded lazily on first use from the generated data file. The model is data
 * handed to the code: scripts/train.ts writes it, nothing here is fitted by hand.
 * @module
 */
import { MODEL } from '../lexicons/generated/model.js';
import type { Features } from './features.js';
import * as features_ from './features.js';
import { registerWords } from '../text/lexicon.js';
import { type WordInfo, type WordTable, addGrams, buildTable } from './table.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const DENSE_SIZE = features_.DENSE_SIZE;
const STACKED = features_.STACKED;

/** One trained head as stored: dense weights, quantised sparse weights. */
export interface HeadData {
  classes: readonly string[];
  /** dense[f * k + c]. */
  dense: readonly number[];
  /** Base64 of int8 weights, sparse[id * k + c] = byte * scale; empty for dense-only heads. */
  sparse: string;
  scale: number;
}

/** One language's vocabulary and heads as stored. */
export interface LanguageModelData {
  /** Unigram vocabulary, newline-separated. */
  vocab: string;
  /** Base64 of little-endian uint16 pairs of vocabulary ids. */
  bigrams: string;
  /** Hashed character 4-gram buckets after the bigrams (absent: none). */
  grams?: number;
  heads: Record<HeadName, HeadData>;
}

/** The whole trained model as stored. */
export interface ModelData {
  /** Names of the dense features the model was trained on (must equal DENSE_FEATURES). */
  dense: readonly string[];
  /** Complaint decision threshold on the probability. */
  complaintThreshold: number;
  /** Cut points of the severity regression between levels 1|2, 2|3, 3|4. */
  severityCuts: readonly number[];
  en: LanguageModelData;
  nl: LanguageModelData;
}

/** The heads the model has. */
export type HeadName = 'sentiment' | 'complaint' | 'severity' | 'category';

/** A decoded head. */
export interface Head {
  classes: readonly string[];
  k: number;
  dense: Float64Array;
  sparse: Int8Array;
  scale: number;
}

/** A decoded language model. */
export interface LanguageModel {
  table: WordTable;
  heads: Record<HeadName, Head>;
  /**
   * All heads side by side (OUTPUTS columns), so one pass over a mention's features scores them
   * all. Word weights stay integers (the stored int8 values, and sums of them for the 4-gram
   * rows: exact in int16, half the memory of float32, so fewer cache misses); `scale` turns a
   * column's integer sum into its output.
   */
  fused: { dense: Float64Array; sparse: Int16Array; scale: Float64Array };
}

/** Column of each head's first output in the fused layout. */
export const OFFSET: Record<HeadName, number> = { sentiment: 0, complaint: 3, severity: 4, category: 5 };
/** Number of fused outputs (applyAll unrolls its word loop for exactly 10). */
export const OUTPUTS = 10;
/** Raw outputs of the last {@link applyAll} (logits / regression values), by fused column. */
export const OUT = new Float64Array(OUTPUTS);
/** The part of {@link OUT} that came from learned word weights, for reasons. */
export const WORDS = new Float64Array(OUTPUTS);

function fuse(heads: Record<HeadName, Head>, nFeat: number, extraRows: number): LanguageModel['fused'] {
  const dense = new Float64Array(DENSE_SIZE * OUTPUTS);
  const sparse = new Int16Array((nFeat + extraRows) * OUTPUTS);
  const scale = new Float64Array(OUTPUTS);
  for (const name of Object.keys(OFFSET) as HeadName[]) {
    const h = heads[name];
    const o = OFFSET[name];
    for (let i = 0; i < DENSE_SIZE; i++)
      for (let c = 0; c < h.k; c++) dense[i * OUTPUTS + o + c] = h.dense[i * h.k + c] ?? 0;
    for (let c = 0; c < h.k; c++) scale[o + c] = h.scale;
    const n = Math.min(nFeat, h.sparse.length / h.k);
    for (let id = 0; id < n; id++) {
      for (let c = 0; c < h.k; c++) sparse[id * OUTPUTS + o + c] = h.sparse[id * h.k + c] as number;
    }
  }
  return { dense, sparse, scale };
}

/**
 * Score every head in one pass over a mention's dense features and learned ids, into
 * {@link OUT} (and the word part into {@link WORDS}). Scoring is synchronous, so the module
 * buffers are safe; callers read them before the next mention.
 *
 * @example
 * ```ts
 * applyAll(modelFor('en'), features);
 * OUT[OFFSET.complaint]; // the complaint logit (before the sentiment stacking terms)
 * ```
 */
export function applyAll(m: LanguageModel, f: Features): void {
  const d = f.dense;
  const w = m.fused.dense;
  // Dense features: the ten sums in locals too (same additions in the same order as summing
  // into OUT, so the same figures), stored once.
  let o0 = 0;
  let o1 = 0;
  let o2 = 0;
  let o3 = 0;
  let o4 = 0;
  let o5 = 0;
  let o6 = 0;
  let o7 = 0;
  let o8 = 0;
  let o9 = 0;
  const active = f.active;
  const nActive = f.nActive;
  for (let j = 0; j < nActive; j++) {
    const i = active[j] as number;
    const v = d[i] as number;
    if (v === 0) continue;
    const base = i * OUTPUTS;
    o0 += v * (w[base] as number);
    o1 += v * (w[base + 1] as number);
    o2 += v * (w[base + 2] as number);
    o3 += v * (w[base + 3] as number);
    o4 += v * (w[base + 4] as number);
    o5 += v * (w[base + 5] as number);
    o6 += v * (w[base + 6] as number);
    o7 += v * (w[base + 7] as number);
    o8 += v * (w[base + 8] as number);
    o9 += v * (w[base + 9] as number);
  }
  OUT[0] = o0;
  OUT[1] = o1;
  OUT[2] = o2;
  OUT[3] = o3;
  OUT[4] = o4;
  OUT[5] = o5;
  OUT[6] = o6;
  OUT[7] = o7;
  OUT[8] = o8;
  OUT[9] = o9;
  // Word weights: ten integer sums kept in locals (the hot loop of scoring; OUTPUTS is 10).
  const s = m.fused.sparse;
  const ids = f.ids;
  const count = f.nIds;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let s8 = 0;
  let s9 = 0;
  for (let j = 0; j < count; j++) {
    const b = (ids[j] as number) * 10;
    if (b >= s.length) continue;
    s0 += s[b] as number;
    s1 += s[b + 1] as number;
    s2 += s[b + 2] as number;
    s3 += s[b + 3] as number;
    s4 += s[b + 4] as number;
    s5 += s[b + 5] as number;
    s6 += s[b + 6] as number;
    s7 += s[b + 7] as number;
    s8 += s[b + 8] as number;
    s9 += s[b + 9] as number;
  }
  const k = m.fused.scale;
  WORDS[0] = s0 * (k[0] as number);
  WORDS[1] = s1 * (k[1] as number);
  WORDS[2] = s2 * (k[2] as number);
  WORDS[3] = s3 * (k[3] as number);
  WORDS[4] = s4 * (k[4] as number);
  WORDS[5] = s5 * (k[5] as number);
  WORDS[6] = s6 * (k[6] as number);
  WORDS[7] = s7 * (k[7] as number);
  WORDS[8] = s8 * (k[8] as number);
  WORDS[9] = s9 * (k[9] as number);
  for (let c = 0; c < OUTPUTS; c++) OUT[c] = (OUT[c] as number) + (WORDS[c] as number);
}

/**
 * Add the stacking terms once the sentiment stage has written its probabilities and their
 * interactions into the dense features ({@link stackFeatures}), so the later heads' outputs in
 * {@link OUT} are final.
 *
 * @example
 * ```ts
 * stackFeatures(f.dense, 0.8, 0.05);
 * addStacking(model, f.dense);
 * ```
 */
export function addStacking(m: LanguageModel, d: Float64Array): void {
  const w = m.fused.dense;
  for (let k = 0; k < STACKED.length; k++) {
    const i = STACKED[k] as number;
    const v = d[i] as number;
    if (v === 0) continue;
    const base = i * OUTPUTS;
    for (let c = OFFSET.complaint; c < OUTPUTS; c++) OUT[c] = (OUT[c] as number) + v * (w[base + c] as number);
  }
}

function bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function decodeHead(h: HeadData): Head {
  const b = h.sparse === '' ? new Uint8Array(0) : bytes(h.sparse);
  return {
    classes: h.classes,
    k: h.classes.length,
    dense: Float64Array.from(h.dense),
    sparse: new Int8Array(b.buffer, b.byteOffset, b.length),
    scale: h.scale,
  };
}

/**
 * Decode one language's stored model (exported for the training script, which decodes what it
 * wrote to check the round trip).
 *
 * @example
 * ```ts
 * const m = decodeLanguage('en', MODEL.en);
 * m.heads.sentiment.classes; // ['negative', 'neutral', 'positive']
 * ```
 */
export function decodeLanguage(lang: 'en' | 'nl', d: LanguageModelData): LanguageModel {
  const vocab = d.vocab === '' ? [] : d.vocab.split('\n');
  const pairBytes = bytes(d.bigrams);
  const pairs: number[] = [];
  for (let i = 0; i + 1 < pairBytes.length; i += 2)
    pairs.push((pairBytes[i] as number) | ((pairBytes[i + 1] as number) << 8));
  const heads = {
    sentiment: decodeHead(d.heads.sentiment),
    complaint: decodeHead(d.heads.complaint),
    severity: decodeHead(d.heads.severity),
    category: decodeHead(d.heads.category),
  };
  const grams = d.grams ?? 0;
  const table = buildTable(lang, vocab, pairs, grams, true);
  const nFeat = table.gramBase + grams;
  const gramWords = table.gramWords;
  const fused = fuse(heads, nFeat, gramWords.length + table.comboRows.length / 2);
  const s = fused.sparse;
  const ids: number[] = [];
  // Built on first use (the feature pass asks when it meets a word whose rows are not built):
  // all of them at once cost 20-30 ms on a cold start, and one mention reads a few. Each row is
  // written from scratch, so building one twice changes nothing.
  table.buildRows = (info: WordInfo) => {
    // The word's 4-gram rows summed into one row: one id per occurrence instead of one per
    // 4-gram (the model is linear, so the sum is exact).
    const g = info.gramId * OUTPUTS;
    s.fill(0, g, g + OUTPUTS);
    const n = addGrams(gramWords[info.gramId - nFeat] as string, table.gramBase, grams, ids, 0);
    for (let j = 0; j < n; j++) {
      const from = (ids[j] as number) * OUTPUTS;
      for (let c = 0; c < OUTPUTS; c++) s[g + c] = (s[g + c] as number) + (s[from + c] as number);
    }
    // Its unigram row plus that, for the usual case where both count (integers: the sum is
    // exact, and applyAll adds integers before scaling).
    if (info.comboId >= 0) {
      const at = info.comboId * OUTPUTS;
      const a = info.id * OUTPUTS;
      for (let c = 0; c < OUTPUTS; c++) s[at + c] = (s[a + c] as number) + (s[g + c] as number);
    }
    info.rows = 1;
  };
  return { table, heads, fused };
}

const models: Partial<Record<'en' | 'nl', LanguageModel>> = {};

/**
 * The word table of each language whose infos the shared lexicon's entries hold (the table of
 * the model in use, registered when decoded): the feature pass reads a token's entry instead of
 * looking the word up only when it extracts with this very table.
 *
 * @example
 * ```ts
 * registeredTables.nl === modelFor('nl').table; // true
 * ```
 */
export const registeredTables: Partial<Record<'en' | 'nl', WordTable>> = {};
let current: ModelData = MODEL;

/**
 * The model of a language (`und` uses English), decoded on first use.
 *
 * @example
 * ```ts
 * modelFor('nl').table.words.get('storing')?.valence; // -2
 * ```
 */
export function modelFor(language: string): LanguageModel {
  const lang = language === 'nl' ? 'nl' : 'en';
  let m = models[lang];
  if (m === undefined) {
    if (current.dense.length !== DENSE_SIZE) throw new Error('webcare: the trained model does not match the features');
    m = decodeLanguage(lang, current[lang]);
    models[lang] = m;
    // The shared lexicon then answers this table's lookups along with the other stages'.
    registerWords(lang, m.table.words);
    registeredTables[lang] = m.table;
  }
  return m;
}

/** The trained complaint threshold and severity cut points (of the model in use). */
export const DECISION: { complaintThreshold: number; severityCuts: readonly number[] } = {
  complaintThreshold: MODEL.complaintThreshold,
  severityCuts: MODEL.severityCuts,
};

/**
 * Score with another trained model from now on (`undefined`: the shipped one again). Internal:
 * the evaluation script uses it to score the validation items with a model trained without
 * them; it is not part of the public API.
 *
 * @example
 * ```ts
 * useModel(trainModel(trainItems).model); // scripts/lib/trainer.ts
 * scoreMention('...');
 * useModel(undefined);
 * ```
 */
export function useModel(data: ModelData | undefined): void {
  const next = data ?? MODEL;
  if (next.dense.length !== DENSE_SIZE) throw new Error('webcare: the trained model does not match the features');
  current = next;
  delete models.en;
  delete models.nl;
  DECISION.complaintThreshold = current.complaintThreshold;
  DECISION.severityCuts = current.severityCuts;
}

/** The three largest contributions found by {@link rankContributions} (index -2: none). */
export const TOP = { i1: -2, i2: -2, i3: -2, v1: 0, v2: 0, v3: 0 };

/**
 * Find the (up to three) dense features that pushed a head's output for class `c` the most in
 * direction `sign`, into {@link TOP}; the learned word weights' part of the output (`words`,
 * from {@link WORDS}: it includes the 4-gram rows) counts as one entry with index -1.
 * For `reasons`: no sorting, no allocation (scoring is synchronous, so module state is safe).
 *
 * @example
 * ```ts
 * rankContributions(modelFor('en').heads.complaint, features, 0, 1, WORDS[OFFSET.complaint]);
 * TOP.i1; // e.g. the index of 'timeSpan'
 * ```
 */
export function rankContributions(h: Head, f: Features, c: number, sign: 1 | -1, words: number): void {
  // The three best in locals (stored into TOP once): same comparisons in the same order.
  let i1 = -2;
  let i2 = -2;
  let i3 = -2;
  let v1 = 0.05;
  let v2 = 0.05;
  let v3 = 0.05;
  const d = f.dense;
  const w = h.dense;
  const k = h.k;
  // Index 0 is the bias: not a reason. The word weights' part comes last, as index -1. Only
  // the dense features that can be non-zero are read, in ascending order.
  const active = f.active;
  const n = f.nActive;
  for (let j = 0; j <= n; j++) {
    let v: number;
    let at: number;
    if (j === n) {
      v = words * sign;
      at = -1;
    } else {
      at = active[j] as number;
      if (at === 0) continue;
      const x = d[at] as number;
      if (x === 0) continue;
      v = x * (w[at * k + c] as number) * sign;
    }
    if (v <= v3) continue;
    if (v > v1) {
      i3 = i2;
      v3 = v2;
      i2 = i1;
      v2 = v1;
      i1 = at;
      v1 = v;
    } else if (v > v2) {
      i3 = i2;
      v3 = v2;
      i2 = at;
      v2 = v;
    } else {
      i3 = at;
      v3 = v;
    }
  }
  TOP.i1 = i1;
  TOP.i2 = i2;
  TOP.i3 = i3;
  TOP.v1 = v1;
  TOP.v2 = v2;
  TOP.v3 = v3;
}
