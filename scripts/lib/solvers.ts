/**
 * Converged L2-regularised linear solvers for scripts/lib/trainer.ts (an experiment: the
 * complaint head with `--solver-complaint`, see TrainConfig). What liblinear does, written out
 * here without dependencies:
 *
 * - `tron`: trust-region Newton on the primal (Lin, Weng & Keerthi 2008; liblinear's tron.cpp,
 *   `-s 0` for logistic regression, `-s 2` for the squared hinge), objective
 *   `0.5 * sum_j reg_j w_j^2 + sum_i C_i loss(y_i, w.x_i)`, with `reg_j = 0` for the bias
 *   column (an unregularised bias, exactly).
 * - `dcdSquaredHinge`: dual coordinate descent for the squared-hinge SVM (Hsieh et al. 2008;
 *   liblinear `-s 1`), where the bias is an ordinary column of value B (lightly regularised for
 *   a large B); used as a cross-check of the primal solution.
 *
 * C_i = C * (sample weight of example i), so the class balancing of the trainer is respected.
 * Examples are rows of (column, value) pairs; the caller maps dense and sparse features to
 * columns and undoes any column scaling on the returned weights.
 */

/** A sparse row: column indices and values (duplicate columns are allowed and add up). */
export interface Row {
  cols: Int32Array;
  vals: Float64Array;
}

export interface Problem {
  rows: Row[];
  /** Labels in {-1, +1}. */
  y: Float64Array;
  /** Per-example cost C_i (C times the sample weight). */
  cost: Float64Array;
  nCols: number;
}

export type SolverLoss = 'logistic' | 'sqhinge';

export interface SolveInfo {
  iterations: number;
  /** Gradient norm at the end relative to the one at w = 0 (primal), or the final max violation (dual). */
  residual: number;
  objective: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function rowDot(r: Row, w: Float64Array): number {
  let s = 0;
  const c = r.cols;
  const v = r.vals;
  for (let k = 0; k < c.length; k++) s += (v[k] as number) * (w[c[k] as number] as number);
  return s;
}

function rowAxpy(r: Row, a: number, out: Float64Array): void {
  const c = r.cols;
  const v = r.vals;
  for (let k = 0; k < c.length; k++) {
    const j = c[k] as number;
    out[j] = (out[j] as number) + a * (v[k] as number);
  }
}

/** The primal objective's value, gradient and (generalised) Hessian-vector product. */
class Primal {
  readonly z: Float64Array;
  /** Logistic: C_i s_i (1 - s_i); squared hinge: 2 C_i on the active set, 0 elsewhere. */
  readonly D: Float64Array;
  constructor(
    readonly p: Problem,
    readonly loss: SolverLoss,
    readonly reg: Float64Array,
  ) {
    this.z = new Float64Array(p.rows.length);
    this.D = new Float64Array(p.rows.length);
  }

  /** f(w); leaves w.x_i in z. */
  fun(w: Float64Array): number {
    const { p, z, reg } = this;
    let f = 0;
    for (let j = 0; j < w.length; j++) f += 0.5 * (reg[j] as number) * (w[j] as number) * (w[j] as number);
    for (let i = 0; i < p.rows.length; i++) {
      const zi = rowDot(p.rows[i] as Row, w);
      z[i] = zi;
      const yz = (p.y[i] as number) * zi;
      const c = p.cost[i] as number;
      if (this.loss === 'logistic') f += c * (yz >= 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz)));
      else if (yz < 1) f += c * (1 - yz) * (1 - yz);
    }
    return f;
  }

  /** Gradient at the w of the last fun() call; sets D for hv(). */
  grad(w: Float64Array, g: Float64Array): void {
    const { p, z, D, reg } = this;
    for (let j = 0; j < w.length; j++) g[j] = (reg[j] as number) * (w[j] as number);
    for (let i = 0; i < p.rows.length; i++) {
      const y = p.y[i] as number;
      const c = p.cost[i] as number;
      const yz = y * (z[i] as number);
      let coef: number;
      if (this.loss === 'logistic') {
        const s = 1 / (1 + Math.exp(-yz));
        D[i] = c * s * (1 - s);
        coef = c * (s - 1) * y;
      } else if (yz < 1) {
        D[i] = 2 * c;
        coef = 2 * c * ((z[i] as number) - y);
      } else {
        D[i] = 0;
        coef = 0;
      }
      if (coef !== 0) rowAxpy(p.rows[i] as Row, coef, g);
    }
  }

  hv(v: Float64Array, out: Float64Array): void {
    const { p, D, reg } = this;
    for (let j = 0; j < v.length; j++) out[j] = (reg[j] as number) * (v[j] as number);
    for (let i = 0; i < p.rows.length; i++) {
      const d = D[i] as number;
      if (d === 0) continue;
      const r = p.rows[i] as Row;
      rowAxpy(r, d * rowDot(r, v), out);
    }
  }
}

