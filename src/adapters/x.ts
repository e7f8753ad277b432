/**
 * `webcare/adapters/x`: the X API v2 filtered stream (newline-delimited JSON with `\r\n`
 * keep-alives), rules management, and recent-search backfill on resume.
 *
 * The filtered stream cannot replay, so the cursor is the highest post id seen and a resume first
 * opens the stream (so nothing slips through while catching up), then pages
 * `/2/tweets/search/recent?since_id=<cursor>` for what was posted while the client was away
 * (oldest first), then reads the stream, skipping ids it already delivered.
 * @module
 */
import { WebcareError } from '../errors.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';
import type { Media } from '../types.js';
import { decodeEntities } from './_html.js';
import {
  type FetchLike,
  RecentSet,
  compareIds,
  getJson,
  httpError,
  isAborted,
  positiveMs,
  readBody,
  readLines,
  request,
  requireString,
  resetToMs,
} from './_http.js';
import { type Json, badShape, count, isObj, parseJson, str, toEvent } from './_record.js';
import { own } from '../own.js';

/** An X post id: a 64-bit unsigned number written in decimal. */
const POST_ID = /^[0-9]{1,20}$/;

/** A filtered-stream rule. */
export interface XRule {
  /** The rule itself, in X's filtered-stream query syntax. */
  value: string;
  /** A label for the rule, sent to X with it. */
  tag?: string;
  /** Set by X once the rule exists. */
  id?: string;
}

/** Options of the X adapter. */
export interface XOptions {
  /** An app-only bearer token (the filtered stream needs OAuth 2.0 App-Only). */
  bearerToken: string;
  /** Rules to make sure exist before streaming (added when missing). */
  rules?: XRule[];
  /** Delete stream rules not listed in `rules` before streaming. Default `false`. */
  replaceRules?: boolean;
  /** Query for backfill on resume. Default: the `rules` joined with OR. */
  backfillQuery?: string;
  /** Backfill on resume. Default `true` (needs a query). */
  backfill?: boolean;
  /** At most this many search pages (100 posts each) per resume. Default 10. */
  maxBackfillPages?: number;
  /** API base. Default `https://api.x.com`. */
  baseUrl?: string;
  /** Source name. Default `'x'`. */
  name?: string;
  /** Time to wait for response headers. Default 15 s. */
  timeoutMs?: number;
  /** Reconnect when nothing (not even a keep-alive, sent every 20 s) arrives this long. Default 30 s. */
  idleTimeoutMs?: number;
  /** Injected `fetch` (tests, proxies). Default: the global one. */
  fetch?: FetchLike;
}

export type { FetchLike } from './_http.js';

/** The fields asked for on the stream and on search, so both give the same payload. */
export const X_FIELDS =
  'tweet.fields=created_at,lang,public_metrics,author_id,conversation_id,referenced_tweets,entities,attachments' +
  '&expansions=author_id,attachments.media_keys' +
  '&user.fields=public_metrics,verified,verified_type,username,name' +
  '&media.fields=type,url,preview_image_url';

const MEDIA: Record<string, Media['type']> = { photo: 'image', video: 'video', animated_gif: 'video' };

/**
 * Map one post plus the `includes` of its response to a mention event.
 */
