/**
 * `webcare/adapters/reddit`: polls Reddit search (`/search.json?q=&sort=new`) or subreddit
 * listings (`/r/<sub>/new.json`, `/r/<sub>/comments.json`), newest first, paging back with
 * `after` until it reaches what it has already delivered.
 *
 * The cursor is the fullname of the newest item delivered (`t3_abc12`). Reddit ids are base-36
 * counters, so "newer than the cursor" holds even when that item has since been deleted. Each
 * poll delivers its new items oldest first, so every mention's cursor covers all before it.
 * Honours `x-ratelimit-remaining` / `x-ratelimit-reset` by waiting for the reset, and throws
 * `RATE_LIMITED` on 429.
 * @module
 */
import { WebcareError } from '../errors.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';
import type { Media } from '../types.js';
import { decodeEntities } from './_html.js';
import { type FetchLike, httpError, isAborted, positiveMs, readBody, request, sleep } from './_http.js';
import { type Json, asList, badShape, count, isObj, str, toEvent } from './_record.js';

/** Options of the Reddit adapter. */
export interface RedditOptions {
  /** Search query (Reddit search syntax), e.g. `"KPN" OR "Ziggo"`. */
  query?: string;
  /** Subreddits to watch (without `r/`); with `query` the search is restricted to them. */
  subreddits?: string[] | string;
  /** Read comments (`t1`) instead of posts (`t3`). Default `false`. */
  comments?: boolean;
  /** A descriptive User-Agent, as Reddit's API rules require: `<platform>:<app id>:<version> (by /u/<user>)`. */
  userAgent: string;
  /** An OAuth bearer token; then `baseUrl` defaults to `https://oauth.reddit.com`. */
  accessToken?: string;
  /** Default `https://www.reddit.com` (or `https://oauth.reddit.com` with a token). */
  baseUrl?: string;
  /** Time between polls. Default 60 s. */
  intervalMs?: number;
  /** Items per page, 1..100. Default 100. */
  limit?: number;
  /** Most pages per poll when catching up from a cursor. Default 10. */
  maxPages?: number;
  /** Pages read on a first start without a cursor. Default 1 (the newest page). */
  initialPages?: number;
  /** Source name. Default `'reddit'`. */
  name?: string;
  /** Longest wait for the response headers, and for each next piece of the body. Default 15 s. */
  timeoutMs?: number;
  /** Injected `fetch` (tests, proxies). Default: the global one. */
  fetch?: FetchLike;
}

export type { FetchLike } from './_http.js';

/** A Reddit fullname split into kind and numeric id. */
function parseFullname(fullname: string): { kind: string; n: number } | undefined {
  const m = /^(t\d)_([0-9a-z]+)$/.exec(fullname);
  if (m === null) return undefined;
  const n = Number.parseInt(m[2] as string, 36);
  return Number.isSafeInteger(n) ? { kind: m[1] as string, n } : undefined;
}

/** Whether `a` is newer than `b` (same kind: a larger base-36 id). Different kinds count as newer. */
export function isNewer(a: string, b: string): boolean {
  const x = parseFullname(a);
  const y = parseFullname(b);
  if (x === undefined || y === undefined || x.kind !== y.kind) return a !== b;
  return x.n > y.n;
}

function redditMedia(d: Json): Media[] {
  const out: Media[] = [];
  const dest = str(d.url_overridden_by_dest) ?? (d.is_self === true ? undefined : str(d.url));
  if (d.is_video === true) out.push(dest === undefined ? { type: 'video' } : { type: 'video', url: dest });
  else if (d.post_hint === 'image' || (dest !== undefined && /\.(jpe?g|png|gif|webp)$/i.test(dest))) {
    out.push(dest === undefined ? { type: 'image' } : { type: 'image', url: dest });
  } else if (d.is_gallery === true) out.push({ type: 'image' });
  else if (dest !== undefined) out.push({ type: 'link', url: dest });
  return out;
}

