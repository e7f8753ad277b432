/**
 * `webcare/adapters/rss`: polls RSS 2.0, RSS 1.0 (RDF) and Atom feeds (forums, review sites,
 * news, comment feeds), each at its own interval, with conditional GET (`ETag` /
 * `Last-Modified`, so an unchanged feed costs a 304), guid/id dedup, and HTML stripped from
 * descriptions and content. The XML reader is hand-written and tolerant: one malformed item is
 * reported as an `error` event and the rest are delivered.
 *
 * The cursor is a compact encoding (`r1.` + base64url JSON) of, per feed, the validators of the
 * last response whose items were all delivered and short hashes of the item ids already seen, so
 * a resume delivers exactly the items not seen yet. A feed's validators only enter the cursor
 * with its last new item: resuming from an earlier item must not get a 304 for the rest.
 *
 * With one feed, HTTP failures throw (the monitor backs off and resumes from the cursor). With
 * several, a failing feed is reported as an `error` event and backed off alone, so one broken
 * site does not stall the others.
 * @module
 */
import { WebcareError } from '../errors.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';
import { type FeedItem, type ParsedFeed, feedItemToEvent, hash36, parseFeed } from './_feed.js';
import { type FetchLike, httpError, isAborted, positiveMs, readBody, request, sleep } from './_http.js';
import { child, textOf } from './_xml.js';

/** One feed, with its own polling interval. */
export interface RssFeed {
  /** URL of the RSS or Atom feed. */
  url: string;
  /** Overrides the source's `intervalMs` for this feed. */
  intervalMs?: number;
  /** Extra request headers (e.g. an API key some review sites want). */
  headers?: Record<string, string>;
}

/** Options of the RSS/Atom adapter. */
export interface RssOptions {
  /** Feed URLs, or feeds with their own interval and headers. */
  feeds: (string | RssFeed)[] | string;
  /** Default time between polls of a feed. Default 15 min. */
  intervalMs?: number;
  /** On a first start (no cursor): deliver the items already in the feed (`'all'`, default) or only new ones. */
  initial?: 'all' | 'none';
  /** Item ids remembered per feed. Default 500; keep it above the number of items a feed shows. */
  maxSeen?: number;
  /** Largest feed body read, in bytes. Default 5 MB. */
  maxBytes?: number;
  /** User-Agent; some sites refuse requests without one. Default `webcare-rss`. */
  userAgent?: string;
  /** Source name. Default `'rss'`. */
  name?: string;
  /** Longest wait for the response headers, and for each next piece of the body. Default 30 s. */
  timeoutMs?: number;
  /** Injected `fetch` (tests, proxies). Default: the global one. */
  fetch?: FetchLike;
}

export type { FetchLike } from './_http.js';

/**
 * What the rss cursor remembers of one feed, to skip items already delivered.
 *
 * @example
 * ```ts
 * import type { FeedState } from 'webcare/adapters/rss';
 * const fresh: FeedState = { s: [] };
 * ```
 */
export interface FeedState {
  /** ETag of the last fully delivered response. */
  e?: string;
  /** Last-Modified of that response. */
  m?: string;
  /** Hashes of item ids seen, oldest first. */
  s: string[];
}

/**
 * The state an rss cursor carries: per feed, its validators and the items already seen.
 *
 * @example
 * ```ts
 * import { decodeRssCursor, encodeRssCursor, type CursorState } from 'webcare/adapters/rss';
 * const state: CursorState = { v: 1, f: {} };
 * decodeRssCursor(encodeRssCursor(state)).v; // 1
 * ```
 */
export interface CursorState {
  /** Version of the cursor format (1). */
  v: 1;
  /** State per feed, keyed by a hash of the feed URL. */
  f: Record<string, FeedState>;
}

function b64urlEncode(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_');
  let end = b64.length;
  while (end > 0 && b64[end - 1] === '=') end--; // strip padding without a backtracking regex
  return b64.slice(0, end);
}

