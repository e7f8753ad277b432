/**
 * `npm run eval -- --data <dir> [--split dev] [--json] [--quick] [--no-peers] [--check-floors] [--write-docs]`
 *
 * Scores every known dataset present in <dir> (`<dataset>.<split>.jsonl`) with webcare's
 * `scoreMention` and with the peer libraries on the same items, and prints ONE table.
 * webcare columns:
 * - in-sample: the shipped model, which was trained on ALL dev items, so on the dev files this
 *   is a training-set figure (optimistic; on another split, e.g. held-out files, it is honest);
 * - validation: fold 0 of the 4 sha1 folds (scripts/lib/trainer.ts `foldOf`), scored by a model
 *   trained in-process on the other three folds with the shipped code and hyperparameters;
 * - 4-fold CV: mean ± sd over the four folds, each scored by a model trained without it (the
 *   honest figure; `--quick` runs fold 0 only).
 * On a split other than dev (`--split test`: held-out files) only the shipped model is scored,
 * which is then an honest figure itself, and the floors are checked on it.
 * Peers are not trained, so only the whole split is shown for them. Binary sets
 * (pattern-bolcom-nl) have no neutral class: there the sign of the score decides, for webcare
 * and peers alike. Peers' complaint = negative sentiment.
 * --check-floors exits 1 when a headline metric is below scripts/eval-floors.json (on the
 * column that file names) or was not measured.
 * --write-docs writes docs/accuracy.md with the table, the machine and the command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { useModel } from '../src/classify/model.js';
import { scoreMention } from '../src/index.js';
import { SEVERITY_LEVELS } from '../src/types.js';
import { AIRLINE_REASON, DATASETS, type DatasetName, type Item, readAll } from './lib/data.js';
import { classification, spearman } from './lib/metrics.js';
import { loadPeers, peerLabel } from './lib/peers.js';
import { DEFAULTS, FOLDS, foldOf, splitSets, trainModel } from './lib/trainer.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = opt('--data');
const split = opt('--split') ?? 'dev';
if (dir === undefined) {
  console.error('usage: npm run eval -- --data <dir> [--split dev] [--json] [--check-floors] [--write-docs]');
  process.exit(2);
}

const SENT3 = ['negative', 'neutral', 'positive'];
const SENT2 = ['negative', 'positive'];
const CATS = ['customer_service', 'disruption', 'delivery', 'product', 'booking'];

/** metric name → system → value. */
type Table = Map<string, Map<string, number>>;
const table: Table = new Map();
const set = (metric: string, system: string, v: number) => {
  let row = table.get(metric);
  if (row === undefined) table.set(metric, (row = new Map()));
  row.set(system, v);
};

interface Pred {
  sentiment: string;
  score: number;
  complaint: boolean;
  severity: number;
  pillory: number;
  category: string;
}

function ours(it: Item): Pred {
  const a = scoreMention({ text: it.text, lang: it.lang });
  return {
    sentiment: a.sentiment.label,
    score: a.sentiment.score,
    complaint: a.complaint.isComplaint,
    severity: SEVERITY_LEVELS.indexOf(a.complaint.severity),
    pillory: a.pilloryRisk,
    category: a.complaint.categories[0] ?? 'other',
  };
}

function sentimentMetrics(ds: string, items: Item[], preds: Pred[], system: string, binary: boolean): void {
  const gold = items.map((x) => x.sentiment as string);
  const pred = preds.map((p) => (binary ? (p.score >= 0 ? 'positive' : 'negative') : p.sentiment));
  const labels = binary ? SENT2 : SENT3;
  const m = classification(gold, pred, labels);
  set(`${ds} accuracy`, system, m.accuracy);
  set(`${ds} macro-F1`, system, m.macroF1);
  for (const l of labels) set(`${ds} F1 ${l}`, system, m.f1[l] as number);
}

