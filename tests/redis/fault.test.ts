/**
 * The fault test of the scale-out design: three real worker processes share one consumer group,
 * one is killed with SIGKILL while it holds unacknowledged entries, and afterwards every input
 * entry has exactly one assessment, nothing is pending and no escalation was emitted twice.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REDIS_AVAILABLE,
  ROOT,
  type RedisHandle,
  SKIP_REASON,
  client,
  readAll,
  startRedis,
  waitFor,
} from './redis-server.js';

if (!REDIS_AVAILABLE && process.env.CI) {
  it('redis-server is installed (required in CI)', () => {
    throw new Error(SKIP_REASON);
  });
}

const N = 20_000;

// Our own phrasings, varied enough to give every priority, repeat authors and identifiers.
const TEMPLATES = [
  'Al {n} dagen storing en niemand neemt op. Schande @KPN, ik stap over!',
  'Waar blijft mijn pakket? Bestelnummer {n}, al twee weken niks gehoord',
  'Top geholpen vandaag door jullie webcare, dank je wel!',
  'Third time I called about my bill this week and still no refund. Never again @KPN #fail',
  'Hoe laat gaat de winkel in Utrecht open?',
  'Internet ligt er weer uit en ik werk thuis, graag snel een monteur @KPN',
  'Nice update to the app, works smoothly now',
  'Storing in {n} huizen hier, ook bij de buren. Wanneer is het opgelost?',
];

function feed(): string {
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const text = (TEMPLATES[i % TEMPLATES.length] as string).replace('{n}', String((i % 97) + 2));
    lines.push(
      JSON.stringify({
        id: `post-${i}`,
        text,
        author: { id: `u${i % 1500}`, followers: (i * 37) % 50_000 },
        metrics: { reposts: i % 13, likes: i % 41 },
        createdAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe.skipIf(!REDIS_AVAILABLE)('worker processes on one consumer group, one killed with SIGKILL', () => {
  let redis: RedisHandle;
  let r: Redis;
  let dir: string;
  const workers = new Map<string, ChildProcess>();
  const logs = new Map<string, string>();

  beforeAll(async () => {
    redis = await startRedis();
    r = client(redis.url);
    dir = mkdtempSync(join(tmpdir(), 'webcare-fault-'));
    writeFileSync(join(dir, 'mentions.jsonl'), feed());
  });
  afterAll(async () => {
    for (const w of workers.values()) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    r?.disconnect();
    await redis?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('gives every entry exactly one assessment, leaves nothing pending and escalates nothing twice', async () => {
    const enq = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'enqueue', join(dir, 'mentions.jsonl'), '--redis', redis.url],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(enq.stderr).toBe('');
    expect(enq.stdout).toMatch(new RegExp(`^enqueued ${N} mentions to mentions`));
    expect(await r.xlen('mentions')).toBe(N);

    for (const name of ['w1', 'w2', 'w3']) {
      const w = cli([
        'worker',
        '--redis',
        redis.url,
        '--stream',
        'mentions',
        '--group',
        'webcare',
        '--consumer',
        name,
        '--out',
        'assessments',
        '--escalations',
        'escalations',
        '--min-idle-ms',
        '1500',
        '--claim-interval-ms',
        '250',
        '--count',
        '50',
        '--brand',
        'KPN',
      ]);
      logs.set(name, '');
      w.stderr?.on('data', (d) => logs.set(name, (logs.get(name) ?? '') + String(d)));
      workers.set(name, w);
    }

    // Kill w2 once the run is well under way and w2 holds entries it has not acknowledged.
    const pendingOf = async (consumer: string): Promise<number> => {
      const summary = (await r.call('XPENDING', 'mentions', 'webcare')) as [
        number,
        unknown,
        unknown,
        [string, string][],
      ];
      const row = (summary[3] ?? []).find(([c]) => c === consumer);
      return row === undefined ? 0 : Number(row[1]);
    };
    await waitFor(
      async () => (await r.xlen('assessments')) >= 2000 && (await pendingOf('w2')) > 0,
      60_000,
      'w2 to be mid-batch',
    );
    const w2 = workers.get('w2') as ChildProcess;
    const killed = new Promise((res) => w2.once('exit', res));
    w2.kill('SIGKILL');
    await killed;
    const orphaned = await pendingOf('w2');
    expect(orphaned).toBeGreaterThan(0);
    expect(await r.xlen('assessments')).toBeLessThan(N);

    await waitFor(
      async () => {
        const summary = (await r.call('XPENDING', 'mentions', 'webcare')) as [number];
        return (await r.xlen('assessments')) >= N && Number(summary[0]) === 0;
      },
      90_000,
      'all entries to be assessed and acknowledged',
    );

    // The survivors drain and exit 0 on SIGTERM.
    for (const name of ['w1', 'w3']) {
      const w = workers.get(name) as ChildProcess;
      const exit = new Promise<number | null>((res) => w.once('exit', (code) => res(code)));
      w.kill('SIGTERM');
      expect(await exit, logs.get(name)).toBe(0);
    }

    const input = await readAll(r, 'mentions');
    const output = await readAll(r, 'assessments');
    const escalations = await readAll(r, 'escalations');
    expect(output).toHaveLength(N);
    const perInput = new Map<string, number>();
    for (const o of output) perInput.set(o.fields.input ?? '', (perInput.get(o.fields.input ?? '') ?? 0) + 1);
    expect(perInput.size).toBe(N);
    expect([...perInput.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(input.map((e) => e.id))).toEqual(new Set(perInput.keys()));

    const escIds = escalations.map((e) => e.fields.input);
    expect(new Set(escIds).size).toBe(escIds.length);
    const shouldEscalate = output.filter((o) => o.fields.priority === 'P1' || o.fields.priority === 'P2');
    expect(escalations.length).toBe(shouldEscalate.length);
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations.length).toBeLessThan(N);

    expect(((await r.call('XPENDING', 'mentions', 'webcare')) as unknown[])[0]).toBe(0);
    expect(await r.xlen('mentions:dead')).toBe(0);
    // w2's orphans were taken over by the survivors, whose stats lines say so.
    const survivors = `${logs.get('w1')}${logs.get('w3')}`;
    const assessed = [...survivors.matchAll(/assessed (\d+) \(already written (\d+)\)/g)];
    expect(assessed).toHaveLength(2);
    console.log(
      `[fault] w2 killed holding ${orphaned} pending entries; survivors: ${assessed.map((m) => `${m[1]} assessed, ${m[2]} already written`).join('; ')}`,
    );
  }, 150_000);
});