function b64urlDecode(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** Encode the per-feed state as a cursor string. */
export function encodeRssCursor(state: CursorState): string {
  return `r1.${b64urlEncode(JSON.stringify(state))}`;
}

/** Decode a cursor; throws `INVALID_CONFIG` for one this adapter did not write. */
export function decodeRssCursor(cursor: string): CursorState {
  const bad = (cause?: unknown): WebcareError =>
    new WebcareError('INVALID_CONFIG', 'rss: the cursor was not written by the rss adapter', {
      field: 'cursor',
      expected: 'an r1. cursor from this adapter',
      received: `a string of ${cursor.length} characters`,
      cause,
    });
  if (!cursor.startsWith('r1.')) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(b64urlDecode(cursor.slice(3)));
  } catch (e) {
    throw bad(e);
  }
  if (typeof value !== 'object' || value === null || (value as CursorState).v !== 1) throw bad();
  const f = (value as CursorState).f;
  if (typeof f !== 'object' || f === null) throw bad();
  for (const st of Object.values(f)) if (!Array.isArray(st?.s)) throw bad();
  return value as CursorState;
}

/** Oldest first: by date when every item has one, else reversed document order (feeds list newest first). */
function chronological(items: FeedItem[], dates: (number | undefined)[]): FeedItem[] {
  const idx = items.map((_, i) => i);
  if (dates.every((d) => d !== undefined)) {
    idx.sort((a, b) => (dates[a] as number) - (dates[b] as number) || b - a);
  } else {
    idx.reverse();
  }
  return idx.map((i) => items[i] as FeedItem);
}

