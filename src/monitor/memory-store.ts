/**
 * The default {@link StateStore}: everything in process memory, bounded. Expired keys and
 * timestamps are pruned as the store is used, and each map has a hard cap (oldest entries go
 * first), so a monitor that runs for months does not grow without limit.
 * @module
 */
import { invalidConfig } from '../errors.js';
import type { StateStore } from './store.js';

/**
 * Options for {@link MemoryStore}.
 * @example
 * ```ts
 * import { MemoryStore, createMonitor, type MemoryStoreOptions } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * const limits: MemoryStoreOptions = { maxKeys: 50_000, maxWindows: 20_000, maxPerWindow: 1_000 };
 * createMonitor({ sources: [jsonl({ file: 'mentions.jsonl' })], store: new MemoryStore(limits) });
 * ```
 */
export interface MemoryStoreOptions {
  /** Most dedup keys kept at once; the oldest are forgotten first. Default 200,000. */
  maxKeys?: number;
  /** Most authors / counting windows kept at once; the least recently used go first. Default 100,000. */
  maxWindows?: number;
  /** Most timestamps kept per author or window; older ones are dropped. Default 10,000. */
  maxPerWindow?: number;
}

function positiveInt(v: unknown, field: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw invalidConfig(field, 'a positive integer', v);
  return v;
}

/**
 * In-memory state for one monitor process: checkpoints, dedup keys, author history and counting
 * windows. All methods are async to match {@link StateStore}, but each completes in one step, so
 * concurrent calls from the same process never interleave half-way.
 *
 * @example
 * ```ts
 * import { MemoryStore } from 'webcare';
 * const store = new MemoryStore();
 * await store.markSeen('id:x:1', 60_000); // true: first time
 * await store.markSeen('id:x:1', 60_000); // false: a duplicate
 * ```
 */
export class MemoryStore implements StateStore {
  private readonly checkpoints = new Map<string, string>();
  /** key → expiry (epoch ms). Map keeps insertion order, which is what the cap evicts by. */
  private readonly seen = new Map<string, number>();
  /** key → ascending timestamps; those before `head` have left the window. */
  private readonly windows = new Map<string, { times: number[]; head: number }>();
  private readonly maxKeys: number;
  private readonly maxWindows: number;
  private readonly maxPerWindow: number;
  private writesSinceSweep = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxKeys = positiveInt(options.maxKeys, 'maxKeys', 200_000);
    this.maxWindows = positiveInt(options.maxWindows, 'maxWindows', 100_000);
    this.maxPerWindow = positiveInt(options.maxPerWindow, 'maxPerWindow', 10_000);
  }

  async getCheckpoint(source: string): Promise<string | undefined> {
    return this.checkpoints.get(source);
  }

  /** Store the cursor of a source. */
  async setCheckpoint(source: string, cursor: string): Promise<void> {
    this.checkpoints.set(source, cursor);
  }

  async markSeen(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return false;
    // An expired key is re-inserted so it moves to the end of the eviction order.
    if (expiry !== undefined) this.seen.delete(key);
    this.seen.set(key, now + ttlMs);
    if (++this.writesSinceSweep >= 1024) this.sweep(now);
    while (this.seen.size > this.maxKeys) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  async recordContact(authorKey: string, at: number, windowMs: number): Promise<number> {
    return this.count(`author:${authorKey}`, at, windowMs);
  }

  async countInWindow(key: string, at: number, windowMs: number): Promise<number> {
    return this.count(`window:${key}`, at, windowMs);
  }

  /** How many entries each map holds (for tests and health checks). */
  size(): {
    /** Sources with a stored cursor. */
    checkpoints: number;
    /** Dedup keys remembered. */
    seen: number;
    /** Author histories and counting windows. */
    windows: number;
  } {
    return { checkpoints: this.checkpoints.size, seen: this.seen.size, windows: this.windows.size };
  }

  /** Forget dedup keys and windows (checkpoints stay readable). */
  async close(): Promise<void> {
    this.seen.clear();
    this.windows.clear();
  }

  private count(key: string, at: number, windowMs: number): number {
    let w = this.windows.get(key);
    if (w === undefined) {
      w = { times: [], head: 0 };
    } else {
      this.windows.delete(key); // move to the end: least recently used are evicted first
    }
    this.windows.set(key, w);
    const { times } = w;
    // Timestamps arrive nearly in order: append (or insert near the end), prune by moving `head`
    // forward, and compact only now and then, so a busy window costs O(1) per event.
    let i = times.length;
    while (i > w.head && (times[i - 1] as number) > at) i--;
    if (i === times.length) times.push(at);
    else times.splice(i, 0, at);
    const from = at - windowMs;
    while (w.head < times.length && (times[w.head] as number) <= from) w.head++;
    if (times.length - w.head > this.maxPerWindow) w.head = times.length - this.maxPerWindow;
    // Count only up to `at` (a late, out-of-order event does not see the future).
    const n = Math.max(1, i - w.head + 1);
    if (w.head > 1024 && w.head * 2 > times.length) {
      times.splice(0, w.head);
      w.head = 0;
    }
    while (this.windows.size > this.maxWindows) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
    return n;
  }

  private sweep(now: number): void {
    this.writesSinceSweep = 0;
    // Keys are re-inserted on every write, so the map is (nearly) in expiry order when one TTL
    // is used: stop at the first live key instead of scanning everything.
    for (const [k, exp] of this.seen) {
      if (exp > now) break;
      this.seen.delete(k);
    }
  }
}