/** Conjugate gradient for H s = -g inside the trust region ||s|| <= delta (liblinear's trcg). */
function trcg(fn: Primal, delta: number, g: Float64Array, s: Float64Array, r: Float64Array): number {
  const n = g.length;
  const d = new Float64Array(n);
  const Hd = new Float64Array(n);
  s.fill(0);
  for (let j = 0; j < n; j++) {
    r[j] = -(g[j] as number);
    d[j] = r[j] as number;
  }
  const cgtol = 0.1 * Math.sqrt(dot(g, g));
  let rTr = dot(r, r);
  let it = 0;
  for (;;) {
    if (Math.sqrt(rTr) <= cgtol) break;
    it++;
    fn.hv(d, Hd);
    let alpha = rTr / dot(d, Hd);
    for (let j = 0; j < n; j++) s[j] = (s[j] as number) + alpha * (d[j] as number);
    if (Math.sqrt(dot(s, s)) > delta) {
      for (let j = 0; j < n; j++) s[j] = (s[j] as number) - alpha * (d[j] as number);
      const std = dot(s, d);
      const sts = dot(s, s);
      const dtd = dot(d, d);
      const dsq = delta * delta;
      const rad = Math.sqrt(std * std + dtd * (dsq - sts));
      alpha = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd;
      for (let j = 0; j < n; j++) {
        s[j] = (s[j] as number) + alpha * (d[j] as number);
        r[j] = (r[j] as number) - alpha * (Hd[j] as number);
      }
      break;
    }
    for (let j = 0; j < n; j++) r[j] = (r[j] as number) - alpha * (Hd[j] as number);
    const rnew = dot(r, r);
    const beta = rnew / rTr;
    for (let j = 0; j < n; j++) d[j] = (r[j] as number) + beta * (d[j] as number);
    rTr = rnew;
  }
  return it;
}

/**
 * Trust-region Newton on the primal, from w = 0, until ||grad|| <= eps * ||grad(0)||.
 * `reg[j]` multiplies the L2 term of column j (0: unregularised).
 */
