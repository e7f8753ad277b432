/**
 * Small linear models for scripts/train.ts: multinomial logistic regression (softmax), binary
 * logistic regression and least squares, trained with AdaGrad and L2 over dense features plus
 * sparse binary ids. Deterministic (seeded shuffle), no dependencies.
 */

/** One training example. */
export interface Example {
  dense: Float64Array;
  ids: readonly number[];
  /** Class index (softmax), 0/1 (logistic) or a target value (squared). */
  y: number;
  /** Sample weight (class balancing). */
  w: number;
}

export type Loss = 'softmax' | 'logistic' | 'squared';

/** Learned weights: dense[f * k + c], sparse[id * k + c]. */
export interface LinearModel {
  k: number;
  dense: Float64Array;
  sparse: Float64Array;
}

export interface TrainOptions {
  loss: Loss;
  /** Outputs: classes for softmax, 1 otherwise. */
  k: number;
  denseSize: number;
  /** Number of sparse features; 0 for a dense-only model. */
  sparseSize: number;
  epochs?: number;
  lr?: number;
  /** L2 strength on sparse weights (per update). */
  l2?: number;
  /** L2 strength on dense weights. */
  l2Dense?: number;
  seed?: number;
  /**
   * Value of each sparse feature when present (default 1), e.g. naive-Bayes log-count ratios
   * (NBSVM, Wang & Manning 2012). Folded into the returned weights, so scoring stays binary.
   */
  sparseValue?: Float64Array;
  /** Learning-rate multiplier for the sparse (word) weights (default 1). */
  sparseLr?: number;
  /** Return the mean of the weights at the end of each epoch (smoother, generalises better). */
  average?: boolean;
}

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

/** Raw outputs (logits or the regression value) of a model on one example. */
export function outputs(
  m: LinearModel,
  x: { dense: Float64Array; ids: readonly number[] },
  out: Float64Array,
  val?: Float64Array,
): void {
  const k = m.k;
  out.fill(0);
  const d = x.dense;
  for (let f = 0; f < d.length; f++) {
    const v = d[f] as number;
    if (v === 0) continue;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + v * (m.dense[f * k + c] as number);
  }
  if (m.sparse.length > 0) {
    for (const id of x.ids) {
      const v = val === undefined ? 1 : (val[id] as number);
      for (let c = 0; c < k; c++) out[c] = (out[c] as number) + v * (m.sparse[id * k + c] as number);
    }
  }
}

/** Softmax in place. */
export function softmax(z: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let s = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp((z[c] as number) - max);
    s += z[c] as number;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / s;
}

/** Train a linear model. */
export function trainLinear(data: readonly Example[], o: TrainOptions): LinearModel {
  const k = o.k;
  const epochs = o.epochs ?? 12;
  const lr = o.lr ?? 0.1;
  const l2 = o.l2 ?? 1e-4;
  const l2d = o.l2Dense ?? 1e-5;
  const m: LinearModel = { k, dense: new Float64Array(o.denseSize * k), sparse: new Float64Array(o.sparseSize * k) };
  const gd = new Float64Array(o.denseSize * k).fill(1e-8);
  const gs = new Float64Array(o.sparseSize * k).fill(1e-8);
  const order = data.map((_, i) => i);
  const rand = rng(o.seed ?? 1);
  const z = new Float64Array(k);
  const g = new Float64Array(k);
  const val = o.sparseValue;
  const lrS = lr * (o.sparseLr ?? 1);
  const sumDense = o.average === true ? new Float64Array(m.dense.length) : undefined;
  const sumSparse = o.average === true ? new Float64Array(m.sparse.length) : undefined;
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const idx of order) {
      const x = data[idx] as Example;
      outputs(m, x, z, val);
      if (o.loss === 'softmax') {
        softmax(z);
        for (let c = 0; c < k; c++) g[c] = ((z[c] as number) - (c === x.y ? 1 : 0)) * x.w;
      } else if (o.loss === 'logistic') {
        g[0] = (1 / (1 + Math.exp(-(z[0] as number))) - x.y) * x.w;
      } else {
        g[0] = ((z[0] as number) - x.y) * x.w;
      }
      const d = x.dense;
      for (let f = 0; f < d.length; f++) {
        const v = d[f] as number;
        if (v === 0) continue;
        for (let c = 0; c < k; c++) {
          const p = f * k + c;
          const grad = (g[c] as number) * v + l2d * (m.dense[p] as number);
          gd[p] = (gd[p] as number) + grad * grad;
          m.dense[p] = (m.dense[p] as number) - (lr * grad) / Math.sqrt(gd[p] as number);
        }
      }
      if (o.sparseSize > 0) {
        for (const id of x.ids) {
          for (let c = 0; c < k; c++) {
            const p = id * k + c;
            const grad =
              (g[c] as number) * (val === undefined ? 1 : (val[id] as number)) + l2 * (m.sparse[p] as number);
            gs[p] = (gs[p] as number) + grad * grad;
            m.sparse[p] = (m.sparse[p] as number) - (lrS * grad) / Math.sqrt(gs[p] as number);
          }
        }
      }
    }
    if (sumDense !== undefined && sumSparse !== undefined) {
      for (let p = 0; p < m.dense.length; p++) sumDense[p] = (sumDense[p] as number) + (m.dense[p] as number);
      for (let p = 0; p < m.sparse.length; p++) sumSparse[p] = (sumSparse[p] as number) + (m.sparse[p] as number);
    }
  }
  if (sumDense !== undefined && sumSparse !== undefined) {
    for (let p = 0; p < m.dense.length; p++) m.dense[p] = (sumDense[p] as number) / epochs;
    for (let p = 0; p < m.sparse.length; p++) m.sparse[p] = (sumSparse[p] as number) / epochs;
  }
  if (val !== undefined)
    for (let p = 0; p < m.sparse.length; p++)
      m.sparse[p] = (m.sparse[p] as number) * (val[Math.floor(p / k)] as number);
  return m;
}
