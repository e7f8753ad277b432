/**
 * Private helpers of `webcare/adapters/redis-streams`: the structural Redis client type, the lazy
 * loading of ioredis, Lua scripts run by SHA, and parsing of stream replies. Not exported from
 * the package.
 * @module
 */
import { createHash } from 'node:crypto';
import { WebcareError, describeValue, invalidConfig } from '../errors.js';

/**
 * The few client methods webcare uses. An ioredis `Redis` instance fits as is; any client with a
 * generic `call(command, ...args)` can be wrapped in one line.
 */
export interface RedisLike {
  /** Send one command; resolves the reply (strings, numbers, arrays, null). */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** A new connection with the same options (used for blocking reads). */
  duplicate?(): RedisLike;
  /** Close gracefully after pending replies. */
  quit?(): Promise<unknown>;
  /** Close now. */
  disconnect?(): void;
  /** The connection state, as ioredis keeps it (`ready` when connected); absent on other clients. */
  readonly status?: string;
  /** Listen for connection errors (ioredis emits `error` while it reconnects). */
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** The ioredis module (or its default export): something that builds a client from a URL. */
export type RedisLib =
  | (new (
      url: string,
      options?: Record<string, unknown>,
    ) => RedisLike)
  | {
      /** The client class (ioredis's default export). */
      default: {
        /** Build a client for the connection URL. */
        new (url: string, options?: Record<string, unknown>): RedisLike;
      };
    };

/** How an adapter part gets its connection. */
export interface RedisConnectionOptions {
  /** An existing client. It is used as is and never closed by webcare. */
  redis?: RedisLike;
  /** Connection URL when webcare creates the client. Default `redis://127.0.0.1:6379`. */
  url?: string;
  /** The ioredis module to build clients with, instead of `await import('ioredis')`. */
  lib?: RedisLib;
  /**
   * Called when a connection webcare opened cannot reach Redis or loses it; the client keeps
   * reconnecting and commands wait (or fail after ioredis's retries). Without it nothing is
   * printed: ioredis's own "Unhandled error event" lines are suppressed. Not called for a
   * `redis` client you pass in; listen on that one yourself.
   *
   * @example
   * ```ts
   * import { RedisStore } from 'webcare/adapters/redis-streams';
   * const store = new RedisStore({ url: 'redis://redis:6379', onConnectionError: (e) => console.warn('redis:', e.message) });
   * ```
   */
  onConnectionError?: (error: Error) => void;
}

/** A connection plus whether we own it (and so must close it). */
export interface Conn {
  client: RedisLike;
  owned: boolean;
}

export const DEFAULT_URL = 'redis://127.0.0.1:6379';

async function loadLib(
  lib: RedisLib | undefined,
): Promise<new (url: string, o?: Record<string, unknown>) => RedisLike> {
  let mod: unknown = lib;
  if (mod === undefined) {
    try {
      // A variable specifier keeps bundlers from inlining ioredis: it is an optional peer.
      const name = 'ioredis';
      mod = await import(name);
    } catch (e) {
      throw new WebcareError(
        'DEPENDENCY_MISSING',
        'webcare/adapters/redis-streams needs ioredis: run `npm install ioredis`, or pass `redis` (a client) or `lib`',
        { expected: 'the ioredis package', received: 'nothing importable', cause: e },
      );
    }
  }
  const ctor =
    typeof mod === 'function'
      ? mod
      : typeof mod === 'object' && mod !== null && 'default' in mod
        ? (mod as { default: unknown }).default
        : undefined;
  // ESM import of the CJS build may wrap the constructor one level deeper.
  const inner =
    typeof ctor === 'object' && ctor !== null && 'default' in ctor ? (ctor as { default: unknown }).default : ctor;
  if (typeof inner !== 'function') throw invalidConfig('lib', 'the ioredis module or its Redis class', mod);
  return inner as new (
    url: string,
    o?: Record<string, unknown>,
  ) => RedisLike;
}

/** Open (or adopt) a connection. */
export async function connect(options: RedisConnectionOptions, extra: Record<string, unknown> = {}): Promise<Conn> {
  if (options.redis !== undefined) return { client: options.redis, owned: false };
  const Ctor = await loadLib(options.lib);
  const client = new Ctor(options.url ?? DEFAULT_URL, { lazyConnect: false, ...extra });
  const report = options.onConnectionError;
  client.on?.('error', (error) => {
    if (report === undefined) return;
    try {
      report(error);
    } catch {
      // The host's reporter failing must not become an unhandled error in the client.
    }
  });
  return { client, owned: true };
}

/**
 * A second connection for blocking reads (a blocked connection delays every other command sent
 * on it). Duplicates the injected client when it can; otherwise shares it.
 */
export async function connectBlocking(options: RedisConnectionOptions): Promise<Conn> {
  if (options.redis !== undefined) {
    const dup = options.redis.duplicate?.();
    return dup === undefined ? { client: options.redis, owned: false } : { client: dup, owned: true };
  }
  // A blocked read must not be cut off by a per-command retry limit or timeout.
  return connect(options, { maxRetriesPerRequest: null });
}

/** Whether a client says it is not connected (ioredis's `status`); a client without one counts as up. */
export function isDown(client: RedisLike): boolean {
  return typeof client.status === 'string' && client.status !== 'ready';
}

/** What {@link unlessStopped} resolves when it stopped waiting. */
export const ABANDONED: unique symbol = Symbol('abandoned');

/**
 * Wait for a command's reply; but once `signal` has aborted, stop waiting as soon as the client is
 * not connected. During an outage ioredis holds commands until Redis is back (a blocking read
 * forever), which would keep a stopping worker alive for minutes. While Redis is up the reply is
 * awaited as usual, so entries it carries are still handed out. The abandoned command's outcome
 * is ignored.
 */
export function unlessStopped<T>(
  reply: Promise<T>,
  client: RedisLike,
  signal: AbortSignal,
): Promise<T | typeof ABANDONED> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const finish = () => {
      signal.removeEventListener('abort', onAbort);
      if (timer !== undefined) clearInterval(timer);
    };
    const check = () => {
      if (!isDown(client)) return;
      finish();
      resolve(ABANDONED);
    };
    function onAbort() {
      check();
      timer ??= setInterval(check, 200);
    }
    reply.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** How long a graceful QUIT may take before the connection is simply dropped. */
const QUIT_MS = 2000;

/**
 * Close a connection we own; leave the host's alone. A connection that is down is dropped at
 * once (QUIT would wait for Redis to come back), and a QUIT without an answer in 2 s too.
 */
export async function release(conn: Conn | undefined): Promise<void> {
  if (conn === undefined || !conn.owned) return;
  const { client } = conn;
  if (client.quit === undefined || isDown(client)) {
    client.disconnect?.();
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), QUIT_MS);
    });
    if ((await Promise.race([client.quit(), late])) === 'late') client.disconnect?.();
  } catch {
    client.disconnect?.();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A connection opened on first use. The promise is shared, so concurrent first calls open one
 * connection, not one each (a leaked connection keeps the process alive).
 */
export class LazyConn {
  private pending: Promise<Conn> | undefined;
  constructor(private readonly open: () => Promise<Conn>) {}

  async client(): Promise<RedisLike> {
    this.pending ??= this.open();
    return (await this.pending).client;
  }

  get opened(): boolean {
    return this.pending !== undefined;
  }

  async release(): Promise<void> {
    const p = this.pending;
    this.pending = undefined;
    if (p !== undefined) await release(await p.catch(() => undefined));
  }
}

/** Check the connection options at construction, so a typo fails before the first command. */
export function checkConnection(options: RedisConnectionOptions): void {
  if (options.redis !== undefined && typeof options.redis?.call !== 'function') {
    throw invalidConfig(
      'redis',
      'a client with a call(command, ...args) method (e.g. an ioredis Redis)',
      options.redis,
    );
  }
  if (options.url !== undefined && (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url))) {
    throw invalidConfig('url', 'a redis:// or rediss:// URL', options.url);
  }
  if (options.onConnectionError !== undefined && typeof options.onConnectionError !== 'function') {
    throw invalidConfig('onConnectionError', 'a function', options.onConnectionError);
  }
}