function complaintMetrics(items: Item[], preds: Pred[], system: string, withSeverity: boolean): void {
  const gold = items.map((x) => (x.complaint ? 'complaint' : 'not'));
  const pred = preds.map((p) => (p.complaint ? 'complaint' : 'not'));
  const m = classification(gold, pred, ['complaint', 'not']);
  set('complaints-en complaint F1', system, m.f1['complaint'] as number);
  set('complaints-en complaint macro-F1', system, m.macroF1);
  set('complaints-en complaint accuracy', system, m.accuracy);
  if (!withSeverity) return;
  const has = items.map((x, i) => [x, preds[i] as Pred] as const).filter(([x]) => typeof x.severity_level === 'number');
  set(
    'complaints-en severity Spearman (all, none=0)',
    system,
    spearman(
      has.map(([x]) => x.severity_level as number),
      has.map(([, p]) => p.severity),
    ),
  );
  const comp = has.filter(([x]) => x.complaint === true);
  const both = comp.filter(([, p]) => p.complaint);
  set(
    'complaints-en severity Spearman (complaints we also flag)',
    system,
    spearman(
      both.map(([x]) => x.severity_level as number),
      both.map(([, p]) => p.severity),
    ),
  );
  set(
    'complaints-en severity Spearman (complaints only)',
    system,
    spearman(
      comp.map(([x]) => x.severity_level as number),
      comp.map(([, p]) => p.severity),
    ),
  );
  set(
    'complaints-en pillory-risk Spearman vs severity (complaints)',
    system,
    spearman(
      comp.map(([x]) => x.severity_level as number),
      comp.map(([, p]) => p.pillory),
    ),
  );
}

function categoryMetrics(items: Item[], preds: Pred[], system: string): void {
  const pairs = items
    .map(
      (x, i) =>
        [x.negative_reason === undefined ? undefined : AIRLINE_REASON[x.negative_reason], preds[i] as Pred] as const,
    )
    .filter(([g]) => g !== undefined);
  const m = classification(
    pairs.map(([g]) => g as string),
    pairs.map(([, p]) => p.category),
    CATS,
  );
  set('airline-sentiment-en category macro-F1 (negative reasons)', system, m.macroF1);
  set('airline-sentiment-en category accuracy (negative reasons)', system, m.accuracy);
}

const peers = args.includes('--no-peers') ? [] : loadPeers();
// The shipped model was trained on all dev items: on the dev files its figures are in-sample and
// the honest ones come from models trained in-process without the scored fold. On any other
// split (e.g. the owners' held-out files) the shipped model never saw the items: it is scored
// as is, and nothing is trained on that split.
const isDev = split === 'dev';
const SHIPPED = isDev ? 'webcare (in-sample)' : `webcare (shipped model, ${split})`;
const folds = !isDev ? 0 : args.includes('--quick') ? 1 : FOLDS;
const CV = `webcare ${FOLDS}-fold CV`;
const systems = [
  SHIPPED,
  ...(folds > 0 ? ['webcare (validation)'] : []),
  ...(folds > 1 ? [CV] : []),
  ...peers.map((p) => p.name),
];
const counts: string[] = [];
const all = readAll(dir, split);
const present = DATASETS.filter((ds) => all[ds].length > 0);

function score(system: string, ds: DatasetName, items: Item[]): void {
  const preds = items.map(ours);
  if (ds === 'complaints-en') complaintMetrics(items, preds, system, true);
  else sentimentMetrics(ds, items, preds, system, ds === 'pattern-bolcom-nl');
  if (ds === 'airline-sentiment-en') categoryMetrics(items, preds, system);
}

const t0 = performance.now();
for (const ds of present) {
  const items = all[ds];
  const nVal = items.filter((x) => foldOf(x.id) === 0).length;
  counts.push(isDev ? `${ds}: ${items.length} items (${nVal} validation)` : `${ds}: ${items.length} items`);
  score(SHIPPED, ds, items);
}
// Honest figures: per fold, a model trained in-process on the other folds (same code and
// hyperparameters as the shipped one) scores the fold's items through the full scoreMention
// pipeline. Fold 0 is the validation column.
for (let k = 0; k < folds; k++) {
  const { train, test } = splitSets(all, (it) => foldOf(it.id) === k);
  useModel(trainModel(train, DEFAULTS).model);
  for (const ds of present) score(`fold ${k}`, ds, test[ds]);
  useModel(undefined);
}
for (const row of table.values()) {
  const xs = [...Array(folds).keys()].map((k) => row.get(`fold ${k}`)).filter((v): v is number => v !== undefined);
  if (xs.length === 0) continue;
  row.set('webcare (validation)', xs[0] as number);
  if (folds < 2) continue;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  row.set(CV, mean);
  row.set(`${CV} sd`, Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)));
}
const ourSeconds = (performance.now() - t0) / 1000;
for (const p of peers) {
  for (const ds of present) {
    const items = all[ds];
    const preds = items.map((it) => {
      const s = p.score(it.text, it.lang);
      const label = peerLabel(s, p.neutralBand);
      return { sentiment: label, score: s, complaint: label === 'negative', severity: 0, pillory: 0, category: '' };
    });
    if (ds === 'complaints-en') complaintMetrics(items, preds, p.name, false);
    else sentimentMetrics(ds, items, preds, p.name, ds === 'pattern-bolcom-nl');
  }
}

