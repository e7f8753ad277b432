import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis-streams.js';
import { WebcareError } from '../../src/errors.js';
import { REDIS_AVAILABLE, type RedisHandle, SKIP_REASON, client, startRedis } from './redis-server.js';

if (!REDIS_AVAILABLE && process.env.CI) {
  it('redis-server is installed (required in CI)', () => {
    throw new Error(SKIP_REASON);
  });
}

describe.skipIf(!REDIS_AVAILABLE)('RedisStore against a real redis-server', () => {
  let redis: RedisHandle;
  let r: Redis;
  let store: RedisStore;
  let other: RedisStore;

  beforeAll(async () => {
    redis = await startRedis();
    r = client(redis.url);
    store = new RedisStore({ url: redis.url, prefix: 't:' });
    // A second store (own connection) stands for a second worker.
    other = new RedisStore({ url: redis.url, prefix: 't:' });
  });
  afterAll(async () => {
    await store?.close();
    await other?.close();
    r?.disconnect();
    await redis?.stop();
  });

  it('stores checkpoints per source in one hash', async () => {
    expect(await store.getCheckpoint('mastodon')).toBeUndefined();
    await store.setCheckpoint('mastodon', '111');
    await store.setCheckpoint('rss', 'etag-1');
    await store.setCheckpoint('mastodon', '112');
    expect(await other.getCheckpoint('mastodon')).toBe('112');
    expect(await r.hgetall('t:checkpoints')).toEqual({ mastodon: '112', rss: 'etag-1' });
  });

  it('dedups across workers and forgets after the ttl', async () => {
    expect(await store.markSeen('id:x:1', 300)).toBe(true);
    expect(await other.markSeen('id:x:1', 300)).toBe(false);
    expect(await store.markSeen('id:x:2', 300)).toBe(true);
    const pttl = await r.pttl('t:seen:id:x:1');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(300);
    await new Promise((res) => setTimeout(res, 350));
    expect(await other.markSeen('id:x:1', 300)).toBe(true);
  });

  it('markSeenBy treats the same owner as new and another owner as a duplicate', async () => {
    expect(await store.markSeenBy('id:y:1', 'mentions:1-0', 10_000)).toBe(true);
    expect(await other.markSeenBy('id:y:1', 'mentions:1-0', 10_000)).toBe(true); // redelivery of the same entry
    expect(await other.markSeenBy('id:y:1', 'mentions:2-0', 10_000)).toBe(false); // a real duplicate
  });

  it('counts contacts per author within the window, shared by workers', async () => {
    const t = 1_700_000_000_000;
    const hour = 3_600_000;
    expect(await store.recordContact('x:anna', t, hour)).toBe(1);
    expect(await other.recordContact('x:anna', t + 10 * 60_000, hour)).toBe(2);
    expect(await store.recordContact('x:bob', t + 10 * 60_000, hour)).toBe(1);
    // Exactly one window later the first contact has fallen out (the window is (at - w, at]).
    expect(await other.recordContact('x:anna', t + hour, hour)).toBe(2);
    expect(await store.recordContact('x:anna', t + 3 * hour, hour)).toBe(1);
    const ttl = await r.pttl('t:author:x:anna');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(hour);
  });

  it('counts a named event once however often it is recorded (re-delivery)', async () => {
    const t = 1_700_000_000_000;
    expect(await store.recordContact('x:carl', t, 60_000, 'mentions:5-0')).toBe(1);
    expect(await other.recordContact('x:carl', t, 60_000, 'mentions:5-0')).toBe(1);
    expect(await other.recordContact('x:carl', t + 1, 60_000, 'mentions:6-0')).toBe(2);
  });

  it('counts incident windows and does not let a late event see the future', async () => {
    const t = 1_700_000_000_000;
    for (let i = 0; i < 5; i++)
      expect(await store.countInWindow('incident:disruption', t + i * 1000, 60_000)).toBe(i + 1);
    // An event stamped before the others counts only what came up to its own time.
    expect(await other.countInWindow('incident:disruption', t + 500, 60_000)).toBe(2);
    expect(await other.countInWindow('incident:billing', t, 60_000)).toBe(1);
  });

  it('caps a window at maxPerWindow entries', async () => {
    const capped = new RedisStore({ url: redis.url, prefix: 'cap:', maxPerWindow: 3 });
    const t = 1_700_000_000_000;
    let n = 0;
    for (let i = 0; i < 6; i++) n = await capped.countInWindow('w', t + i, 60_000);
    expect(n).toBe(3);
    expect(await r.zcard('cap:window:w')).toBe(3);
    await capped.close();
  });

  it('validates its options and reports Redis failures as STORE_FAILED', async () => {
    expect(() => new RedisStore({ url: 'http://x' })).toThrow(WebcareError);
    expect(() => new RedisStore({ maxPerWindow: 0 })).toThrow(/maxPerWindow/);
    await expect(store.markSeen('k', 0)).rejects.toThrow(/ttlMs/);
    await r.set('t:author:wrongtype', 'a string');
    await expect(store.recordContact('wrongtype', 1, 10)).rejects.toMatchObject({ code: 'STORE_FAILED' });
  });
});