export function tron(
  p: Problem,
  loss: SolverLoss,
  reg: Float64Array,
  eps = 1e-6,
  maxIter = 1000,
): { w: Float64Array; info: SolveInfo } {
  const n = p.nCols;
  const fn = new Primal(p, loss, reg);
  const eta0 = 1e-4;
  const eta1 = 0.25;
  const eta2 = 0.75;
  const sigma1 = 0.25;
  const sigma2 = 0.5;
  const sigma3 = 4;
  const w = new Float64Array(n);
  const wNew = new Float64Array(n);
  const g = new Float64Array(n);
  const s = new Float64Array(n);
  const r = new Float64Array(n);
  let f = fn.fun(w);
  fn.grad(w, g);
  let gnorm = Math.sqrt(dot(g, g));
  const gnorm0 = gnorm;
  let delta = gnorm;
  let iter = 1;
  const search = gnorm > eps * gnorm0;
  while (iter <= maxIter && search) {
    trcg(fn, delta, g, s, r);
    for (let j = 0; j < n; j++) wNew[j] = (w[j] as number) + (s[j] as number);
    const gs = dot(g, s);
    const prered = -0.5 * (gs - dot(s, r));
    const fnew = fn.fun(wNew);
    const actred = f - fnew;
    const snorm = Math.sqrt(dot(s, s));
    if (iter === 1) delta = Math.min(delta, snorm);
    const alpha = fnew - f - gs <= 0 ? sigma3 : Math.max(sigma1, -0.5 * (gs / (fnew - f - gs)));
    if (actred < eta0 * prered) delta = Math.min(Math.max(alpha, sigma1) * snorm, sigma2 * delta);
    else if (actred < eta1 * prered) delta = Math.max(sigma1 * delta, Math.min(alpha * snorm, sigma2 * delta));
    else if (actred < eta2 * prered) delta = Math.max(sigma1 * delta, Math.min(alpha * snorm, sigma3 * delta));
    else delta = Math.max(delta, Math.min(alpha * snorm, sigma3 * delta));
    if (actred > eta0 * prered) {
      iter++;
      w.set(wNew);
      f = fnew;
      fn.grad(w, g);
      gnorm = Math.sqrt(dot(g, g));
      if (gnorm <= eps * gnorm0) break;
    } else {
      // Rejected step: z holds w_new's margins; restore w's (D is still w's).
      fn.fun(w);
    }
    if (Math.abs(actred) <= 0 && prered <= 0) break;
    if (Math.abs(actred) <= 1e-12 * Math.abs(f) && Math.abs(prered) <= 1e-12 * Math.abs(f)) break;
  }
  return { w, info: { iterations: iter, residual: gnorm / gnorm0, objective: f } };
}

/**
 * Dual coordinate descent for the L2-regularised squared-hinge SVM (liblinear -s 1, no
 * shrinking): min_a 0.5 a'(Q + D)a - e'a, a >= 0, D_ii = 1 / (2 C_i). Every column is
 * regularised (put the bias in as a column of value B). Stops when the largest projected
 * gradient violation is below eps.
 */
export function dcdSquaredHinge(
  p: Problem,
  eps = 1e-4,
  maxIter = 5000,
  seed = 1,
): { w: Float64Array; info: SolveInfo } {
  const l = p.rows.length;
  const w = new Float64Array(p.nCols);
  const alpha = new Float64Array(l);
  const QD = new Float64Array(l);
  const diag = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    const r = p.rows[i] as Row;
    diag[i] = 0.5 / (p.cost[i] as number);
    let q = 0;
    // Row norm with duplicate columns merged: x.x of the row as a vector.
    const acc = new Map<number, number>();
    for (let k = 0; k < r.cols.length; k++)
      acc.set(r.cols[k] as number, (acc.get(r.cols[k] as number) ?? 0) + (r.vals[k] as number));
    for (const v of acc.values()) q += v * v;
    QD[i] = q + (diag[i] as number);
  }
  const order = Array.from({ length: l }, (_, i) => i);
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  let iter = 0;
  let maxViol = Number.POSITIVE_INFINITY;
  while (iter < maxIter) {
    for (let i = l - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    maxViol = 0;
    for (const i of order) {
      const r = p.rows[i] as Row;
      const y = p.y[i] as number;
      const a = alpha[i] as number;
      const G = y * rowDot(r, w) - 1 + (diag[i] as number) * a;
      const PG = a === 0 ? Math.min(G, 0) : G;
      maxViol = Math.max(maxViol, Math.abs(PG));
      if (PG !== 0) {
        const an = Math.max(a - G / (QD[i] as number), 0);
        alpha[i] = an;
        rowAxpy(r, (an - a) * y, w);
      }
    }
    iter++;
    if (maxViol <= eps) break;
  }
  let obj = 0;
  for (let j = 0; j < w.length; j++) obj += 0.5 * (w[j] as number) * (w[j] as number);
  for (let i = 0; i < l; i++) {
    const m = 1 - (p.y[i] as number) * rowDot(p.rows[i] as Row, w);
    if (m > 0) obj += (p.cost[i] as number) * m * m;
  }
  return { w, info: { iterations: iter, residual: maxViol, objective: obj } };
}