/** Map a listing child (`{ kind: 't3' | 't1', data }`) to a mention event. */
export function childToEvent(child: unknown, source: string, cursor?: string): SourceEvent {
  if (!isObj(child) || !isObj(child.data)) return badShape(source, child, 'data', 'a listing child with data');
  const d = child.data;
  const kind = str(child.kind);
  let text: unknown;
  if (kind === 't3') {
    if (typeof d.title !== 'string') return badShape(source, child, 'data.title', 'a string');
    const self = typeof d.selftext === 'string' ? d.selftext.trim() : '';
    text = decodeEntities(self === '' ? d.title : `${d.title}\n\n${self}`);
  } else if (kind === 't1') {
    if (typeof d.body !== 'string') return badShape(source, child, 'data.body', 'a string');
    text = decodeEntities(d.body);
  } else {
    return badShape(source, child, 'kind', 't3 or t1');
  }
  const created = typeof d.created_utc === 'number' ? d.created_utc * 1000 : d.created_utc;
  const permalink = str(d.permalink);
  const score = typeof d.score === 'number' ? Math.max(0, d.score) : undefined;
  const media = kind === 't3' ? redditMedia(d) : [];
  const author = str(d.author);
  return toEvent(
    {
      text,
      id: str(d.name),
      source,
      url: permalink === undefined ? undefined : `https://www.reddit.com${permalink}`,
      createdAt: created,
      author: {
        id: str(d.author_fullname),
        handle: author === '[deleted]' ? undefined : author,
      },
      metrics: {
        replies: count(d.num_comments),
        likes: score,
        reposts: count(d.num_crossposts),
      },
      media: media.length > 0 ? media : undefined,
      isPublic: d.subreddit_type === undefined ? true : d.subreddit_type !== 'private',
      inReplyTo: kind === 't1' ? str(d.parent_id) : undefined,
      raw: child,
    },
    cursor,
  );
}

/**
 * A Reddit source.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import reddit from 'webcare/adapters/reddit';
 *
 * const source = reddit({
 *   query: '"KPN" OR "Ziggo"',
 *   subreddits: ['thenetherlands', 'nederland'],
 *   userAgent: 'node:acme-webcare:1.0 (by /u/acme_support)',
 * });
 * const monitor = createMonitor({ sources: [source] });
 * ```
 */
