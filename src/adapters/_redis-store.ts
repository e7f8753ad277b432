/**
 * The Redis-backed {@link StateStore} (private part of `webcare/adapters/redis-streams`), so many
 * workers share dedup keys, author history, incident windows and checkpoints.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { StateStore } from '../monitor/store.js';
import {
  LazyConn,
  LuaScript,
  type RedisConnectionOptions,
  type RedisLike,
  checkConnection,
  checkInt,
  connect,
  storeError,
} from './_redis-client.js';

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions extends RedisConnectionOptions {
  /** Prefix of every key. Default `webcare:`. */
  prefix?: string;
  /** Most timestamps kept per author or window; the oldest are dropped. Default 10,000. */
  maxPerWindow?: number;
}

/**
 * Add one event to a sorted set scored by time, drop what fell out of the window, count up to
 * `at` (a late event does not see the future, as in the memory store) and let the key expire
 * one window after its last write. KEYS: the set. ARGV: at, window start (exclusive), member,
 * window ms, cap.
 */
const COUNT_WINDOW = new LuaScript(`
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local cap = tonumber(ARGV[5])
if redis.call('ZCARD', KEYS[1]) > cap then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -cap - 1) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], ARGV[1])
`);

/** SET NX, or "already mine": the same owner re-marking a key is not a duplicate. */
const MARK_OWNED = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0
`);

function checkTtl(ms: number, field: string): number {
  return checkInt(Math.ceil(ms), field, 1);
}

/**
 * State shared by many workers in Redis: checkpoints in one hash, dedup keys as `SET NX PX`,
 * author history and incident windows as sorted sets that expire one window after their last
 * write.
 *
 * @example
 * ```ts
 * import { RedisStore } from 'webcare/adapters/redis-streams';
 * const store = new RedisStore({ url: 'redis://127.0.0.1:6379', prefix: 'kpn:' });
 * await store.markSeen('id:x:1', 60_000); // true: first time, in any worker
 * await store.markSeen('id:x:1', 60_000); // false: a duplicate
 * await store.close();
 * ```
 */
export class RedisStore implements StateStore {
  private readonly conn: LazyConn;
  private readonly prefix: string;
  private readonly maxPerWindow: number;

  constructor(options: RedisStoreOptions = {}) {
    checkConnection(options);
    this.prefix = options.prefix ?? 'webcare:';
    this.maxPerWindow = checkInt(options.maxPerWindow, 'maxPerWindow', 10_000);
    this.conn = new LazyConn(() => connect(options));
  }

  private async run<T>(what: string, f: (c: RedisLike) => Promise<T>): Promise<T> {
    try {
      return await f(await this.conn.client());
    } catch (e) {
      throw storeError(what, e);
    }
  }

  async getCheckpoint(source: string): Promise<string | undefined> {
    const v = await this.run('HGET', (c) => c.call('HGET', `${this.prefix}checkpoints`, source));
    return typeof v === 'string' ? v : undefined;
  }

  async setCheckpoint(source: string, cursor: string): Promise<void> {
    await this.run('HSET', (c) => c.call('HSET', `${this.prefix}checkpoints`, source, cursor));
  }

  async markSeen(key: string, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl(ttlMs, 'ttlMs');
    const r = await this.run('SET NX', (c) => c.call('SET', `${this.prefix}seen:${key}`, '1', 'NX', 'PX', ttl));
    return r === 'OK';
  }

  /**
   * Like {@link markSeen}, but a key already marked by the same `owner` counts as new. A worker
   * uses the input entry id as owner, so an entry delivered again after a crash is not mistaken
   * for a duplicate of itself.
   */
  async markSeenBy(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl(ttlMs, 'ttlMs');
    const r = await this.run('SET NX', (c) => MARK_OWNED.run(c, [`${this.prefix}seen:${key}`], [owner, ttl]));
    return r === 1;
  }

  /**
   * Record a contact and count those within the window. `member` names the event: pass the
   * input entry id and a re-delivered entry is counted once (the default is a random id).
   */
  async recordContact(authorKey: string, at: number, windowMs: number, member?: string): Promise<number> {
    return this.count(`${this.prefix}author:${authorKey}`, at, windowMs, member);
  }

  /** Add one event to a counting window; `member` as in {@link recordContact}. */
  async countInWindow(key: string, at: number, windowMs: number, member?: string): Promise<number> {
    return this.count(`${this.prefix}window:${key}`, at, windowMs, member);
  }

  async close(): Promise<void> {
    await this.conn.release();
  }

  private async count(key: string, at: number, windowMs: number, member: string | undefined): Promise<number> {
    const ttl = checkTtl(windowMs, 'windowMs');
    const args = [at, String(at - windowMs), member ?? `${at}:${randomUUID()}`, ttl, this.maxPerWindow];
    const n = await this.run('window count', (c) => COUNT_WINDOW.run(c, [key], args));
    return Number(n);
  }
}