function itemDate(it: FeedItem): number | undefined {
  // From the parsed element, not a regex over the markup: the feed is untrusted input.
  for (const name of ['pubDate', 'published', 'updated', 'date']) {
    const text = textOf(child(it.el, name)).trim();
    if (text === '') continue;
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * An RSS/Atom source over one or more feeds.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import rss from 'webcare/adapters/rss';
 *
 * const source = rss({
 *   feeds: [
 *     'https://forum.example.nl/c/storingen.rss',
 *     { url: 'https://reviews.example.com/brand/atom.xml', intervalMs: 60 * 60_000 },
 *   ],
 * });
 * const monitor = createMonitor({ sources: [source] });
 * ```
 */
export function rss(options: RssOptions): Source {
  // One URL string is accepted too, as the CLI passes `--feeds <url>`.
  const list = typeof options?.feeds === 'string' ? [options.feeds] : options?.feeds;
  if (!Array.isArray(list) || list.length === 0) {
    throw new WebcareError('INVALID_CONFIG', 'Invalid config: feeds must list at least one feed URL', {
      field: 'feeds',
      expected: 'a non-empty array of URLs or { url } objects',
      received: Array.isArray(options?.feeds) ? 'an empty array' : typeof options?.feeds,
    });
  }
  const intervalMs = positiveMs(options.intervalMs, 'intervalMs', 15 * 60_000);
  const feeds = list.map((f, i) => {
    const feed: RssFeed = typeof f === 'string' ? { url: f } : f;
    try {
      new URL(feed.url);
    } catch {
      throw new WebcareError('INVALID_CONFIG', `Invalid config: feeds[${i}] is not a URL`, {
        field: `feeds[${i}]`,
        expected: 'an absolute http(s) URL',
        received: typeof feed.url === 'string' ? `a string of ${feed.url.length} characters` : typeof feed.url,
      });
    }
    return { ...feed, key: hash36(feed.url), every: positiveMs(feed.intervalMs, `feeds[${i}].intervalMs`, intervalMs) };
  });
  const name = options.name ?? 'rss';
  const timeoutMs = positiveMs(options.timeoutMs, 'timeoutMs', 30_000);
  const maxSeen = options.maxSeen ?? 500;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const single = feeds.length === 1;

  async function* stream({ signal, cursor }: StreamOptions): AsyncGenerator<SourceEvent> {
    const state: CursorState = cursor === undefined ? { v: 1, f: {} } : decodeRssCursor(cursor);
    const nextAt = new Map(feeds.map((f) => [f.key, 0]));
    const failures = new Map<string, number>();
    try {
      for (;;) {
        let feed = feeds[0] as (typeof feeds)[number];
        for (const f of feeds) if ((nextAt.get(f.key) ?? 0) < (nextAt.get(feed.key) ?? 0)) feed = f;
        const wait = (nextAt.get(feed.key) ?? 0) - Date.now();
        if (wait > 0 && !(await sleep(wait, signal))) return;
        if (signal.aborted) return;
        nextAt.set(feed.key, Date.now() + feed.every);
        const fs: FeedState = state.f[feed.key] ?? { s: [] };
        const headers: Record<string, string> = {
          'user-agent': options.userAgent ?? 'webcare-rss',
          accept:
            'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
          ...feed.headers,
        };
        if (fs.e !== undefined) headers['if-none-match'] = fs.e;
        if (fs.m !== undefined) headers['if-modified-since'] = fs.m;
        let parsed: ParsedFeed;
        let etag: string | null;
        let modified: string | null;
        try {
          const open = await request(feed.url, { fetch: options.fetch, signal, timeoutMs, source: name, headers });
          try {
            const { res } = open;
            if (res.status === 304) {
              await res.body?.cancel().catch(() => undefined);
              failures.delete(feed.key);
              continue;
            }
            if (!res.ok) {
              await res.body?.cancel().catch(() => undefined);
              throw httpError(res, name);
            }
            const length = Number(res.headers.get('content-length'));
            if (Number.isFinite(length) && length > maxBytes) {
              await res.body?.cancel().catch(() => undefined);
              throw new WebcareError('PAYLOAD_TOO_LARGE', `${name}: feed larger than ${maxBytes} bytes`, {
                received: `${length} bytes`,
              });
            }
            const xml = await readBody(open, { signal, idleMs: timeoutMs, source: name, maxBytes });
            const doc = parseFeed(xml);
            if (doc === undefined) {
              throw new WebcareError('SOURCE_HTTP', `${name}: the response is not an RSS or Atom feed`, {
                expected: 'an <rss>, <rdf:RDF> or <feed> document',
                received: `${xml.length} characters of something else`,
              });
            }
            parsed = doc;
            etag = res.headers.get('etag');
            modified = res.headers.get('last-modified');
          } finally {
            open.release();
            open.controller.abort();
          }
        } catch (e) {
          if (signal.aborted || isAborted(e)) return;
          if (single || !(e instanceof WebcareError)) throw e;
          // Several feeds: report this one and back it off alone.
          const n = (failures.get(feed.key) ?? 0) + 1;
          failures.set(feed.key, n);
          const backoff = Math.max(e.retryAfterMs ?? 0, feed.every * 2 ** Math.min(n, 6));
          nextAt.set(feed.key, Date.now() + backoff);
          yield { type: 'error', error: e, record: { feed: feed.url } };
          continue;
        }
        failures.delete(feed.key);
        const seen = new Set(fs.s);
        const fresh = parsed.items.filter((it) => !seen.has(hash36(it.key)));
        const firstLook = cursor === undefined && state.f[feed.key] === undefined;
        state.f[feed.key] = fs;
        const remember = (it: FeedItem): void => {
          fs.s.push(hash36(it.key));
          if (fs.s.length > maxSeen) fs.s.splice(0, fs.s.length - maxSeen);
        };
        const validators = (): void => {
          if (etag === null) delete fs.e;
          else fs.e = etag;
          if (modified === null) delete fs.m;
          else fs.m = modified;
        };
        if (fresh.length === 0 || (firstLook && options.initial === 'none')) {
          for (const it of fresh) remember(it);
          validators();
          continue;
        }
        const ordered = chronological(fresh, fresh.map(itemDate));
        for (const [i, it] of ordered.entries()) {
          remember(it);
          if (i === ordered.length - 1) validators();
          const ev = feedItemToEvent(it, parsed, feed.url, name, encodeRssCursor(state));
          if (signal.aborted) return;
          yield ev;
        }
      }
    } catch (e) {
      if (signal.aborted || isAborted(e)) return;
      throw e;
    }
  }

  return { name, stream };
}

export default rss;
