/**
 * Score a JSON Lines export under Deno and print the triage top 10, without Jupyter.
 *
 *   deno run --allow-read examples/deno/score.ts [mentions.jsonl]
 *   cat mentions.jsonl | deno run examples/deno/score.ts -
 *
 * Without a file it reads the bundled sample feed `examples/data/mentions.jsonl`.
 * Streams the file: only the ten most pressing mentions are kept, so it works the same on a
 * file of a million lines. In your own project import from `npm:webcare` (or
 * `jsr:@webcare/webcare`) instead of the relative path.
 */
import process from 'node:process';
import { type Assessment, readJsonl, scoreBatch } from '../../src/index.js';

// No file: the bundled sample feed.
const arg = process.argv[2] || new URL('../data/mentions.jsonl', import.meta.url).pathname;
// `-` reads standard input: Deno's web stream (typed loosely so the file also passes tsc), or Node's.
const deno = (globalThis as { Deno?: { stdin: { readable: ReadableStream<Uint8Array> } } }).Deno;
const input = arg === '-' ? (deno?.stdin.readable ?? process.stdin) : arg;
const TOP = 10;

/** Lower is more pressing: priority first, then the tighter deadline, then pillory risk. */
function rank(a: Assessment): number[] {
  return [Number(a.priority.slice(1)), a.respondWithinMinutes, -a.pilloryRisk, -a.urgency];
}
function before(a: Assessment, b: Assessment): boolean {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] as number) < (rb[i] as number);
  return false;
}

const top: Assessment[] = [];
const byPriority: Record<string, number> = { P1: 0, P2: 0, P3: 0, P4: 0 };
const run = scoreBatch(readJsonl(input), {
  onError: (e) => console.error(`skipped line ${e.line}: ${e.error.message}`),
});
for await (const a of run) {
  byPriority[a.priority] = (byPriority[a.priority] ?? 0) + 1;
  // Insertion into a sorted array of at most TOP items: memory stays flat whatever the input.
  let i = top.length;
  while (i > 0 && before(a, top[i - 1] as Assessment)) i--;
  if (i < TOP) {
    top.splice(i, 0, a);
    if (top.length > TOP) top.pop();
  }
}

const { scored, failed, elapsedMs } = run.stats;
console.log(`Scored ${scored} mentions in ${Math.round(elapsedMs)} ms (${failed} lines skipped).`);
console.log(
  `By priority: ${Object.entries(byPriority)
    .map(([p, n]) => `${p} ${n}`)
    .join(', ')}`,
);
console.log(`\nTriage top ${top.length}:`);
console.table(
  top.map((a) => ({
    priority: a.priority,
    within: `${a.respondWithinMinutes} min`,
    category: a.complaint.categories[0] ?? '',
    pillory: a.pilloryRisk.toFixed(2),
    urgency: a.urgency.toFixed(2),
    advice: a.replyAdvice,
    text: a.mention.text.length > 60 ? `${a.mention.text.slice(0, 59)}…` : a.mention.text,
  })),
);
