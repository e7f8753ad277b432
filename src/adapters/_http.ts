/**
 * Shared HTTP plumbing for the platform adapters: fetch with a connect timeout and the caller's
 * `AbortSignal`, HTTP failures mapped to `WebcareError` codes the monitor understands
 * (`RATE_LIMITED` with `retryAfterMs`, `SOURCE_HTTP`, `SOURCE_FAILED`, `SOURCE_TIMEOUT`), a line
 * reader for streamed bodies with an idle timeout, and a server-sent events parser.
 * Internal: not a public entry point.
 * @module
 */
import { WebcareError } from '../errors.js';

/**
 * The `fetch` the adapters call; injectable so hosts can add proxies or instrumentation.
 *
 * @example
 * ```ts
 * import type { FetchLike } from 'webcare/adapters/rss';
 * const logged: FetchLike = (url, init) => {
 *   console.log('GET', url);
 *   return fetch(url, init);
 * };
 * ```
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Parse a `Retry-After` header: delta seconds or an HTTP date. Returns milliseconds from `now`
 * (never negative), or `undefined` when the header is missing or unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter('7'); // 7000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')); // 60000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Only an HTTP date (it names a weekday or month) counts; '-5' is not a date here.
  if (!/[a-z]{3}/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Epoch seconds (as X and Reddit send in rate-limit reset headers) to a wait in ms. */
export function resetToMs(seconds: string | null, now: number = Date.now()): number | undefined {
  if (seconds === null || !/^\d+(\.\d+)?$/.test(seconds.trim())) return undefined;
  return Math.max(0, Number(seconds) * 1000 - now);
}

/**
 * Turn a non-2xx response into the error `stream()` throws. 429 becomes `RATE_LIMITED` (with the
 * wait from `Retry-After`, or from `fallbackRetryMs` when the platform uses its own reset header);
 * anything else `SOURCE_HTTP`, keeping `Retry-After` on a 503 too.
 */
export function httpError(res: Response, source: string, fallbackRetryMs?: number): WebcareError {
  const retry = parseRetryAfter(res.headers.get('retry-after')) ?? fallbackRetryMs;
  const opts: { received: string; expected: string; retryAfterMs?: number } = {
    received: `HTTP ${res.status}`,
    expected: 'HTTP 2xx',
  };
  if (retry !== undefined) opts.retryAfterMs = retry;
  if (res.status === 429) {
    return new WebcareError('RATE_LIMITED', `${source}: rate limited (HTTP 429)`, opts);
  }
  return new WebcareError('SOURCE_HTTP', `${source}: HTTP ${res.status} from the server`, opts);
}

/** Options of {@link request}. */
export interface RequestOptions {
  fetch?: FetchLike | undefined;
  signal: AbortSignal;
  /** Give up when the response headers take longer than this (all redirects included). */
  timeoutMs: number;
  /** Name used in error messages. */
  source: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
}

