/**
 * Starts a throwaway `redis-server` (the Debian package) on a free port in a temp dir, without
 * persistence, and stops it. When the binary is missing the tests skip with a clear reason,
 * except under CI, where a missing redis-server is a failure (CI installs it).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Whether a `redis-server` binary can be run here. */
export const REDIS_AVAILABLE = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;

/** Why redis tests do not run, or undefined when they do. */
export const SKIP_REASON = REDIS_AVAILABLE
  ? undefined
  : 'redis-server is not installed (apt-get install redis-server); Redis Streams tests skipped';

if (SKIP_REASON !== undefined && !process.env.CI) console.warn(`[tests/redis] ${SKIP_REASON}`);

export interface RedisHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((res) => {
      const sock = createConnection({ port, host: '127.0.0.1' }, () => sock.write('PING\r\n'));
      sock.once('data', (d) => {
        sock.destroy();
        res(d.toString().startsWith('+PONG'));
      });
      sock.once('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not answer PING within 10 s');
}

/** Start a private redis-server; throws when it cannot. */
export async function startRedis(): Promise<RedisHandle> {
  if (!REDIS_AVAILABLE) throw new Error(SKIP_REASON);
  const dir = mkdtempSync(join(tmpdir(), 'webcare-redis-'));
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  await waitForPing(port, child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A plain ioredis client for the test's own checks. */
export function client(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3 });
}

/** Stream entries as [id, fields] with fields as a record, reading in pages. */
export async function readAll(r: Redis, key: string): Promise<{ id: string; fields: Record<string, string> }[]> {
  const out: { id: string; fields: Record<string, string> }[] = [];
  let start = '-';
  for (;;) {
    const page = (await r.call('XRANGE', key, start, '+', 'COUNT', 5000)) as [string, string[]][];
    for (const [id, list] of page) {
      const fields: Record<string, string> = {};
      for (let i = 0; i + 1 < list.length; i += 2) fields[list[i] as string] = list[i + 1] as string;
      out.push({ id, fields });
    }
    if (page.length < 5000) return out;
    start = `(${page[page.length - 1]?.[0]}`;
  }
}

/** Poll until `check` resolves true, or fail after `ms`. */
export async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}
