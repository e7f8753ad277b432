/** Classification and ranking metrics for scripts/eval.ts and scripts/train.ts. */

/** Per-class F1, macro-F1 over `labels`, and accuracy. */
export function classification(
  gold: readonly string[],
  pred: readonly string[],
  labels: readonly string[],
): { accuracy: number; macroF1: number; f1: Record<string, number> } {
  let correct = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as string;
    const p = pred[i] as string;
    if (g === p) {
      correct += 1;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
    }
  }
  const f1: Record<string, number> = {};
  let sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    f1[l] = denom === 0 ? 0 : (2 * t) / denom;
    sum += f1[l];
  }
  return { accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1: sum / labels.length, f1 };
}

function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (
      j + 1 < idx.length &&
      (idx[j + 1] as readonly [number, number])[0] === (idx[i] as readonly [number, number])[0]
    )
      j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[(idx[k] as readonly [number, number])[1]] = avg;
    i = j + 1;
  }
  return r;
}

/** Spearman rank correlation with average ranks for ties (Pearson on ranks). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  if (n < 2) return 0;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    const x = (ra[i] as number) - ma;
    const y = (rb[i] as number) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}
