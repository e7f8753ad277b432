/**
 * Experiment (docs/accuracy.md, nonlinear second stage): small gradient-boosted regression trees
 * with logistic loss (Newton steps, XGBoost-style gain with L2 on leaf values) over dense
 * features, and a tiny one-hidden-layer MLP, both for a second stage on top of the complaint
 * head's logit. Deterministic, no dependencies.
 */

/** Options of {@link trainGbdt}. */
export interface GbdtOptions {
  trees: number;
  depth: number;
  shrink: number;
  /** L2 on leaf values (lambda). */
  lambda: number;
  /** Minimum summed hessian in a child. */
  minHess: number;
  /** Minimum number of examples in a child. */
  minLeaf: number;
  /** Row subsampling per tree (1: all rows). */
  subsample: number;
  seed: number;
}

/** A tree as flat arrays: feat < 0 marks a leaf holding value. */
export interface Tree {
  feat: number[];
  thr: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** Boosted trees: score = base + sum of tree values (added to a base margin if one was given). */
export interface Gbdt {
  base: number;
  trees: Tree[];
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

/** Score of one row (without the base margin). */
export function gbdtScore(m: Gbdt, x: ArrayLike<number>): number {
  let s = m.base;
  for (const t of m.trees) {
    let n = 0;
    while ((t.feat[n] as number) >= 0)
      n = (x[t.feat[n] as number] as number) < (t.thr[n] as number) ? (t.left[n] as number) : (t.right[n] as number);
    s += t.value[n] as number;
  }
  return s;
}

/**
 * Train boosted trees with logistic loss on rows X (y in {0,1}, sample weights w). With margin0
 * the boosting starts from that margin per row (a correction of another model) and base is 0;
 * otherwise base is the weighted log-odds of y.
 */
export function trainGbdt(
  X: Float64Array[],
  y: number[],
  w: number[],
  o: GbdtOptions,
  margin0?: ArrayLike<number>,
): Gbdt {
  const n = X.length;
  const d = n === 0 ? 0 : (X[0] as Float64Array).length;
  let base = 0;
  if (margin0 === undefined) {
    let sp = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      sp += (w[i] as number) * (y[i] as number);
      sw += w[i] as number;
    }
    base = Math.log(sp / Math.max(1e-12, sw - sp));
  }
  const F = new Float64Array(n);
  for (let i = 0; i < n; i++) F[i] = margin0 === undefined ? base : (margin0[i] as number);
  // Presorted order of the rows per feature.
  const order: Int32Array[] = [];
  for (let f = 0; f < d; f++) {
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => (X[a] as Float64Array)[f]! - (X[b] as Float64Array)[f]!);
    order.push(idx);
  }
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const nodeOf = new Int32Array(n);
  const inBag = new Uint8Array(n);
  const rand = rng(o.seed);
  const maxNodes = 2 ** (o.depth + 1);
  const G = new Float64Array(maxNodes);
  const H = new Float64Array(maxNodes);
  const C = new Int32Array(maxNodes);
  const GL = new Float64Array(maxNodes);
  const HL = new Float64Array(maxNodes);
  const CL = new Int32Array(maxNodes);
  const last = new Float64Array(maxNodes);
  const bestGain = new Float64Array(maxNodes);
  const bestFeat = new Int32Array(maxNodes);
  const bestThr = new Float64Array(maxNodes);
  const trees: Tree[] = [];
  for (let t = 0; t < o.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(F[i] as number)));
      g[i] = (w[i] as number) * (p - (y[i] as number));
      h[i] = (w[i] as number) * Math.max(1e-6, p * (1 - p));
      inBag[i] = o.subsample >= 1 || rand() < o.subsample ? 1 : 0;
      nodeOf[i] = inBag[i] ? 0 : -1;
    }
    const tree: Tree = { feat: [-1], thr: [0], left: [-1], right: [-1], value: [0] };
    // Level-wise growth; `open` are the tree nodes that may still split.
    let open = [0];
    for (let level = 0; level <= o.depth && open.length > 0; level++) {
      G.fill(0);
      H.fill(0);
      C.fill(0);
      for (let i = 0; i < n; i++) {
        const k = nodeOf[i] as number;
        if (k < 0) continue;
        G[k] = (G[k] as number) + (g[i] as number);
        H[k] = (H[k] as number) + (h[i] as number);
        C[k] = (C[k] as number) + 1;
      }
      for (const k of open) tree.value[k] = (-(G[k] as number) / ((H[k] as number) + o.lambda)) * o.shrink;
      if (level === o.depth) break;
      bestGain.fill(0);
      bestFeat.fill(-1);
      for (let f = 0; f < d; f++) {
        GL.fill(0);
        HL.fill(0);
        CL.fill(0);
        last.fill(Number.NaN);
        const ord = order[f] as Int32Array;
        for (let r = 0; r < n; r++) {
          const i = ord[r] as number;
          const k = nodeOf[i] as number;
          if (k < 0) continue;
          const v = (X[i] as Float64Array)[f] as number;
          const lv = last[k] as number;
          if (v !== lv && !Number.isNaN(lv)) {
            const cl = CL[k] as number;
            const hl = HL[k] as number;
            const hr = (H[k] as number) - hl;
            if (cl >= o.minLeaf && (C[k] as number) - cl >= o.minLeaf && hl >= o.minHess && hr >= o.minHess) {
              const gl = GL[k] as number;
              const gr = (G[k] as number) - gl;
              const gain =
                (gl * gl) / (hl + o.lambda) +
                (gr * gr) / (hr + o.lambda) -
                ((G[k] as number) * (G[k] as number)) / ((H[k] as number) + o.lambda);
              if (gain > (bestGain[k] as number)) {
                bestGain[k] = gain;
                bestFeat[k] = f;
                bestThr[k] = (lv + v) / 2;
              }
            }
          }
          last[k] = v;
          GL[k] = (GL[k] as number) + (g[i] as number);
          HL[k] = (HL[k] as number) + (h[i] as number);
          CL[k] = (CL[k] as number) + 1;
        }
      }
      const next: number[] = [];
      const child = new Map<number, [number, number]>();
      for (const k of open) {
        if ((bestFeat[k] as number) < 0) continue;
        const l = tree.feat.length;
        tree.feat.push(-1, -1);
        tree.thr.push(0, 0);
        tree.left.push(-1, -1);
        tree.right.push(-1, -1);
        tree.value.push(0, 0);
        tree.feat[k] = bestFeat[k] as number;
        tree.thr[k] = bestThr[k] as number;
        tree.left[k] = l;
        tree.right[k] = l + 1;
        child.set(k, [l, l + 1]);
        next.push(l, l + 1);
      }
      for (let i = 0; i < n; i++) {
        const k = nodeOf[i] as number;
        if (k < 0) continue;
        const c = child.get(k);
        if (c === undefined) nodeOf[i] = -1;
        else
          nodeOf[i] =
            ((X[i] as Float64Array)[tree.feat[k] as number] as number) < (tree.thr[k] as number) ? c[0] : c[1];
      }
      open = next;
    }
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      let k = 0;
      while ((tree.feat[k] as number) >= 0)
        k =
          ((X[i] as Float64Array)[tree.feat[k] as number] as number) < (tree.thr[k] as number)
            ? (tree.left[k] as number)
            : (tree.right[k] as number);
      F[i] = (F[i] as number) + (tree.value[k] as number);
    }
  }
  return { base: margin0 === undefined ? base : 0, trees };
}

