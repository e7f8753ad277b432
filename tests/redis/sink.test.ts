import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStreamsSink } from '../../src/adapters/redis-streams.js';
import { scoreMention } from '../../src/score.js';
import { REDIS_AVAILABLE, type RedisHandle, SKIP_REASON, client, readAll, startRedis } from './redis-server.js';

if (!REDIS_AVAILABLE && process.env.CI) {
  it('redis-server is installed (required in CI)', () => {
    throw new Error(SKIP_REASON);
  });
}

describe.skipIf(!REDIS_AVAILABLE)('redisStreamsSink against a real redis-server', () => {
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

  const urgent = scoreMention({
    text: 'Al 3 dagen storing, 4 keer gebeld en niemand helpt. Schande @KPN, ik stap over! #fail',
    author: { handle: 'anna', followers: 250_000 },
    metrics: { reposts: 900 },
  });
  const calm = scoreMention('Fijne dag allemaal');

  it('writes an assessment once per input entry, even from two workers at once', async () => {
    const a = redisStreamsSink({ url: redis.url, stream: 'out1', escalations: 'esc1', escalateAt: ['P1', 'P2', 'P3'] });
    const b = redisStreamsSink({ url: redis.url, stream: 'out1', escalations: 'esc1', escalateAt: ['P1', 'P2', 'P3'] });
    const results = await Promise.all([
      a.write(urgent, { id: '1-0', stream: 'mentions' }),
      b.write(urgent, { id: '1-0', stream: 'mentions' }),
      a.write(urgent, { id: '1-0', stream: 'mentions' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.write(calm, { id: '2-0', stream: 'mentions', fields: { contacts: 2 } })).toBe(true);
    expect(await a.write(calm, { id: '2-0', stream: 'mentions' })).toBe(false);
    // The same id from another input stream is another entry.
    expect(await a.write(calm, { id: '2-0', stream: 'other' })).toBe(true);

    const out = await readAll(r, 'out1');
    expect(out.map((e) => `${e.fields.stream}/${e.fields.input}`)).toEqual([
      'mentions/1-0',
      'mentions/2-0',
      'other/2-0',
    ]);
    const first = out[0]?.fields ?? {};
    expect(first.priority).toBe(urgent.priority);
    expect(JSON.parse(first.assessment ?? '{}').mention.text).toBe(urgent.mention.text);
    expect(out[1]?.fields.contacts).toBe('2');
    const esc = await readAll(r, 'esc1');
    expect(esc.filter((e) => e.fields.input === '1-0')).toHaveLength(urgent.priority === 'P4' ? 0 : 1);
    await a.close();
    await b.close();
  });

  it('escalates only the configured priorities', async () => {
    expect(['P1', 'P2']).toContain(urgent.priority);
    expect(['P3', 'P4']).toContain(calm.priority);
    const s = redisStreamsSink({ url: redis.url, stream: 'out2', escalations: 'esc2' });
    await s.write(urgent, { id: '1-0' });
    await s.write(calm, { id: '2-0' });
    await s.write(urgent, { id: '1-0' });
    expect(await r.xlen('out2')).toBe(2);
    const esc = await readAll(r, 'esc2');
    expect(esc.map((e) => e.fields.input)).toEqual(['1-0']);
    await s.close();
  });

  it('keeps the marker for markerTtlMs and trims with maxLen', async () => {
    const s = redisStreamsSink({ url: redis.url, stream: 'out3', markerTtlMs: 60_000, maxLen: 5 });
    for (let i = 0; i < 300; i++) await s.write(calm, { id: `${i}-0` });
    const ttl = await r.pttl(s.markerKey({ id: '0-0' }));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // MAXLEN ~ trims whole macro nodes, so "about 5" can be more but never the full 300.
    expect(await r.xlen('out3')).toBeLessThan(300);
    await s.close();
  });

  it('reuses a client the host injects and does not close it', async () => {
    const host = client(redis.url);
    const s = redisStreamsSink({ redis: host, stream: 'out4' });
    expect(await s.write(calm, { id: '9-0' })).toBe(true);
    await s.close();
    expect(await host.ping()).toBe('PONG');
    host.disconnect();
  });

  it('validates options at construction', () => {
    expect(() => redisStreamsSink({ stream: '' })).toThrow(/stream/);
    expect(() => redisStreamsSink({ escalateAt: ['P5' as 'P1'] })).toThrow(/escalateAt/);
    expect(() => redisStreamsSink({ markerTtlMs: -1 })).toThrow(/markerTtlMs/);
  });
});
