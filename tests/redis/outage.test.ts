/**
 * Redis unreachable: the worker and enqueue CLIs say so in one clear line instead of ioredis's
 * repeated "Unhandled error event" stack traces, and a worker stops on SIGTERM instead of waiting
 * minutes for Redis to come back (it took 178 s before). No redis-server needed: a closed port.
 */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type RedisLike, release } from '../../src/adapters/_redis-client.js';
import { RedisStore, redisStreamsSink, redisStreamsSource } from '../../src/adapters/redis-streams.js';
import type { SourceEvent } from '../../src/source.js';
import { ROOT, freePort } from './redis-server.js';

const run = (args: string[]) => [process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]] as const;

describe('Redis unreachable', () => {
  it('the worker reports the outage once and drains and exits 0 on SIGTERM', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const [node, args] = run(['worker', '--redis', url, '--consumer', 'w-outage']);
    const w = spawn(node, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    w.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((resolve) => w.on('exit', (code) => resolve(code)));
    while (!stderr.includes('(reconnecting)')) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500)); // several reconnect attempts on four connections
    w.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain('Unhandled error event');
    expect(stderr.match(/ECONNREFUSED/g)).toHaveLength(1);
    expect(stderr).toContain(`w-outage: redis at ${url}: connect ECONNREFUSED`);
    expect(stderr).toMatch(/w-outage: SIGTERM, draining\n/);
    expect(stderr).toMatch(/w-outage: assessed 0 /);
  }, 60_000);

  it('enqueue fails with one line and exit 1', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const [node, args] = run(['enqueue', '--redis', url]);
    const r = spawnSync(node, args, { cwd: ROOT, input: '{"text":"storing"}\n', encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('Unhandled error event');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^webcare enqueue: .*max retries/);
  }, 60_000);

  it('a source stream aborted during the outage ends, and every part closes', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const errors: Error[] = [];
    const onConnectionError = (e: Error) => errors.push(e);
    const source = redisStreamsSource({ url, onConnectionError, blockMs: 100 });
    const sink = redisStreamsSink({ url, onConnectionError });
    const store = new RedisStore({ url, onConnectionError });
    const ac = new AbortController();
    const events: SourceEvent[] = [];
    const reading = (async () => {
      for await (const ev of source.stream({ signal: ac.signal })) events.push(ev);
    })();
    while (errors.length === 0) await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await reading;
    expect(events).toEqual([]);
    await Promise.all([source.close(), sink.close(), store.close()]);
    expect(errors[0]).toBeInstanceOf(Error);
    expect(errors[0]?.message).toMatch(/ECONNREFUSED/);
  }, 60_000);

  it('a reporter that throws does not break the client', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    let calls = 0;
    const source = redisStreamsSource({
      url,
      onConnectionError: () => {
        calls += 1;
        throw new Error('reporter broke');
      },
    });
    const ac = new AbortController();
    const reading = (async () => {
      for await (const _ of source.stream({ signal: ac.signal })) break;
    })();
    while (calls < 2) await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await reading;
    await source.close();
  }, 60_000);

  it('drops a connection whose QUIT gets no answer in 2 s, and its late failure is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      // Like ioredis: QUIT waits for an answer that never comes; dropping the connection fails it.
      let disconnected = 0;
      let failQuit: (e: Error) => void = () => undefined;
      const client: RedisLike = {
        status: 'ready',
        call: async () => 'OK',
        quit: () =>
          new Promise((_, reject) => {
            failQuit = reject;
          }),
        disconnect: () => {
          disconnected += 1;
          failQuit(new Error('Connection is closed.'));
        },
      };
      await release({ client, owned: true });
      expect(disconnected).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(unhandled).toEqual([]);
      // A connection that is down is dropped at once, without QUIT.
      let quits = 0;
      await release({ client: { ...client, status: 'reconnecting', quit: async () => quits++ }, owned: true });
      expect([quits, disconnected]).toEqual([0, 2]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 15_000);

  it('refuses an onConnectionError that is not a function', () => {
    expect(() => redisStreamsSource({ onConnectionError: 'log' as unknown as () => void })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'onConnectionError' }),
    );
  });
});