/** How `solveHead` treats the features (see TrainConfig's `*Complaint` solver knobs). */
export interface HeadSolverOptions {
  /** 1: logistic regression (TRON); 2: squared-hinge SVM (TRON); 3: squared-hinge SVM (dual CD). */
  solver: number;
  C: number;
  /** Dense columns: 0 as they are, 1 standardised (mean 0, sd 1), 2 divided by their max |x|. */
  denseScale: number;
  /** 0: none; 1: each example divided by its L2 norm (dense without the bias, and sparse); 2: the sparse part only. */
  rowNorm: number;
  /** Dense columns multiplied by this after scaling (less regularised for s > 1). */
  denseMul: number;
  /** Value of the bias column for the dual solver (its L2 term is on w_b * B, so large B = light). */
  bias: number;
  /** Sparse ids at or above this are ignored (char 4-gram rows). */
  nSparse: number;
  /** Primal stopping tolerance: |grad| <= eps |grad(0)| (default 1e-6). */
  eps?: number;
  /** Print convergence figures. */
  verbose?: boolean;
}

/**
 * Row normalisation carried by a model trained with `rowNorm`: the runtime would have to divide
 * the (dense without bias and) sparse part of the score by the example's L2 norm.
 */
export interface RowNorm {
  mode: 1 | 2;
  /** Sparse ids below this count (the word and pair ids; 4-gram ids are left out). */
  maxId: number;
}

interface Ex {
  dense: Float64Array;
  ids: readonly number[];
  y: number;
  w: number;
}

/** Sum over distinct ids (below maxId) of count^2: the squared L2 norm of the count vector. */
export function sparseSquares(ids: readonly number[], maxId: number): number {
  const s = ids.filter((id) => id < maxId).sort((a, b) => a - b);
  let sum = 0;
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && s[j] === s[i]) j++;
    sum += (j - i) * (j - i);
    i = j;
  }
  return sum;
}

/** The L2 norm a RowNorm model divides by (1 for an empty example). */
export function rowNormOf(dense: Float64Array, ids: readonly number[], rn: RowNorm): number {
  let q = sparseSquares(ids, rn.maxId);
  if (rn.mode === 1) for (let j = 1; j < dense.length; j++) q += (dense[j] as number) * (dense[j] as number);
  return q > 0 ? Math.sqrt(q) : 1;
}

/**
 * Train a binary linear head (labels 0/1, sample weights w) to convergence and return its
 * weights on the original features: dense[f] (dense[0] is the bias, whose feature is always 1)
 * and sparse[id], plus the row normalisation the scores need (if any).
 */
