/**
 * Daily summary, incidents and charts of a JSON Lines export under Deno, without Jupyter.
 *
 *   deno run --allow-read --allow-write examples/deno/summarize.ts [mentions.jsonl] [out-dir]
 *
 * Without a file (or with '' as the file) it reads the bundled sample feed
 * `examples/data/mentions.jsonl`. Scores the file as a stream into a summariser (counters only,
 * never the mentions), prints the daily table and the incidents, and writes two SVG charts to
 * `out-dir` (a temporary directory when left out).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { chart, createSummarizer, incidentsOf, readJsonl, scoreBatch } from '../../src/index.js';

// No file (or an empty argument, to give only the out-dir): the bundled sample feed.
const file = process.argv[2] || new URL('../data/mentions.jsonl', import.meta.url).pathname;
const outDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'webcare-charts-'));
mkdirSync(outDir, { recursive: true });

const daily = createSummarizer({ by: 'day', timeZone: 'Europe/Amsterdam' });
for await (const a of scoreBatch(readJsonl(file))) daily.add(a);
const rows = daily.rows();

console.log(`Daily summary (Europe/Amsterdam), ${daily.added} mentions, ${daily.undated} without a date:`);
console.table(
  rows.map((r) => ({
    day: r.period,
    mentions: r.count,
    complaints: r.complaints,
    'complaint %': Math.round(r.complaintShare * 100),
    'net sentiment': r.netSentiment,
    P1: r.p1,
    P2: r.p2,
    spam: r.spam,
    'top categories': r.topCategories.join(', '),
  })),
);

const incidents = incidentsOf(rows);
console.log(incidents.length === 0 ? 'No incidents.' : `${incidents.length} incident(s):`);
for (const i of incidents) {
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  console.log(`  ${i.period} ${hhmm(i.start)}-${hhmm(i.end)} UTC  ${i.category}: ${i.complaints} complaints`);
}

const categories = join(outDir, 'complaints-by-category.svg');
const net = join(outDir, 'net-sentiment.svg');
writeFileSync(categories, chart(rows, { kind: 'stacked-bar', title: 'Complaints per day, by category' }));
writeFileSync(net, chart(rows, { metric: 'netSentiment', title: 'Net sentiment per day' }));
console.log(`Charts: ${categories}\n        ${net}`);
