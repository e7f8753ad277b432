/**
 * Reconnection delays: exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff And Jitter", 2015): wait a random time between 0 and min(max, base * 2^attempt), so many
 * workers that lost the same server do not all come back in the same millisecond. A server's
 * `Retry-After` is a floor, never shortened by the jitter.
 * @module
 */
import { invalidConfig } from '../errors.js';

/**
 * Reconnection policy of a monitor.
 * @example
 * ```ts
 * import { createMonitor, type BackoffOptions } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * const reconnect: BackoffOptions = { baseMs: 1000, maxMs: 60_000, maxAttempts: 20 };
 * createMonitor({ sources: [jsonl({ file: 'mentions.jsonl' })], reconnect });
 * ```
 */
export interface BackoffOptions {
  /** First delay ceiling in ms. Default 500. */
  baseMs?: number;
  /** Largest delay ceiling in ms. Default 30,000. */
  maxMs?: number;
  /** Give up on a source after this many failed attempts in a row. Default: never. */
  maxAttempts?: number;
  /** Random source in [0, 1), injectable for tests. Default `Math.random`. */
  random?: () => number;
}

/** A validated policy. */
export interface Backoff {
  /** Delay before attempt `attempt` (0-based), at least `retryAfterMs` when given. */
  delay(attempt: number, retryAfterMs?: number): number;
  readonly maxAttempts: number;
}

function nonNegative(v: unknown, field: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v >= 0)) throw invalidConfig(field, 'a number >= 0', v);
  return v;
}

/**
 * Build a backoff policy.
 *
 * @example
 * ```ts
 * const b = createBackoff({ baseMs: 100, maxMs: 1000, random: () => 0.5 });
 * b.delay(0); // 50
 * b.delay(3); // 400
 * b.delay(0, 2000); // 2000: the server asked for two seconds
 * ```
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const baseMs = nonNegative(options.baseMs, 'reconnect.baseMs', 500);
  const maxMs = nonNegative(options.maxMs, 'reconnect.maxMs', 30_000);
  const maxAttempts = nonNegative(options.maxAttempts, 'reconnect.maxAttempts', Number.POSITIVE_INFINITY);
  const random = options.random ?? Math.random;
  if (typeof random !== 'function') throw invalidConfig('reconnect.random', 'a function', random);
  return {
    maxAttempts,
    delay(attempt, retryAfterMs) {
      // 2^attempt overflows to Infinity long after maxMs caps it; min() keeps it finite.
      const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 60));
      const jittered = Math.floor(random() * ceiling);
      return retryAfterMs !== undefined && retryAfterMs > jittered ? retryAfterMs : jittered;
    },
  };
}

/** Resolve after `ms`, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