export function solveHead(
  xs: readonly Ex[],
  denseSize: number,
  sparseSize: number,
  o: HeadSolverOptions,
): { dense: Float64Array; sparse: Float64Array; rowNorm?: RowNorm; info: SolveInfo; raw: Float64Array } {
  const D = denseSize;
  const nS = o.nSparse;
  const rn: RowNorm | undefined = o.rowNorm === 1 || o.rowNorm === 2 ? { mode: o.rowNorm, maxId: nS } : undefined;
  // 1. Row normalisation on the raw features (so the column scaling below stays foldable).
  const norms = xs.map((x) => (rn === undefined ? 1 : rowNormOf(x.dense, x.ids, rn)));
  const denseOf = (i: number): Float64Array => {
    const x = xs[i] as Ex;
    if (rn?.mode !== 1) return x.dense;
    const d = new Float64Array(D);
    d[0] = x.dense[0] as number;
    for (let j = 1; j < D; j++) d[j] = (x.dense[j] as number) / (norms[i] as number);
    return d;
  };
  const dense = xs.map((_, i) => denseOf(i));
  const sparseVal = (i: number) => (rn === undefined ? 1 : 1 / (norms[i] as number));
  // 2. Column scaling of the dense features (the bias column, 0, is left alone).
  const mu = new Float64Array(D);
  const sd = new Float64Array(D).fill(1);
  if (o.denseScale === 1) {
    for (let j = 1; j < D; j++) {
      let s = 0;
      let q = 0;
      for (const d of dense) {
        s += d[j] as number;
        q += (d[j] as number) * (d[j] as number);
      }
      const m = s / Math.max(1, dense.length);
      const v = q / Math.max(1, dense.length) - m * m;
      if (v > 1e-12) {
        mu[j] = m;
        sd[j] = Math.sqrt(v);
      }
    }
  } else if (o.denseScale === 2) {
    for (let j = 1; j < D; j++) {
      let m = 0;
      for (const d of dense) m = Math.max(m, Math.abs(d[j] as number));
      if (m > 0) sd[j] = m;
    }
  }
  const dual = o.solver === 3;
  const biasVal = dual ? o.bias : 1;
  const colMul = new Float64Array(D);
  for (let j = 1; j < D; j++) colMul[j] = o.denseMul / (sd[j] as number);
  colMul[0] = biasVal;
  // 3. Rows: dense columns 0..D-1, then sparse id -> D + id.
  const rows: Row[] = xs.map((x, i) => {
    const cols: number[] = [];
    const vals: number[] = [];
    const d = dense[i] as Float64Array;
    for (let j = 0; j < D; j++) {
      const v = j === 0 ? biasVal * (d[0] as number) : ((d[j] as number) - (mu[j] as number)) * (colMul[j] as number);
      if (v !== 0) {
        cols.push(j);
        vals.push(v);
      }
    }
    const sv = sparseVal(i);
    for (const id of x.ids)
      if (id < nS) {
        cols.push(D + id);
        vals.push(sv);
      }
    return { cols: Int32Array.from(cols), vals: Float64Array.from(vals) };
  });
  const prob: Problem = {
    rows,
    y: Float64Array.from(xs, (x) => (x.y === 1 ? 1 : -1)),
    cost: Float64Array.from(xs, (x) => o.C * x.w),
    nCols: D + nS,
  };
  let res: { w: Float64Array; info: SolveInfo };
  if (dual) res = dcdSquaredHinge(prob);
  else {
    const reg = new Float64Array(prob.nCols).fill(1);
    reg[0] = 0;
    res = tron(prob, o.solver === 1 ? 'logistic' : 'sqhinge', reg, o.eps ?? 1e-6);
  }
  if (o.verbose === true)
    console.log(
      `  solver ${o.solver} C=${o.C}: ${res.info.iterations} iterations, residual ${res.info.residual.toExponential(2)}, objective ${res.info.objective.toFixed(4)}`,
    );
  // 4. Fold the scaling back: score = w0*B + sum_j w_j (x_j - mu_j) * mul_j + sparse.
  const w = res.w;
  const outDense = new Float64Array(D);
  let b = (w[0] as number) * biasVal;
  for (let j = 1; j < D; j++) {
    outDense[j] = (w[j] as number) * (colMul[j] as number);
    b -= (outDense[j] as number) * (mu[j] as number);
  }
  outDense[0] = b;
  const outSparse = new Float64Array(sparseSize);
  for (let id = 0; id < nS; id++) outSparse[id] = w[D + id] as number;
  return { dense: outDense, sparse: outSparse, ...(rn === undefined ? {} : { rowNorm: rn }), info: res.info, raw: w };
}
