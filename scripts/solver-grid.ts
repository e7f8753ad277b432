/**
 * Experiment: the English complaint head trained by the converged L2 solvers of
 * scripts/lib/solvers.ts over a grid of settings, 4-fold CV. Every fold's model is trained once
 * with the given base config (all heads, as `scripts/train.ts --cv`); then only the complaint
 * head is retrained per setting, so a setting costs a fraction of a second instead of a CV run.
 * The figures are those of `scripts/train.ts --cv --extra-report` with the same knobs.
 *
 *   npx tsx scripts/solver-grid.ts --data ../shared/eval [--seed 1] --grid '<json list of partial TrainConfigs>'
 *
 * Prints one tab-separated row per setting: complaint macro-F1 (en) at the configured threshold
 * (mean of the folds), on brand tweets, the severity Spearman that depends on the complaint
 * decision, and the pooled out-of-fold macro-F1 at the fixed threshold, at logit 0 and at the
 * best logit threshold of a 0.025 grid (with that threshold).
 *
 * Environment: WEBCARE_SOLVER_VERBOSE=1 prints iterations, residual and time per solve;
 * WEBCARE_SOLVER_EPS=<eps> changes the primal stopping tolerance (default 1e-6).
 * Note: the shuffling seed still moves a converged head a little, through the stacked
 * sentiment features (the sentiment head is trained by seeded AdaGrad).
 */
import { readAll } from './lib/data.js';
import {
  DEFAULTS,
  FOLDS,
  type Sets,
  type TrainConfig,
  foldOf,
  headMetrics,
  splitSets,
  trainEnComplaint,
  trainModel,
} from './lib/trainer.js';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataDir = arg('--data');
const gridJson = arg('--grid');
if (dataDir === undefined || gridJson === undefined) {
  console.error("usage: tsx scripts/solver-grid.ts --data <dir> [--seed n] --grid '[{...}, ...]'");
  process.exit(2);
}
const base: TrainConfig = { ...DEFAULTS, seed: Number(arg('--seed') ?? DEFAULTS.seed) };
const grid = (JSON.parse(gridJson) as Partial<TrainConfig>[]).map((g) => ({ ...base, ...g }));
const sets = readAll(dataDir);
const t0 = performance.now();

interface Acc {
  rows: Map<string, number[]>;
  logits: [number, boolean][];
}
const acc: Acc[] = grid.map(() => ({ rows: new Map(), logits: [] }));
const nFolds = Number(arg('--folds') ?? FOLDS);
for (let k = 0; k < nFolds; k++) {
  const { train, test } = splitSets(sets, (it) => foldOf(it.id) === k);
  const t = trainModel(train, base);
  const only = Object.fromEntries(
    Object.keys(test).map((n) => [n, n === 'complaints-en' ? test[n as keyof Sets] : []]),
  );
  grid.forEach((cfg, g) => {
    const ts = performance.now();
    const complaint = trainEnComplaint(t.en.p, train['complaints-en'], cfg);
    if (process.env.WEBCARE_SOLVER_VERBOSE === '1')
      console.error(`  ${((performance.now() - ts) / 1000).toFixed(2)} s`);
    const tg = { ...t, model: { ...t.model, complaintThreshold: cfg.complaintThreshold } };
    tg.en = { p: t.en.p, heads: { ...t.en.heads, complaint } };
    const r = headMetrics(tg, only as Sets, (acc[g] as Acc).logits, undefined, true);
    for (const [m, v] of Object.entries(r)) (acc[g] as Acc).rows.set(m, [...((acc[g] as Acc).rows.get(m) ?? []), v]);
  });
  console.error(`fold ${k} done, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

const f1At = (xs: [number, boolean][], thr: number) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const [z, y] of xs) {
    const p = z >= thr;
    if (p && y) tp++;
    else if (p) fp++;
    else if (y) fn++;
    else tn++;
  }
  return ((2 * tp) / Math.max(1, 2 * tp + fp + fn) + (2 * tn) / Math.max(1, 2 * tn + fn + fp)) / 2;
};
const mean = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0) / Math.max(1, (xs ?? []).length);
const knobs: (keyof TrainConfig)[] = [
  'solverComplaint',
  'cComplaint',
  'denseScaleComplaint',
  'rowNormComplaint',
  'denseMulComplaint',
  'biasComplaint',
  'classWComplaint',
];
console.log(
  ['setting', 'F1@thr', 'brand', 'sevAll', 'pooled@thr', 'pooled@0', 'pooledBest', 'bestLogit', 'folds'].join('\t'),
);
grid.forEach((cfg, g) => {
  const a = acc[g] as Acc;
  const setting = knobs
    .filter((k) => cfg[k] !== DEFAULTS[k] || k === 'solverComplaint')
    .map((k) => `${k.replace('Complaint', '')}=${cfg[k]}`)
    .join(' ');
  const fixed = Math.log(cfg.complaintThreshold / (1 - cfg.complaintThreshold));
  let best = fixed;
  for (let i = -80; i <= 80; i++) if (f1At(a.logits, i * 0.025) > f1At(a.logits, best)) best = i * 0.025;
  const f1 = a.rows.get('complaint macro-F1 (en)') ?? [];
  console.log(
    [
      setting,
      mean(f1).toFixed(4),
      mean(a.rows.get('complaint macro-F1 on brand tweets (en)')).toFixed(4),
      mean(a.rows.get('severity Spearman, all items, none=0 (en, float heads)')).toFixed(4),
      f1At(a.logits, fixed).toFixed(4),
      f1At(a.logits, 0).toFixed(4),
      f1At(a.logits, best).toFixed(4),
      best.toFixed(3),
      f1.map((x) => x.toFixed(3)).join(' '),
    ].join('\t'),
  );
});
console.error(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