/** A response plus the controller that aborts its body (abort it to close the connection). */
export interface OpenResponse {
  res: Response;
  /** Aborting this closes the connection; it also follows the caller's signal. */
  controller: AbortController;
  /** Stop following the caller's signal (call once the body is consumed). */
  release(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Request headers that may follow a redirect to another origin. Everything else (Authorization,
 * an API key a feed wants in its own header, cookies) stays with the origin it was meant for.
 */
const PORTABLE_HEADERS = new Set([
  'accept',
  'accept-language',
  'user-agent',
  'content-type',
  'if-none-match',
  'if-modified-since',
]);

function portable(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (PORTABLE_HEADERS.has(k.toLowerCase())) out[k] = v;
  return out;
}

/**
 * `fetch` with a timeout on the response headers, following the caller's signal. The returned
 * controller keeps the connection's lifetime in the adapter's hands: streaming adapters abort it
 * on idle timeout, polling adapters let it go once the body is read.
 *
 * Redirects are followed here, not by `fetch`, so the rules do not depend on the runtime or an
 * injected `fetch`: at most `maxRedirects` hops; credentials and custom headers are dropped when
 * a hop leaves the origin; a hop from `https:` to plain `http:` (or to another scheme) is refused.
 *
 * Throws `ABORTED` when the caller aborted, `SOURCE_TIMEOUT`, `SOURCE_HTTP` (a refused redirect)
 * or `SOURCE_FAILED` otherwise; other HTTP statuses are left to the caller.
 */
export async function request(url: string, opts: RequestOptions): Promise<OpenResponse> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal.reason);
  if (opts.signal.aborted) throw aborted(opts.source);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  const release = (): void => opts.signal.removeEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const maxRedirects = opts.maxRedirects ?? 5;
  let current = url;
  let method = opts.method ?? 'GET';
  let headers = opts.headers;
  let body = opts.body;
  try {
    for (let hop = 0; ; hop++) {
      const init: RequestInit = { signal: controller.signal, method, redirect: 'manual' };
      if (headers !== undefined) init.headers = headers;
      if (body !== undefined) init.body = body;
      let res: Response;
      try {
        res = await (opts.fetch ?? fetch)(current, init);
      } catch (e) {
        if (opts.signal.aborted) throw aborted(opts.source);
        if (timedOut) {
          throw new WebcareError('SOURCE_TIMEOUT', `${opts.source}: no response within ${opts.timeoutMs} ms`, {
            cause: e,
          });
        }
        throw new WebcareError('SOURCE_FAILED', `${opts.source}: request failed`, { cause: e });
      }
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || location === null) return { res, controller, release };
      await res.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects) {
        throw new WebcareError('SOURCE_HTTP', `${opts.source}: more than ${maxRedirects} redirects`, {
          expected: `at most ${maxRedirects} redirects`,
          received: `HTTP ${res.status} number ${hop + 1}`,
        });
      }
      const from = new URL(current);
      let to: URL;
      try {
        to = new URL(location, from);
      } catch (e) {
        throw new WebcareError('SOURCE_HTTP', `${opts.source}: unreadable redirect Location`, { cause: e });
      }
      const downgrade = from.protocol === 'https:' && to.protocol !== 'https:';
      if (downgrade || (to.protocol !== 'http:' && to.protocol !== 'https:')) {
        throw new WebcareError(
          'SOURCE_HTTP',
          `${opts.source}: refused a redirect from ${from.protocol} to ${to.protocol}`,
          {
            expected: from.protocol === 'https:' ? 'a redirect to https:' : 'a redirect to http: or https:',
            received: `a redirect to ${to.protocol}`,
          },
        );
      }
      if (to.origin !== from.origin) headers = portable(headers);
      // As fetch does: 303 (and 301/302 after a POST) continue as GET without a body.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      current = to.href;
    }
  } catch (e) {
    release();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Read a whole (polled) body as text. `request`'s timeout only covers the headers: here the
 * connection is closed with `SOURCE_TIMEOUT` when no byte arrives for `idleMs` (a server that
 * sends headers and then nothing), and with `PAYLOAD_TOO_LARGE` past `maxBytes`. A slow but
 * moving body (one byte at a time) is read to the end. A broken connection throws
 * `SOURCE_FAILED`, the caller's abort `ABORTED`.
 */
export async function readBody(
  open: OpenResponse,
  opts: { signal: AbortSignal; idleMs: number; source: string; maxBytes?: number },
): Promise<string> {
  const decoder = new TextDecoder();
  const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  let text = '';
  let bytes = 0;
  for await (const chunk of readChunks(open, opts, 'body stalled for', 'connection lost while reading')) {
    bytes += chunk.byteLength;
    if (bytes > max) {
      open.controller.abort();
      throw new WebcareError('PAYLOAD_TOO_LARGE', `${opts.source}: response larger than ${max} bytes`, {
        expected: `at most ${max} bytes`,
        received: 'a longer response',
      });
    }
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The chunks of a body, with an idle timer re-armed on every chunk: when nothing arrives for
 * `idleMs` the connection is closed and `SOURCE_TIMEOUT` thrown ("<source>: <stalled> N ms"); a
 * broken connection throws `SOURCE_FAILED` ("<source>: <lost>"), the caller's abort `ABORTED`.
 * Shared by {@link readBody} and {@link readLines}.
 */
async function* readChunks(
  open: OpenResponse,
  opts: { signal: AbortSignal; idleMs: number; source: string },
  stalled: string,
  lost: string,
): AsyncGenerator<Uint8Array> {
  const body = open.res.body;
  if (body === null) return;
  const reader = body.getReader();
  let idle = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      idle = true;
      open.controller.abort();
    }, opts.idleMs);
  };
  try {
    arm();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (opts.signal.aborted) throw aborted(opts.source);
        if (idle) {
          throw new WebcareError('SOURCE_TIMEOUT', `${opts.source}: ${stalled} ${opts.idleMs} ms`, { cause: e });
        }
        throw new WebcareError('SOURCE_FAILED', `${opts.source}: ${lost}`, { cause: e });
      }
      if (chunk.done) return;
      arm();
      yield chunk.value;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    reader.releaseLock();
  }
}

/** GET a JSON document; non-2xx statuses become errors via {@link httpError}. */
export async function getJson(
  url: string,
  opts: RequestOptions,
): Promise<{ body: unknown; headers: Headers; status: number }> {
  const open = await request(url, opts);
  const { res } = open;
  try {
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw httpError(res, opts.source);
    }
    const text = await readBody(open, { signal: opts.signal, idleMs: opts.timeoutMs, source: opts.source });
    try {
      return { body: JSON.parse(text) as unknown, headers: res.headers, status: res.status };
    } catch (e) {
      // A whole response that is not JSON is a server fault (a proxy error page), not a bad record.
      throw new WebcareError('SOURCE_HTTP', `${opts.source}: the response is not JSON`, {
        received: `${text.length} characters that are not valid JSON`,
        cause: e,
      });
    }
  } finally {
    open.release();
    open.controller.abort();
  }
}