/** Options of {@link trainMlp}. */
export interface MlpOptions {
  hidden: number;
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
}

/** One hidden layer (tanh) on standardised inputs; output = a logit (plus a base margin if given). */
export interface Mlp {
  mean: Float64Array;
  sd: Float64Array;
  W1: Float64Array; // hidden x d
  b1: Float64Array;
  W2: Float64Array; // hidden
  b2: number;
}

export function mlpScore(m: Mlp, x: ArrayLike<number>, hbuf?: Float64Array): number {
  const H = m.b1.length;
  const d = m.mean.length;
  let s = m.b2;
  for (let j = 0; j < H; j++) {
    let a = m.b1[j] as number;
    for (let f = 0; f < d; f++)
      a += (m.W1[j * d + f] as number) * (((x[f] as number) - (m.mean[f] as number)) / (m.sd[f] as number));
    const t = Math.tanh(a);
    if (hbuf !== undefined) hbuf[j] = t;
    s += (m.W2[j] as number) * t;
  }
  return s;
}

/** Train the MLP with Adam (mini-batch 1), logistic loss, sample weights, L2 on weights. */
export function trainMlp(X: Float64Array[], y: number[], w: number[], o: MlpOptions, margin0?: ArrayLike<number>): Mlp {
  const n = X.length;
  const d = (X[0] as Float64Array).length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const x of X) for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) + (x[f] as number) / n;
  for (const x of X)
    for (let f = 0; f < d; f++) sd[f] = (sd[f] as number) + ((x[f] as number) - (mean[f] as number)) ** 2 / n;
  for (let f = 0; f < d; f++) sd[f] = Math.sqrt(sd[f] as number) || 1;
  const rand = rng(o.seed);
  const H = o.hidden;
  const m: Mlp = { mean, sd, W1: new Float64Array(H * d), b1: new Float64Array(H), W2: new Float64Array(H), b2: 0 };
  const sc = 1 / Math.sqrt(d);
  for (let p = 0; p < m.W1.length; p++) m.W1[p] = (rand() * 2 - 1) * sc;
  for (let j = 0; j < H; j++) m.W2[j] = (rand() * 2 - 1) / Math.sqrt(H);
  // Adam state over [W1, b1, W2, b2].
  const P = H * d + H + H + 1;
  const M1 = new Float64Array(P);
  const M2 = new Float64Array(P);
  const grad = new Float64Array(P);
  const hb = new Float64Array(H);
  const xs = new Float64Array(d);
  const b1 = 0.9;
  const b2 = 0.999;
  let step = 0;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let e = 0; e < o.epochs; e++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) {
      const x = X[i] as Float64Array;
      for (let f = 0; f < d; f++) xs[f] = ((x[f] as number) - (mean[f] as number)) / (sd[f] as number);
      const z = mlpScore(m, x, hb) + (margin0 === undefined ? 0 : (margin0[i] as number));
      const gz = (1 / (1 + Math.exp(-z)) - (y[i] as number)) * (w[i] as number);
      for (let j = 0; j < H; j++) {
        const t = hb[j] as number;
        grad[H * d + H + j] = gz * t + o.l2 * (m.W2[j] as number);
        const ga = gz * (m.W2[j] as number) * (1 - t * t);
        grad[H * d + j] = ga;
        for (let f = 0; f < d; f++) grad[j * d + f] = ga * (xs[f] as number) + o.l2 * (m.W1[j * d + f] as number);
      }
      grad[P - 1] = gz;
      step++;
      const c1 = 1 - b1 ** step;
      const c2 = 1 - b2 ** step;
      for (let p = 0; p < P; p++) {
        const gp = grad[p] as number;
        M1[p] = b1 * (M1[p] as number) + (1 - b1) * gp;
        M2[p] = b2 * (M2[p] as number) + (1 - b2) * gp * gp;
        const u = (o.lr * ((M1[p] as number) / c1)) / (Math.sqrt((M2[p] as number) / c2) + 1e-8);
        if (p < H * d) m.W1[p] = (m.W1[p] as number) - u;
        else if (p < H * d + H) m.b1[p - H * d] = (m.b1[p - H * d] as number) - u;
        else if (p < P - 1) m.W2[p - H * d - H] = (m.W2[p - H * d - H] as number) - u;
        else m.b2 -= u;
      }
    }
  }
  return m;
}
