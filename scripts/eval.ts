/**
 * `npm run eval -- --data <dir> [--split dev] [--json] [--check-floors] [--write-docs]`
 *
 * Scores every known dataset present in <dir> (`<dataset>.<split>.jsonl`) with webcare's
 * `scoreMention` and with the peer libraries on the same items, and prints ONE table. webcare
 * is reported on the whole split and on the internal validation part (never trained on: see
 * scripts/lib/data.ts); peers are not trained, so only the whole split is shown for them.
 * Binary sets (pattern-bolcom-nl) have no neutral class: there the sign of the score decides,
 * for webcare and peers alike. Peers' complaint = negative sentiment.
 * --check-floors exits 1 when a headline metric is below scripts/eval-floors.json (checked on
 * the validation column: the figure that says whether the classifier still generalises).
 * --write-docs writes docs/accuracy.md with the table, the machine and the command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { scoreMention } from '../src/index.js';
import { SEVERITY_LEVELS } from '../src/types.js';
import { AIRLINE_REASON, DATASETS, type Item, isValidation, readDataset } from './lib/data.js';
import { classification, spearman } from './lib/metrics.js';
import { loadPeers, peerLabel } from './lib/peers.js';

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
const systems = ['webcare', 'webcare (validation)', ...peers.map((p) => p.name)];
const counts: string[] = [];
for (const ds of DATASETS) {
  const items = readDataset(dir, ds, split);
  if (items === undefined) continue;
  const val = items.filter((x) => isValidation(x.id));
  counts.push(`${ds}: ${items.length} items (${val.length} validation)`);
  const ourPreds = items.map(ours);
  const valPreds = ourPreds.filter((_, i) => isValidation((items[i] as Item).id));
  const runs: [string, Item[], Pred[]][] = [
    ['webcare', items, ourPreds],
    ['webcare (validation)', val, valPreds],
  ];
  for (const p of peers) {
    runs.push([
      p.name,
      items,
      items.map((it) => {
        const s = p.score(it.text, it.lang);
        const label = peerLabel(s, p.neutralBand);
        return { sentiment: label, score: s, complaint: label === 'negative', severity: 0, pillory: 0, category: '' };
      }),
    ]);
  }
  for (const [system, its, preds] of runs) {
    const isOurs = system.startsWith('webcare');
    if (ds === 'complaints-en') complaintMetrics(its, preds, system, isOurs);
    else sentimentMetrics(ds, its, preds, system, ds === 'pattern-bolcom-nl');
    if (ds === 'airline-sentiment-en' && isOurs) categoryMetrics(its, preds, system);
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
function render(): string {
  const w0 = Math.max(...[...table.keys()].map((k) => k.length)) + 2;
  const head = `| ${'metric'.padEnd(w0)} | target | ${systems.join(' | ')} |`;
  const sep = `|${'-'.repeat(w0 + 2)}|-------:|${systems.map((s) => `${'-'.repeat(s.length + 1)}:`).join('|')}|`;
  const rows = [...table].map(([metric, row]) => {
    const target = HEADLINES[metric];
    const name = target === undefined ? metric : `**${metric}**`;
    return `| ${name.padEnd(w0)} | ${(target === undefined ? '' : target.toFixed(2)).padStart(6)} | ${systems.map((s) => fmt(row.get(s)).padStart(s.length)).join(' | ')} |`;
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
}

if (args.includes('--write-docs')) {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const doc = readFileSync(new URL('../docs/accuracy.md', import.meta.url), 'utf8');
  const start = doc.indexOf('<!-- eval-table -->');
  const end = doc.indexOf('<!-- /eval-table -->');
  if (start < 0 || end < 0) throw new Error('docs/accuracy.md lacks the <!-- eval-table --> markers');
  const block = `<!-- eval-table -->\nMeasured ${new Date().toISOString().slice(0, 10)} on ${cpu}, node ${process.version}, with\n\`npm run eval -- --data ../shared/eval --split ${split} --write-docs\`:\n\n${counts.map((c) => `- ${c}`).join('\n')}\n\n${render()}\n`;
  writeFileSync(new URL('../docs/accuracy.md', import.meta.url), doc.slice(0, start) + block + doc.slice(end));
}

if (args.includes('--check-floors')) {
  const floors = JSON.parse(readFileSync(new URL('./eval-floors.json', import.meta.url), 'utf8')) as Record<
    string,
    number
  >;
  let failed = 0;
  for (const [metric, floor] of Object.entries(floors)) {
    const v = table.get(metric)?.get('webcare');
    if (v === undefined) continue;
    if (v < floor) {
      console.error(`FLOOR: ${metric} = ${v.toFixed(3)} < ${floor}`);
      failed += 1;
    }
  }
  console.log(failed === 0 ? 'all headline metrics at or above their floors' : `${failed} metric(s) below floor`);
  if (failed > 0) process.exit(1);
}