const HEADLINES: Record<string, number> = {
  'complaints-en complaint macro-F1': 0.85,
  'complaints-en severity Spearman (all, none=0)': 0.5,
  'tweeteval-sentiment-test-en macro-F1': 0.66,
  'airline-sentiment-en macro-F1': 0.72,
  'airline-sentiment-en category macro-F1 (negative reasons)': 0.6,
  'political-tweets-nl macro-F1': 0.58,
  'pattern-bolcom-nl accuracy': 0.86,
};

const fmt = (v: number | undefined) => (v === undefined ? '' : v.toFixed(3));
const cell = (row: Map<string, number>, s: string) => {
  const v = row.get(s);
  if (s !== CV || v === undefined) return fmt(v);
  return `${fmt(v)} ± ${fmt(row.get(`${CV} sd`))}`;
};
function render(): string {
  const w0 = Math.max(...[...table.keys()].map((k) => k.length)) + 2;
  const head = `| ${'metric'.padEnd(w0)} | target | ${systems.join(' | ')} |`;
  const sep = `|${'-'.repeat(w0 + 2)}|-------:|${systems.map((s) => `${'-'.repeat(s.length + 1)}:`).join('|')}|`;
  const rows = [...table].map(([metric, row]) => {
    const target = HEADLINES[metric];
    const name = target === undefined ? metric : `**${metric}**`;
    return `| ${name.padEnd(w0)} | ${(target === undefined ? '' : target.toFixed(2)).padStart(6)} | ${systems.map((s) => cell(row, s).padStart(s.length)).join(' | ')} |`;
  });
  return [head, sep, ...rows].join('\n');
}

if (args.includes('--json')) {
  const out: Record<string, Record<string, number>> = {};
  for (const [m, row] of table) out[m] = Object.fromEntries(row);
  console.log(JSON.stringify({ split, datasets: counts, metrics: out }, null, 2));
} else {
  console.log(counts.join('\n'));
  console.log(render());
  console.log(`(webcare: ${ourSeconds.toFixed(1)} s including ${folds} in-process training run(s))`);
}

if (args.includes('--write-docs')) {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const doc = readFileSync(new URL('../docs/accuracy.md', import.meta.url), 'utf8');
  const start = doc.indexOf('<!-- eval-table -->');
  const end = doc.indexOf('<!-- /eval-table -->');
  if (start < 0 || end < 0) throw new Error('docs/accuracy.md lacks the <!-- eval-table --> markers');
  const block = `<!-- eval-table -->\nMeasured ${new Date().toISOString().slice(0, 10)} on ${cpu}, node ${process.version}, with\n\`npm run eval -- --data ../shared/eval --split ${split} --write-docs\` (${ourSeconds.toFixed(0)} s for webcare's columns):\n\n${counts.map((c) => `- ${c}`).join('\n')}\n\n${render()}\n`;
  writeFileSync(new URL('../docs/accuracy.md', import.meta.url), doc.slice(0, start) + block + doc.slice(end));
}

if (args.includes('--check-floors')) {
  const spec = JSON.parse(readFileSync(new URL('./eval-floors.json', import.meta.url), 'utf8')) as {
    column: string;
    floors: Record<string, number>;
  };
  let failed = 0;
  for (const [metric, floor] of Object.entries(spec.floors)) {
    // On a split other than dev the floors apply to the shipped model (it never saw the items).
    const column = isDev ? spec.column : SHIPPED;
    const v = table.get(metric)?.get(column);
    if (v === undefined) {
      // A floor whose figure was not measured is a failure, not a pass (missing data set,
      // renamed metric, or a run without the column the floors are on).
      console.error(`FLOOR: ${metric} not measured in column "${column}"`);
      failed += 1;
    } else if (v < floor) {
      console.error(`FLOOR: ${metric} = ${v.toFixed(3)} < ${floor} (${column})`);
      failed += 1;
    }
  }
  console.log(
    failed === 0
      ? `all headline metrics at or above their floors (column "${isDev ? spec.column : SHIPPED}")`
      : `${failed} metric(s) below floor`,
  );
  if (failed > 0) process.exit(1);
}
