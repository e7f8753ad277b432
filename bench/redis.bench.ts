/**
 * Throughput of `webcare worker` processes on one Redis stream: 1 worker, 2 workers, and 1 worker
 * without shared state (no dedup, no author history), each over the same 20,000 mentions. Starts
 * its own redis-server on a free port; skips with a message when redis-server is not installed.
 *
 * The workers are the real CLI (`dist/cli/main.js` when built, else `src/cli/main.ts` via tsx).
 * They start and join the group first; the clock runs from the first input entry's id to the last
 * assessment's id, both stamped by the Redis server, so process start-up is not counted.
 *
 *   npm run bench -- redis            (or: node --import tsx bench/redis.bench.ts --n=50000)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { REDIS_AVAILABLE, ROOT, SKIP_REASON, client, startRedis, waitFor } from '../tests/redis/redis-server.js';

const nArg = process.argv.find((a) => a.startsWith('--n='));
const N = nArg === undefined ? 20_000 : Number(nArg.slice(4));

if (!REDIS_AVAILABLE) {
  console.log(`skip: ${SKIP_REASON}`);
  process.exit(0);
}

const TEXTS = [
  'Al 3 dagen storing en niemand neemt op. Schande @KPN, ik stap over!',
  'Waar blijft mijn pakket? Bestelnummer 4411, al twee weken niks gehoord',
  'Top geholpen vandaag door jullie webcare, dank je wel!',
  'Third time I called about my bill this week and still no refund @KPN',
  'Internet ligt er weer uit en ik werk thuis, graag snel een monteur',
];

const built = join(ROOT, 'dist', 'cli', 'main.js');
const entry = existsSync(built) ? [built] : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];

const redis = await startRedis();
const r = client(redis.url);

async function run(workers: number, extra: string[] = []): Promise<number> {
  await r.flushall();
  await r.call('XGROUP', 'CREATE', 'mentions', 'webcare', '0', 'MKSTREAM');
  const procs: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) {
    const args = ['worker', '--redis', redis.url, '--consumer', `b${i}`, '--escalations', 'escalations', ...extra];
    procs.push(spawn(process.execPath, [...entry, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }));
  }
  await waitFor(
    async () => ((await r.call('XINFO', 'CONSUMERS', 'mentions', 'webcare')) as unknown[]).length === workers,
    30_000,
    'workers to join the group',
  );
  const batch: Promise<unknown>[] = [];
  for (let i = 0; i < N; i++) {
    const m = { id: `p${i}`, text: TEXTS[i % TEXTS.length], author: { id: `u${i % 2000}`, followers: i % 9000 } };
    batch.push(r.xadd('mentions', '*', 'mention', JSON.stringify(m)));
    if (batch.length === 2000) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  await waitFor(
    async () =>
      (await r.xlen('assessments')) >= N &&
      Number(((await r.call('XPENDING', 'mentions', 'webcare')) as [number])[0]) === 0,
    300_000,
    'all mentions assessed',
  );
  const first = (await r.xrange('mentions', '-', '+', 'COUNT', 1))[0]?.[0] ?? '0-0';
  const last = (await r.xrevrange('assessments', '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
  const ms = Number(last.split('-')[0]) - Number(first.split('-')[0]);
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((res) => (p.exitCode === null ? p.once('exit', res) : res(0)))));
  return N / (Math.max(ms, 1) / 1000);
}

console.log(
  `corpus: ${N} synthetic mentions (${TEXTS.length} Dutch/English templates, 2,000 authors); redis-server on 127.0.0.1, ${cpus().length} cores shared by Redis and the workers`,
);
console.log(`workers: ${entry.includes('tsx') ? 'src/cli/main.ts via tsx' : 'dist/cli/main.js'} (real worker code)`);
try {
  const one = await run(1);
  console.log(`1 worker, shared state:       ${Math.round(one).toLocaleString('en')} mentions/s`);
  const two = await run(2);
  console.log(
    `2 workers, shared state:      ${Math.round(two).toLocaleString('en')} mentions/s  (${(two / one).toFixed(2)}x of 1)`,
  );
  const bare = await run(1, ['--no-state']);
  console.log(
    `1 worker, --no-state:         ${Math.round(bare).toLocaleString('en')} mentions/s  (${(bare / one).toFixed(2)}x of 1)`,
  );
} finally {
  r.disconnect();
  await redis.stop();
}