export function tweetToEvent(
  tweet: unknown,
  includes: unknown,
  raw: unknown,
  source: string,
  cursor?: string,
): SourceEvent {
  if (!isObj(tweet)) return badShape(source, raw, 'data', 'a post object');
  if (typeof tweet.text !== 'string') return badShape(source, raw, 'data.text', 'a string');
  const inc = isObj(includes) ? includes : {};
  const users = Array.isArray(inc.users) ? inc.users.filter(isObj) : [];
  const user: Json = users.find((u) => u.id === tweet.author_id) ?? {};
  const pm = isObj(tweet.public_metrics) ? tweet.public_metrics : {};
  const upm = isObj(user.public_metrics) ? user.public_metrics : {};
  const keys =
    isObj(tweet.attachments) && Array.isArray(tweet.attachments.media_keys) ? tweet.attachments.media_keys : [];
  // The first media object of each key, looked up once per key: a find over the whole list
  // for every key was quadratic in a post with many of them.
  const byKey = new Map<unknown, Json>();
  if (Array.isArray(inc.media))
    for (const x of inc.media) if (isObj(x) && !byKey.has(x.media_key)) byKey.set(x.media_key, x);
  const media: Media[] = [];
  for (const key of keys) {
    const m = byKey.get(key);
    if (m === undefined) continue;
    const kind = str(m.type) ?? '';
    // Own entries only: a payload's type such as "constructor" must not find what objects inherit.
    const item: Media = { type: own(MEDIA, kind) ?? 'other' };
    const url = str(m.url) ?? str(m.preview_image_url);
    if (url !== undefined) item.url = url;
    media.push(item);
  }
  const refs = Array.isArray(tweet.referenced_tweets) ? tweet.referenced_tweets.filter(isObj) : [];
  const reply = refs.find((r) => r.type === 'replied_to');
  const handle = str(user.username);
  const id = str(tweet.id);
  return toEvent(
    {
      // X escapes &, < and > in post text.
      text: decodeEntities(tweet.text),
      id,
      source,
      url: handle !== undefined && id !== undefined ? `https://x.com/${handle}/status/${id}` : undefined,
      createdAt: tweet.created_at,
      author: {
        id: str(tweet.author_id),
        handle,
        name: str(user.name),
        followers: count(upm.followers_count),
        verified: typeof user.verified === 'boolean' ? user.verified : undefined,
      },
      metrics: {
        reposts: count(pm.retweet_count),
        replies: count(pm.reply_count),
        likes: count(pm.like_count),
        quotes: count(pm.quote_count),
        views: count(pm.impression_count),
      },
      media: media.length > 0 ? media : undefined,
      isPublic: true,
      inReplyTo: reply === undefined ? undefined : str(reply.id),
      lang: str(tweet.lang) === 'und' ? undefined : str(tweet.lang),
      raw,
    },
    cursor,
  );
}

/** An X source, with the filtered stream's rules management. */
export interface XSource extends Source {
  /** The rules on the stream now. */
  getRules(): Promise<XRule[]>;
  /** Add rules (`dryRun` validates without adding). Returns the created rules with ids. */
  addRules(rules: XRule[], options?: { dryRun?: boolean; signal?: AbortSignal }): Promise<XRule[]>;
  /** Delete rules by id. Returns how many were deleted. */
  deleteRules(ids: string[], options?: { dryRun?: boolean; signal?: AbortSignal }): Promise<number>;
}

/**
 * An X API v2 filtered-stream source.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import x from 'webcare/adapters/x';
 *
 * const source = x({
 *   bearerToken: process.env.X_BEARER_TOKEN ?? '',
 *   rules: [{ value: '(@BrandNL OR "brand nl") -is:retweet', tag: 'brand' }],
 * });
 * const monitor = createMonitor({ sources: [source] });
 * monitor.on('escalation', (a) => console.log(a.priority, a.mention.url));
 * ```
 */
