import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import redisStreamsSource, {
  type RedisStreamsSink,
  RedisStore,
  entryToMention,
  redisStreamsSink,
  runRedisWorker,
} from '../../src/adapters/redis-streams.js';
import { createScorer } from '../../src/score.js';
import type { SourceEvent, SourceMention } from '../../src/source.js';
import type { Assessment } from '../../src/types.js';
import {
  REDIS_AVAILABLE,
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

const score = createScorer({ brand: { names: ['KPN'] } });
const mention = (i: number) => JSON.stringify({ id: `m${i}`, text: `Storing nummer ${i} bij @KPN?` });

describe('entryToMention', () => {
  it('reads a mention object, a JSON string or a bare text field, and rejects the rest', () => {
    expect(entryToMention({ mention: '{"text":"hoi","author":{"followers":3}}' }).author?.followers).toBe(3);
    expect(entryToMention({ mention: '"alleen tekst"' }).text).toBe('alleen tekst');
    expect(entryToMention({ text: 'plain' }).text).toBe('plain');
    expect(() => entryToMention({ mention: '{oops' })).toThrow(expect.objectContaining({ code: 'INVALID_JSON' }));
    expect(() => entryToMention({ mention: '{"text":42}' })).toThrow(
      expect.objectContaining({ code: 'INVALID_MENTION' }),
    );
    expect(() => entryToMention({ other: 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_MENTION' }));
  });
});

describe.skipIf(!REDIS_AVAILABLE)('redisStreamsSource against a real redis-server', () => {
  let redis: RedisHandle;
  let r: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    r = client(redis.url);
  });
  afterAll(async () => {
    r?.disconnect();
    await redis?.stop();
  });

  async function runUntil(
    opts: {
      stream: string;
      consumer?: string;
      sink?: RedisStreamsSink;
      store?: RedisStore;
      maxDeliveries?: number;
      minIdleMs?: number;
      claimIntervalMs?: number;
      score?: typeof score;
    },
    done: () => Promise<boolean>,
  ) {
    const source = redisStreamsSource({
      url: redis.url,
      stream: opts.stream,
      consumer: opts.consumer ?? 'c1',
      minIdleMs: opts.minIdleMs ?? 150,
      claimIntervalMs: opts.claimIntervalMs ?? 50,
      blockMs: 50,
      maxDeliveries: opts.maxDeliveries ?? 3,
    });
    const sink = opts.sink ?? redisStreamsSink({ url: redis.url, stream: `${opts.stream}:out` });
    const ac = new AbortController();
    const errors: string[] = [];
    const run = runRedisWorker({
      source,
      sink,
      score: opts.score ?? score,
      signal: ac.signal,
      ...(opts.store === undefined ? {} : { store: opts.store }),
      onError: (e) => errors.push((e as { code?: string }).code ?? e.message),
    });
    try {
      await waitFor(done, 20_000, `stream ${opts.stream} to be processed`);
    } finally {
      ac.abort();
    }
    const stats = await run;
    await source.close();
    if (opts.sink === undefined) await sink.close();
    return { stats, errors };
  }

  it('moves a poison entry to the dead-letter stream after N deliveries while the others flow on', async () => {
    const key = 'poison';
    await r.call('XGROUP', 'CREATE', key, 'webcare', '0', 'MKSTREAM');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await r.xadd(key, '*', 'mention', mention(i))) as string);
      if (i === 5) ids.push((await r.xadd(key, '*', 'mention', '{"text": "half a json')) as string);
      if (i === 12) ids.push((await r.xadd(key, '*', 'mention', '{"text": 42}')) as string);
    }
    const badJson = ids[6] as string;
    const badShape = ids[14] as string;
    const { stats, errors } = await runUntil(
      { stream: key, maxDeliveries: 3 },
      async () => (await r.xlen(`${key}:dead`)) === 2 && (await r.xlen(`${key}:out`)) === 20,
    );
    expect(stats.assessed).toBe(20);
    const dead = await readAll(r, `${key}:dead`);
    expect(dead.map((d) => d.fields['source-id']).sort()).toEqual([badJson, badShape].sort());
    for (const d of dead) {
      expect(d.fields.deliveries).toBe('3');
      expect(d.fields['source-stream']).toBe(key);
      expect(d.fields.group).toBe('webcare');
    }
    const byId = new Map(dead.map((d) => [d.fields['source-id'], d.fields]));
    expect(JSON.parse(byId.get(badJson)?.error ?? '{}').code).toBe('INVALID_JSON');
    expect(JSON.parse(byId.get(badShape)?.error ?? '{}')).toMatchObject({ code: 'INVALID_MENTION', field: 'text' });
    // The original fields travel along so the entry can be fixed and re-added.
    expect(JSON.parse(byId.get(badJson)?.entry ?? '{}')).toEqual({ mention: '{"text": "half a json' });
    // Each poison entry was tried exactly three times.
    expect(errors.filter((c) => c === 'INVALID_JSON')).toHaveLength(3);
    expect(errors.filter((c) => c === 'INVALID_MENTION')).toHaveLength(3);
    const pending = (await r.call('XPENDING', key, 'webcare')) as unknown[];
    expect(pending[0]).toBe(0);
    expect(await r.hlen(`${key}:webcare:errors`)).toBe(0);
  });

  it('never hands out again an entry it claimed while handling it, when the ack lands mid-batch', async () => {
    // The claim scan takes every entry idle past minIdleMs, those still being handled here
    // included. An entry acknowledged while the claimed batch is being handed out (here: while
    // the worker looks at the bad entry's error event) must not come out again as a mention.
    const key = 'midbatch';
    await r.call('XGROUP', 'CREATE', key, 'webcare', '0', 'MKSTREAM');
    await r.xadd(key, '*', 'mention', mention(0));
    await r.xadd(key, '*', 'mention', '{"text": 42}');
    await r.xadd(key, '*', 'mention', mention(1));
    const source = redisStreamsSource({
      url: redis.url,
      stream: key,
      consumer: 'c1',
      minIdleMs: 5,
      claimIntervalMs: 1,
      blockMs: 20,
      maxDeliveries: 5,
    });
    const ac = new AbortController();
    const events = source.stream({ signal: ac.signal })[Symbol.asyncIterator]();
    const next = async () => (await events.next()).value as SourceEvent;
    const first = [await next(), await next(), await next()];
    expect(first.map((e) => e.type)).toEqual(['mention', 'error', 'mention']);
    const [m0, , m1] = first as [SourceMention, SourceEvent, SourceMention];
    await new Promise((res) => setTimeout(res, 30));
    // The claim: m0 and m1 are still being handled here, the bad entry is up again.
    expect((await next()).type).toBe('error');
    await source.ack(m1);
    await source.ack(m0);
    // Whatever comes out in the next 300 ms (the generator ends once aborted).
    const timer = setTimeout(() => ac.abort(), 300);
    const later: SourceEvent[] = [];
    for (let e = await events.next(); e.done !== true; e = await events.next()) later.push(e.value);
    clearTimeout(timer);
    await source.close();
    expect(later.filter((e) => e.type === 'mention')).toEqual([]);
    // Only the bad entry went round again, until it reached the dead-letter stream.
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => e.type === 'error')).toBe(true);
    expect(await r.xlen(`${key}:dead`)).toBe(1);
  });

  it('retries a mention whose write failed and writes it once when a retry succeeds', async () => {
    const key = 'flaky';
    await r.call('XGROUP', 'CREATE', key, 'webcare', '0', 'MKSTREAM');
    for (let i = 0; i < 10; i++) await r.xadd(key, '*', 'mention', mention(i));
    const real = redisStreamsSink({ url: redis.url, stream: `${key}:out` });
    let failures = 0;
    const flaky: RedisStreamsSink = {
      markerKey: real.markerKey,
      close: real.close,
      async write(a: Assessment, input) {
        if (a.mention.id === 'm3' && failures < 2) {
          failures += 1;
          throw new Error('connection reset');
        }
        return real.write(a, input);
      },
    };
    const { stats, errors } = await runUntil(
      { stream: key, sink: flaky, maxDeliveries: 3 },
      async () => (await r.xlen(`${key}:out`)) === 10,
    );
    await real.close();
    expect(failures).toBe(2);
    expect(errors).toEqual(['connection reset', 'connection reset']);
    expect(stats.failed).toBe(2);
    expect(await r.xlen(`${key}:dead`)).toBe(0);
    const out = await readAll(r, `${key}:out`);
    expect(new Set(out.map((e) => e.fields.input)).size).toBe(10);
  });

  it('after a restart under the same name, re-reads its own pending entries first', async () => {
    const key = 'restart';
    await r.call('XGROUP', 'CREATE', key, 'webcare', '0', 'MKSTREAM');
    for (let i = 0; i < 5; i++) await r.xadd(key, '*', 'mention', mention(i));
    // A worker "w" read all five and died before acknowledging any.
    await r.call('XREADGROUP', 'GROUP', 'webcare', 'w', 'COUNT', 10, 'STREAMS', key, '>');
    const source = redisStreamsSource({ url: redis.url, stream: key, consumer: 'w', minIdleMs: 60_000 });
    const ac = new AbortController();
    const seen: string[] = [];
    for await (const ev of source.stream({ signal: ac.signal })) {
      if (ev.type !== 'mention') continue;
      seen.push(ev.mention.id ?? '');
      await source.ack(ev);
      if (seen.length === 5) ac.abort();
    }
    await source.close();
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(((await r.call('XPENDING', key, 'webcare')) as unknown[])[0]).toBe(0);
    // Nothing pending here any more, so the consumer left the group on close.
    expect(await r.call('XINFO', 'CONSUMERS', key, 'webcare')).toEqual([]);
  });

  it('drops a duplicate mention id from another entry but not a re-delivery of the same entry', async () => {
    const key = 'dups';
    const store = new RedisStore({ url: redis.url, prefix: 'dups:' });
    await r.call('XGROUP', 'CREATE', key, 'webcare', '0', 'MKSTREAM');
    await r.xadd(key, '*', 'mention', mention(1));
    await r.xadd(key, '*', 'mention', mention(1)); // the same post enqueued twice
    await r.xadd(key, '*', 'mention', JSON.stringify({ id: 'x', text: 'Weer storing @KPN', author: { id: 'u1' } }));
    await r.xadd(
      key,
      '*',
      'mention',
      JSON.stringify({ id: 'y', text: 'Nog steeds storing @KPN', author: { id: 'u1' } }),
    );
    const { stats } = await runUntil({ stream: key, store }, async () => {
      const p = (await r.call('XPENDING', key, 'webcare')) as unknown[];
      return (await r.xlen(`${key}:out`)) === 3 && p[0] === 0;
    });
    await store.close();
    expect(stats.duplicates).toBe(1);
    const out = await readAll(r, `${key}:out`);
    expect(out.map((e) => e.fields.contacts ?? '-')).toEqual(['-', '1', '2']);
  });

  it('validates options at construction', () => {
    expect(() => redisStreamsSource({ url: 'localhost:6379' })).toThrow(/url/);
    expect(() => redisStreamsSource({ count: 0 })).toThrow(/count/);
    expect(() => redisStreamsSource({ maxDeliveries: 1.5 })).toThrow(/maxDeliveries/);
    expect(() => redisStreamsSource({ redis: {} as never })).toThrow(/redis/);
  });
});
