/**
 * `scoreBatch` over a JSON Lines file of 1,000,000 mentions, in bounded memory: the file is
 * streamed by `readJsonl`, scored one mention at a time, and folded into a daily summary
 * (`createSummarizer` keeps counters, not mentions). Prints the rate and the peak RSS, with the
 * RSS after the first 10 % beside it: if memory grew with the input, the two would differ ~10x.
 *
 * Corpus: generated into a temp dir from the texts of examples/data/mentions.jsonl when present,
 * else from templates written for this benchmark (Dutch and English complaints, questions, praise,
 * spam), each numbered so no two lines are equal, createdAt spread over 30 days, 1 in 5,000 lines
 * malformed on purpose. `npm run bench -- batch` (`--n=200000` for a shorter run).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createSummarizer, incidentsOf, readJsonl, scoreBatch } from '../src/index.js';

const arg = process.argv.find((a) => a.startsWith('--n='));
const N = arg === undefined ? 1_000_000 : Number(arg.slice(4));
const sample = new URL('../examples/data/mentions.jsonl', import.meta.url);

const TEMPLATES = [
  'Al {n} uur storing in {city}, geen internet en niemand neemt op. Schande!',
  'Pakket {n} is nog steeds niet bezorgd, track & trace zegt al dagen hetzelfde',
  'Waarom staat er {n} euro extra op mijn factuur? Twee keer afgeschreven.',
  'Top geholpen door de klantenservice, in {n} minuten opgelost. Dank!',
  'My flight {n} was cancelled and nobody at the desk can tell me anything #fail',
  'Is the store in {city} open on Sunday? Need to return order {n}.',
  'Called {n} times about my broken router, still no technician. Switching provider.',
  'Earn {n} dollars a day from home, DM me for crypto tips, guaranteed profit!!!',
  'Kan ik mijn abonnement {n} omzetten naar een goedkoper pakket?',
  'Love the new app update, checking in for flight {n} took ten seconds.',
];
const CITIES = ['Utrecht', 'Amsterdam', 'Rotterdam', 'Zwolle', 'Groningen', 'Delft', 'Leeds', 'Eindhoven'];

async function templates(): Promise<string[]> {
  if (!existsSync(sample)) return TEMPLATES;
  const texts: string[] = [];
  for await (const line of createInterface({ input: createReadStream(sample) })) {
    try {
      const v = JSON.parse(line) as { text?: unknown };
      if (typeof v.text === 'string') texts.push(v.text);
    } catch {
      // the sample may contain deliberately broken lines
    }
  }
  return texts.length > 0 ? texts : TEMPLATES;
}

async function writeCorpus(file: string, n: number, texts: string[]): Promise<void> {
  const out = createWriteStream(file);
  const t0 = Date.UTC(2026, 9, 1);
  const span = 30 * 24 * 3600 * 1000;
  for (let i = 0; i < n; i++) {
    const text = (texts[i % texts.length] as string)
      .replace('{n}', String(i))
      .replace('{city}', CITIES[i % CITIES.length] as string);
    const line =
      i % 5000 === 4999
        ? '{"text": "broken\n'
        : `${JSON.stringify({
            id: `m${i}`,
            // Numbered so no two lines are equal even when the templates repeat.
            text: texts === TEMPLATES ? text : `${text} #${i}`,
            createdAt: new Date(t0 + Math.floor((i / n) * span)).toISOString(),
            author: { handle: `user${i % 50_000}`, followers: (i * 37) % 20_000 },
            source: ['x', 'mastodon', 'bluesky', 'reddit'][i % 4],
          })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

const dir = mkdtempSync(join(tmpdir(), 'webcare-batch-bench-'));
const file = join(dir, 'mentions.jsonl');
try {
  const texts = await templates();
  const tw = performance.now();
  await writeCorpus(file, N, texts);
  console.log(
    `corpus: ${N.toLocaleString('en')} lines, ${mib(statSync(file).size)}, from ${texts === TEMPLATES ? 'bench templates' : 'examples/data/mentions.jsonl'} (written in ${((performance.now() - tw) / 1000).toFixed(1)} s)`,
  );
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let rssAtTenth = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const summary = createSummarizer({ by: 'day', timeZone: 'Europe/Amsterdam' });
  const byPriority = { P1: 0, P2: 0, P3: 0, P4: 0 };
  const run = scoreBatch(readJsonl(file), {
    progressEvery: Math.max(1, Math.floor(N / 10)),
    onProgress: (p) => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      if (rssAtTenth === 0) rssAtTenth = rss;
      console.log(
        `  ${p.read.toLocaleString('en').padStart(9)} read  ${Math.round(p.ratePerSecond).toLocaleString('en').padStart(7)}/s  rss ${mib(rss)}`,
      );
    },
  });
  for await (const a of run) {
    byPriority[a.priority]++;
    summary.add(a);
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const { read, scored, failed, elapsedMs } = run.stats;
  const rows = summary.rows();
  console.log(
    `scored ${scored.toLocaleString('en')} of ${read.toLocaleString('en')} lines (${failed} malformed skipped) in ${(elapsedMs / 1000).toFixed(1)} s: ${Math.round((scored * 1000) / elapsedMs).toLocaleString('en')} mentions/s`,
  );
  console.log(
    `memory: rss ${mib(rssBefore)} before, ${mib(rssAtTenth)} after 10 %, peak ${mib(peak)} (file ${mib(statSync(file).size)})`,
  );
  console.log(
    `summary: ${rows.length} days, ${incidentsOf(rows).length} incidents; priorities ${JSON.stringify(byPriority)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