/** The `ABORTED` error adapters catch to end quietly. */
export function aborted(source: string): WebcareError {
  return new WebcareError('ABORTED', `${source}: aborted`);
}

/** Whether an error is our `ABORTED`. */
export function isAborted(e: unknown): boolean {
  return e instanceof WebcareError && e.code === 'ABORTED';
}

/**
 * Read a streamed body as lines (without the `\n` or `\r\n`). Handles multi-byte characters and
 * lines split across chunks. When nothing at all arrives for `idleMs` (platforms send keep-alives
 * well within that) the connection is closed and `SOURCE_TIMEOUT` thrown. The end of the body
 * returns; a broken connection throws `SOURCE_FAILED`; the caller's abort throws `ABORTED`.
 */
export async function* readLines(
  open: OpenResponse,
  opts: {
    signal: AbortSignal;
    idleMs: number;
    source: string;
    /**
     * What to do with text after the last newline when the body ends: `yield` it as a line
     * (default; a file's last line), or `drop` it (a live stream whose every record ends with a
     * newline: the rest is a record cut off by the close, fetched again on resume).
     */
    unterminated?: 'yield' | 'drop';
  },
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  // The line read so far, in pieces joined once at its newline: appending each chunk to one
  // string and searching it from the start again made a long line quadratic (an 8 MB line in
  // 16 KB chunks took 5.6 s). Only the new chunk is searched for the newline.
  let parts: string[] = [];
  try {
    for await (const chunk of readChunks(open, opts, 'nothing received for', 'connection lost')) {
      const text = decoder.decode(chunk, { stream: true });
      let start = 0;
      let nl = text.indexOf('\n');
      while (nl !== -1) {
        parts.push(text.slice(start, nl));
        const line = parts.length === 1 ? (parts[0] as string) : parts.join('');
        parts = [];
        yield line.endsWith('\r') ? line.slice(0, -1) : line;
        if (opts.signal.aborted) throw aborted(opts.source);
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      if (start < text.length) parts.push(text.slice(start));
    }
    const rest = parts.join('') + decoder.decode();
    if (rest !== '' && opts.unterminated !== 'drop') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  } finally {
    open.release();
    open.controller.abort();
  }
}

/** One server-sent event. */
export interface SseEvent {
  /** `message` when the server named none. */
  event: string;
  /** The data lines joined with `\n`, as the SSE spec says. */
  data: string;
  id?: string;
}

/**
 * Parse server-sent events from lines (WHATWG HTML, "event stream interpretation"): `event:`,
 * `data:` (several lines joined with `\n`), `id:`; comment lines starting with `:` (Mastodon's
 * `:thump` heartbeat) are skipped; a blank line dispatches; an event without data is dropped.
 *
 * @example
 * ```ts
 * for await (const ev of parseSse(lines)) if (ev.event === 'update') handle(JSON.parse(ev.data));
 * ```
 */
export async function* parseSse(lines: AsyncIterable<string>): AsyncGenerator<SseEvent> {
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  for await (const line of lines) {
    if (line === '') {
      if (data.length > 0) {
        const ev: SseEvent = { event: event === '' ? 'message' : event, data: data.join('\n') };
        if (id !== undefined) ev.id = id;
        yield ev;
      }
      event = '';
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  }
}

/** Wait `ms`, or less when the signal aborts. Resolves `false` when aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve(!signal.aborted);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A bounded set of recently seen keys (insertion order), for dedup across reconnects without
 * growing memory forever.
 */
export class RecentSet {
  private readonly keys = new Set<string>();
  constructor(private readonly max: number) {}
  has(key: string): boolean {
    return this.keys.has(key);
  }
  add(key: string): void {
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.max) {
      const oldest = this.keys.values().next();
      if (oldest.done !== true) this.keys.delete(oldest.value);
    }
  }
}

/** Compare two decimal id strings (snowflakes) without losing precision. */
export function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Validate a positive duration option at construction. */
export function positiveMs(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new WebcareError('INVALID_CONFIG', `Invalid config: ${field} must be a positive number of ms`, {
      field,
      expected: 'a positive number of milliseconds',
      received: String(value),
    });
  }
  return value;
}

/** Throw `INVALID_CONFIG` for a missing or empty string option. */
export function requireString(value: unknown, field: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WebcareError('INVALID_CONFIG', `Invalid config: ${field} must be ${what}`, {
      field,
      expected: what,
      received: value === undefined ? 'undefined' : typeof value,
    });
  }
  return value;
}