export function x(options: XOptions): XSource {
  const token = requireString(options?.bearerToken, 'bearerToken', 'an X API bearer token');
  const base = (options.baseUrl ?? 'https://api.x.com').replace(/\/$/, '');
  const name = options.name ?? 'x';
  const timeoutMs = positiveMs(options.timeoutMs, 'timeoutMs', 15_000);
  const idleMs = positiveMs(options.idleTimeoutMs, 'idleTimeoutMs', 30_000);
  const maxPages = options.maxBackfillPages ?? 10;
  const rules = options.rules ?? [];
  for (const [i, r] of rules.entries()) requireString(r?.value, `rules[${i}].value`, 'a rule string');
  const query = options.backfillQuery ?? (rules.length > 0 ? rules.map((r) => `(${r.value})`).join(' OR ') : undefined);
  const headers = { authorization: `Bearer ${token}`, 'user-agent': 'webcare' };
  const rulesUrl = `${base}/2/tweets/search/stream/rules`;

  function fail(res: Response): WebcareError {
    // X sends its own reset time (epoch seconds) on 429, often without Retry-After.
    return httpError(res, name, resetToMs(res.headers.get('x-rate-limit-reset')));
  }

  async function call(method: string, url: string, body: unknown, signal: AbortSignal | undefined): Promise<Json> {
    const ctl = signal ?? new AbortController().signal;
    const req: Parameters<typeof request>[1] = { fetch: options.fetch, signal: ctl, timeoutMs, source: name, method };
    req.headers = body === undefined ? headers : { ...headers, 'content-type': 'application/json' };
    if (body !== undefined) req.body = JSON.stringify(body);
    const open = await request(url, req);
    try {
      if (!open.res.ok) {
        await open.res.body?.cancel().catch(() => undefined);
        throw fail(open.res);
      }
      const text = await readBody(open, { signal: ctl, idleMs: timeoutMs, source: name });
      let out: unknown;
      try {
        out = JSON.parse(text);
      } catch (e) {
        throw new WebcareError('SOURCE_HTTP', `${name}: the rules response is not JSON`, { cause: e });
      }
      return isObj(out) ? out : {};
    } finally {
      open.release();
      open.controller.abort();
    }
  }

  async function getRules(): Promise<XRule[]> {
    const out = await call('GET', rulesUrl, undefined, undefined);
    return Array.isArray(out.data) ? out.data.filter(isObj).map(toRule) : [];
  }

  async function addRules(add: XRule[], o: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<XRule[]> {
    const url = o.dryRun === true ? `${rulesUrl}?dry_run=true` : rulesUrl;
    const body = { add: add.map((r) => (r.tag === undefined ? { value: r.value } : { value: r.value, tag: r.tag })) };
    const out = await call('POST', url, body, o.signal);
    const errors = Array.isArray(out.errors) ? out.errors.filter(isObj) : [];
    // A duplicate rule is fine (it is what we want); anything else means the rule is unusable.
    const real = errors.filter((e) => e.title !== 'DuplicateRule');
    if (real.length > 0) {
      throw new WebcareError('INVALID_CONFIG', `${name}: X refused a rule: ${str(real[0]?.title) ?? 'invalid rule'}`, {
        field: 'rules',
        expected: 'valid filtered-stream rules',
        received: str(real[0]?.value) ?? 'a rule X rejected',
      });
    }
    return Array.isArray(out.data) ? out.data.filter(isObj).map(toRule) : [];
  }

  async function deleteRules(ids: string[], o: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<number> {
    if (ids.length === 0) return 0;
    const url = o.dryRun === true ? `${rulesUrl}?dry_run=true` : rulesUrl;
    const out = await call('POST', url, { delete: { ids } }, o.signal);
    const summary = isObj(out.meta) && isObj(out.meta.summary) ? out.meta.summary : {};
    return count(summary.deleted) ?? 0;
  }

  let rulesSynced = false;
  async function syncRules(signal: AbortSignal): Promise<void> {
    if (rulesSynced || rules.length === 0) return;
    const current = await getRules();
    const wanted = new Set(rules.map((r) => r.value));
    const have = new Set(current.map((r) => r.value));
    const missing = rules.filter((r) => !have.has(r.value));
    if (options.replaceRules === true) {
      const stale = current.filter((r) => !wanted.has(r.value) && r.id !== undefined).map((r) => r.id as string);
      await deleteRules(stale, { signal });
    }
    if (missing.length > 0) await addRules(missing, { signal });
    rulesSynced = true;
  }

  async function* backfill(
    since: string,
    signal: AbortSignal,
  ): AsyncGenerator<{ tweet: unknown; includes: unknown; raw: unknown }> {
    const pages: Json[] = [];
    let next: string | undefined;
    for (let i = 0; i < maxPages; i++) {
      let url = `${base}/2/tweets/search/recent?query=${encodeURIComponent(query ?? '')}&since_id=${encodeURIComponent(since)}&max_results=100&${X_FIELDS}`;
      if (next !== undefined) url += `&next_token=${encodeURIComponent(next)}`;
      const { body } = await getJson(url, { fetch: options.fetch, signal, timeoutMs, source: name, headers });
      if (!isObj(body)) break;
      pages.push(body);
      next = isObj(body.meta) ? str(body.meta.next_token) : undefined;
      if (next === undefined) break;
    }
    // Pages run newest to oldest; deliver oldest first so every cursor covers what precedes it.
    for (const page of pages.reverse()) {
      const data = Array.isArray(page.data) ? [...page.data].reverse() : [];
      for (const tweet of data) yield { tweet, includes: page.includes, raw: { data: tweet, includes: page.includes } };
    }
  }

  async function* stream({ signal, cursor }: StreamOptions): AsyncGenerator<SourceEvent> {
    let high = cursor;
    const seen = new RecentSet(5000);
    function emit(tweet: unknown, includes: unknown, raw: unknown): SourceEvent | undefined {
      const id = isObj(tweet) ? str(tweet.id) : undefined;
      if (id !== undefined) {
        if (seen.has(id)) return undefined;
        seen.add(id);
        // Post ids are 64-bit numbers as decimal strings: anything else from the server must not
        // become the cursor (it would outrank every real id, or end up in the resume URL).
        if (POST_ID.test(id) && (high === undefined || compareIds(id, high) > 0)) high = id;
      }
      return tweetToEvent(tweet, includes, raw, name, id === undefined ? undefined : high);
    }
    let open: Awaited<ReturnType<typeof request>> | undefined;
    try {
      await syncRules(signal);
      open = await request(`${base}/2/tweets/search/stream?${X_FIELDS}`, {
        fetch: options.fetch,
        signal,
        timeoutMs,
        source: name,
        headers,
      });
      if (!open.res.ok) {
        await open.res.body?.cancel().catch(() => undefined);
        throw fail(open.res);
      }
      if (cursor !== undefined && options.backfill !== false && query !== undefined) {
        for await (const b of backfill(cursor, signal)) {
          if (signal.aborted) return;
          const ev = emit(b.tweet, b.includes, b.raw);
          if (ev !== undefined) yield ev;
        }
      }
      // Every message ends with \r\n: text left when the server closes is a cut-off record.
      for await (const line of readLines(open, { signal, idleMs, source: name, unterminated: 'drop' })) {
        if (line.trim() === '') continue; // keep-alive
        const parsed = parseJson(name, line);
        if (!parsed.ok) {
          yield parsed.event;
          continue;
        }
        const msg = parsed.value;
        if (isObj(msg) && msg.data === undefined && Array.isArray(msg.errors)) {
          const first = msg.errors.find(isObj) ?? {};
          const title = str(first.title) ?? 'error';
          if (/disconnect/i.test(title) || str(first.disconnect_type) !== undefined) {
            throw new WebcareError('SOURCE_FAILED', `${name}: stream disconnected by X (${title})`, {
              received: str(first.detail) ?? title,
            });
          }
          yield {
            type: 'error',
            error: new WebcareError('SOURCE_FAILED', `${name}: X reported ${title}`, {
              received: str(first.detail) ?? title,
            }),
            record: msg,
          };
          continue;
        }
        if (!isObj(msg)) {
          yield badShape(name, msg, 'message', 'an object with data');
          continue;
        }
        const ev = emit(msg.data, msg.includes, msg);
        if (ev !== undefined) yield ev;
      }
      throw new WebcareError('SOURCE_FAILED', `${name}: the server closed the stream`);
    } catch (e) {
      if (signal.aborted || isAborted(e)) return;
      throw e;
    } finally {
      open?.release();
      open?.controller.abort();
    }
  }

  return { name, stream, getRules, addRules, deleteRules };
}

function toRule(r: Json): XRule {
  const rule: XRule = { value: String(r.value ?? '') };
  const tag = str(r.tag);
  const id = str(r.id);
  if (tag !== undefined) rule.tag = tag;
  if (id !== undefined) rule.id = id;
  return rule;
}

export default x;
