/**
 * The trained linear heads (sentiment, complaint, severity, category) and the per-language word
 * tables they read, decoded lazily on first use from the generated data file. The model is data
 * handed to the code: scripts/train.ts writes it, nothing here is fitted by hand.
 * @module
 */
import { MODEL } from '../lexicons/generated/model.js';
import type { Features } from './features.js';
import { DENSE_SIZE } from './features.js';
import { type WordTable, buildTable } from './table.js';

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
  return {
    table: buildTable(lang, vocab, pairs),
    heads: {
      sentiment: decodeHead(d.heads.sentiment),
      complaint: decodeHead(d.heads.complaint),
      severity: decodeHead(d.heads.severity),
      category: decodeHead(d.heads.category),
    },
  };
}

const models: Partial<Record<'en' | 'nl', LanguageModel>> = {};

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
    if (MODEL.dense.length !== DENSE_SIZE) throw new Error('webcare: the trained model does not match the features');
    m = decodeLanguage(lang, MODEL[lang]);
    models[lang] = m;
  }
  return m;
}

/** The trained complaint threshold and severity cut points. */
export const DECISION = { complaintThreshold: MODEL.complaintThreshold, severityCuts: MODEL.severityCuts };

/**
 * Raw outputs of a head on a mention's features (logits, or the regression value), written to
 * `out` (length >= the head's classes).
 *
 * @example
 * ```ts
 * const out = new Float64Array(3);
 * applyHead(modelFor('en').heads.sentiment, features, out);
 * ```
 */
export function applyHead(h: Head, f: Features, out: Float64Array): void {
  const k = h.k;
  const d = f.dense;
  const w = h.dense;
  for (let c = 0; c < k; c++) out[c] = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    if (v === 0) continue;
    const base = i * k;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + v * (w[base + c] as number);
  }
  const s = h.sparse;
  if (s.length === 0) return;
  const ids = f.ids;
  const scale = h.scale;
  for (let j = 0; j < ids.length; j++) {
    const base = (ids[j] as number) * k;
    if (base >= s.length) continue;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + scale * (s[base + c] as number);
  }
}

/**
 * The dense features that pushed a head's output (class `c`, in direction `sign`) the most,
 * largest first, as [feature index, contribution] pairs: for `reasons`. Learned word weights
 * are summed into one entry with index -1. At most `n` (≤ 3) entries; no sorting of all features.
 *
 * @example
 * ```ts
 * topContributions(modelFor('en').heads.complaint, features, 0, 3, 1); // [[22, 0.9], ...]
 * ```
 */
export function topContributions(h: Head, f: Features, c: number, n: number, sign: 1 | -1): [number, number][] {
  top.i1 = top.i2 = top.i3 = -2;
  top.v1 = top.v2 = top.v3 = 0.05;
  const d = f.dense;
  const k = h.k;
  // Index 0 is the bias: not a reason.
  for (let i = 1; i < d.length; i++) {
    const v = d[i] as number;
    if (v !== 0) consider(i, v * (h.dense[i * k + c] as number) * sign);
  }
  if (h.sparse.length > 0) {
    let s = 0;
    const ids = f.ids;
    for (let j = 0; j < ids.length; j++) {
      const b = (ids[j] as number) * k + c;
      if (b < h.sparse.length) s += h.sparse[b] as number;
    }
    consider(-1, s * h.scale * sign);
  }
  const out: [number, number][] = [];
  if (top.i1 !== -2 && n >= 1) out.push([top.i1, top.v1]);
  if (top.i2 !== -2 && n >= 2) out.push([top.i2, top.v2]);
  if (top.i3 !== -2 && n >= 3) out.push([top.i3, top.v3]);
  return out;
}

// The three best contributions so far (module state: scoring is synchronous, no closure per call).
const top = { i1: -2, i2: -2, i3: -2, v1: 0, v2: 0, v3: 0 };
function consider(i: number, v: number): void {
  if (v <= top.v3) return;
  if (v > top.v1) {
    top.i3 = top.i2;
    top.v3 = top.v2;
    top.i2 = top.i1;
    top.v2 = top.v1;
    top.i1 = i;
    top.v1 = v;
  } else if (v > top.v2) {
    top.i3 = top.i2;
    top.v3 = top.v2;
    top.i2 = i;
    top.v2 = v;
  } else {
    top.i3 = i;
    top.v3 = v;
  }
}