export function reddit(options: RedditOptions): Source {
  const query = options?.query;
  const subs = asList(options?.subreddits) ?? [];
  if ((query === undefined || query.trim() === '') && subs.length === 0) {
    throw new WebcareError('INVALID_CONFIG', 'Invalid config: give a query, subreddits, or both', {
      field: 'query',
      expected: 'a search query or a list of subreddits',
      received: 'neither',
    });
  }
  if (typeof options.userAgent !== 'string' || options.userAgent.trim() === '') {
    throw new WebcareError(
      'INVALID_CONFIG',
      'Invalid config: userAgent must describe your app (Reddit blocks generic agents)',
      {
        field: 'userAgent',
        expected: 'e.g. "node:acme-webcare:1.0 (by /u/acme_support)"',
        received: typeof options.userAgent,
      },
    );
  }
  for (const s of subs) {
    if (!/^[A-Za-z0-9_]{2,21}$/.test(s)) {
      throw new WebcareError('INVALID_CONFIG', 'Invalid config: subreddits must be names like "thenetherlands"', {
        field: 'subreddits',
        expected: 'subreddit names without r/',
        received: `a string of ${s.length} characters`,
      });
    }
  }
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new WebcareError('INVALID_CONFIG', 'Invalid config: limit must be 1..100', {
      field: 'limit',
      expected: 'an integer from 1 to 100',
      received: String(limit),
    });
  }
  const name = options.name ?? 'reddit';
  const intervalMs = positiveMs(options.intervalMs, 'intervalMs', 60_000);
  const timeoutMs = positiveMs(options.timeoutMs, 'timeoutMs', 15_000);
  const maxPages = options.maxPages ?? 10;
  const initialPages = options.initialPages ?? 1;
  const base = (
    options.baseUrl ?? (options.accessToken === undefined ? 'https://www.reddit.com' : 'https://oauth.reddit.com')
  ).replace(/\/$/, '');
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: 'application/json' };
  if (options.accessToken !== undefined) headers.authorization = `Bearer ${options.accessToken}`;
  const r = subs.length > 0 ? `/r/${subs.join('+')}` : '';
  const listingUrl =
    query !== undefined && query.trim() !== ''
      ? `${base}${r}/search.json?q=${encodeURIComponent(query)}&sort=new&t=all${r === '' ? '' : '&restrict_sr=1'}${options.comments === true ? '&type=comment' : '&type=link'}`
      : `${base}${r}/${options.comments === true ? 'comments' : 'new'}.json?`;

  /** One page; returns the listing and how long to wait before the next request. */
  async function page(after: string | undefined, signal: AbortSignal): Promise<{ listing: Json; waitMs: number }> {
    const url = `${listingUrl}${listingUrl.endsWith('?') ? '' : '&'}limit=${limit}&raw_json=1${after === undefined ? '' : `&after=${after}`}`;
    const open = await request(url, { fetch: options.fetch, signal, timeoutMs, source: name, headers });
    const { res } = open;
    try {
      // Reddit's reset header is seconds until the window resets, not an epoch time.
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      const resetMs = Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined;
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw httpError(res, name, resetMs);
      }
      const remaining = Number(res.headers.get('x-ratelimit-remaining'));
      const waitMs = res.headers.has('x-ratelimit-remaining') && remaining < 1 && resetMs !== undefined ? resetMs : 0;
      const textBody = await readBody(open, { signal, idleMs: timeoutMs, source: name });
      let body: unknown;
      try {
        body = JSON.parse(textBody);
      } catch (e) {
        throw new WebcareError('SOURCE_HTTP', `${name}: the listing is not JSON`, { cause: e });
      }
      if (!isObj(body) || body.kind !== 'Listing' || !isObj(body.data) || !Array.isArray(body.data.children)) {
        throw new WebcareError('SOURCE_HTTP', `${name}: the response is not a Listing`, {
          expected: '{ kind: "Listing", data: { children } }',
          received: isObj(body) ? `kind ${String(body.kind)}` : 'not an object',
        });
      }
      return { listing: body.data, waitMs };
    } finally {
      open.release();
      open.controller.abort();
    }
  }

  async function* stream({ signal, cursor }: StreamOptions): AsyncGenerator<SourceEvent> {
    if (cursor !== undefined && parseFullname(cursor) === undefined) {
      throw new WebcareError('INVALID_CONFIG', `${name}: cursor must be a Reddit fullname such as t3_abc12`, {
        field: 'cursor',
        expected: 'a fullname (t3_xxx or t1_xxx)',
        received: `a string of ${cursor.length} characters`,
      });
    }
    let high = cursor;
    try {
      for (;;) {
        const fresh: unknown[] = [];
        let after: string | undefined;
        let waitMs = 0;
        const pages = high === undefined ? initialPages : maxPages;
        for (let p = 0; p < pages; p++) {
          const got = await page(after, signal);
          waitMs = Math.max(waitMs, got.waitMs);
          const children = got.listing.children as unknown[];
          let reached = false;
          for (const child of children) {
            const fullname = isObj(child) && isObj(child.data) ? str(child.data.name) : undefined;
            if (high !== undefined && fullname !== undefined && !isNewer(fullname, high)) {
              reached = true;
              break;
            }
            fresh.push(child);
          }
          after = str(got.listing.after);
          if (reached || after === undefined || children.length === 0) break;
          if (waitMs > 0 && !(await sleep(waitMs, signal))) return;
        }
        for (const child of fresh.reverse()) {
          if (signal.aborted) return;
          const fullname = isObj(child) && isObj(child.data) ? str(child.data.name) : undefined;
          if (
            fullname !== undefined &&
            parseFullname(fullname) !== undefined &&
            (high === undefined || isNewer(fullname, high))
          ) {
            high = fullname;
          }
          yield childToEvent(child, name, high);
        }
        if (!(await sleep(Math.max(intervalMs, waitMs), signal))) return;
      }
    } catch (e) {
      if (signal.aborted || isAborted(e)) return;
      throw e;
    }
  }

  return { name, stream };
}

export default reddit;