/** Validate a key name option. */
export function checkKey(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalidConfig(field, 'a non-empty string', value);
  return value;
}

/** Validate a positive integer option with a default. */
export function checkInt(value: unknown, field: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalidConfig(field, `an integer >= ${min}`, value);
  }
  return value;
}

/**
 * A Lua script sent by SHA (EVALSHA) and loaded on the first NOSCRIPT, so each call carries a
 * 40-byte hash instead of the script body. Scripts run atomically on the server, which is what
 * makes "write once" and "ack plus dead-letter" safe when a worker dies half-way.
 */
export class LuaScript {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisLike, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.call('EVALSHA', this.sha, keys.length, ...keys, ...args);
    } catch (e) {
      if (!String((e as Error)?.message ?? e).includes('NOSCRIPT')) throw e;
      return client.call('EVAL', this.source, keys.length, ...keys, ...args);
    }
  }
}

/** One stream entry: id and flat field list turned into a record (`null` when it was deleted). */
export interface StreamEntry {
  id: string;
  fields: Record<string, string> | null;
}

function toEntry(raw: unknown): StreamEntry | undefined {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') return undefined;
  const list = raw[1];
  if (!Array.isArray(list)) return { id: raw[0], fields: null };
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) fields[String(list[i])] = String(list[i + 1]);
  return { id: raw[0], fields };
}

/** Entries of an `XRANGE` / `XAUTOCLAIM` entry list. */
export function parseEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: StreamEntry[] = [];
  for (const r of raw) {
    const e = toEntry(r);
    if (e !== undefined) out.push(e);
  }
  return out;
}

/** Entries of an `XREADGROUP` reply for one stream (`null` when nothing arrived). */
export function parseReadReply(reply: unknown): StreamEntry[] {
  const raw = flattenMap(reply);
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const first = raw[0];
  // RESP2: [[key, entries]]. RESP3 (ioredis 6's default) answers a map, which `call` flattens
  // to [key, entries]; a Map or plain object is accepted for other clients.
  if (typeof first === 'string') return parseEntries(raw[1]);
  if (!Array.isArray(first)) return [];
  return parseEntries(first[1]);
}

/** Normalise a RESP3 map reply (a Map or an object) from other clients to the RESP2 shape. */
export function flattenMap(raw: unknown): unknown {
  if (raw instanceof Map) return [...raw.entries()];
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return Object.entries(raw);
  return raw;
}

/** A `STORE_FAILED` error wrapping a Redis failure. */
export function storeError(what: string, cause: unknown): WebcareError {
  if (cause instanceof WebcareError) return cause;
  const msg = cause instanceof Error ? cause.message : describeValue(cause);
  return new WebcareError('STORE_FAILED', `Redis ${what} failed: ${msg}`, { cause });
}
