/**
 * `webcare/adapters/mastodon`: a Mastodon streaming timeline (hashtag, public, local, user or
 * list) over server-sent events, with REST backfill on resume, so a reconnect from a stored
 * cursor delivers what was posted while the client was away, then carries on live.
 *
 * The cursor is the highest status id seen. On resume the adapter first opens the stream (so
 * nothing posted during the backfill slips through), then pages the matching REST timeline (or a
 * search) with `min_id` = cursor, oldest first, then reads the stream, skipping ids it already
 * delivered.
 * @module
 */
import { WebcareError } from '../errors.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';
import type { Media } from '../types.js';
import { htmlToText } from './_html.js';
import {
  type FetchLike,
  RecentSet,
  compareIds,
  getJson,
  httpError,
  isAborted,
  parseSse,
  positiveMs,
  readLines,
  request,
  requireString,
} from './_http.js';
import { type Json, badShape, count, isObj, parseJson, str, toEvent } from './_record.js';
import { own } from '../own.js';

/** Which timeline to follow. */
export type MastodonTimeline = 'hashtag' | 'public' | 'local' | 'user' | 'list';

/** Options of the Mastodon adapter. */
export interface MastodonOptions {
  /** The instance, e.g. `https://mastodon.social`. */
  instance: string;
  /** An access token (`read:statuses`; `read` for the user and list timelines). */
  accessToken?: string;
  /** Which timeline. Default `'hashtag'` when `tag` is given, else `'public'`. */
  timeline?: MastodonTimeline;
  /** The hashtag, without `#`, for the `hashtag` timeline. */
  tag?: string;
  /** The list id, for the `list` timeline. */
  list?: string;
  /** Backfill with `/api/v2/search?type=statuses&q=` instead of the timeline (e.g. a brand name). */
  searchQuery?: string;
  /** Backfill on resume. Default `true`. */
  backfill?: boolean;
  /** At most this many REST pages per resume (40 statuses each). Default 25. */
  maxBackfillPages?: number;
  /** Streaming base URL when the instance serves it elsewhere (`configuration.urls.streaming`). */
  streamingUrl?: string;
  /** Also yield edited statuses (`status.update`). Default `false`: the first version was seen. */
  edits?: boolean;
  /** Source name. Default `'mastodon'`. */
  name?: string;
  /** Time to wait for response headers. Default 15 s. */
  timeoutMs?: number;
  /** Reconnect when nothing (not even a heartbeat) arrives this long. Default 60 s. */
  idleTimeoutMs?: number;
  /** Injected `fetch` (tests, proxies). Default: the global one. */
  fetch?: FetchLike;
}

export type { FetchLike } from './_http.js';

const MEDIA: Record<string, Media['type']> = { image: 'image', gifv: 'video', video: 'video', audio: 'audio' };

/**
 * Map a Mastodon Status entity to a mention event. Boosts are read as the boosted status (its
 * author, text and counts), so dedup by id collapses repeated boosts of one post.
 */
export function statusToEvent(status: unknown, source: string, cursor?: string): SourceEvent {
  if (!isObj(status)) return badShape(source, status, 'status', 'a Status object');
  const s: Json = isObj(status.reblog) ? status.reblog : status;
  if (typeof s.content !== 'string') return badShape(source, status, 'content', 'an HTML string');
  const account = isObj(s.account) ? s.account : {};
  const spoiler = str(s.spoiler_text) ?? '';
  const body = htmlToText(s.content);
  const media: Media[] = [];
  if (Array.isArray(s.media_attachments)) {
    for (const a of s.media_attachments) {
      if (!isObj(a)) continue;
      const kind = str(a.type) ?? '';
      // Own entries only: a payload's type such as "constructor" must not find what objects inherit.
      const m: Media = { type: own(MEDIA, kind) ?? 'other' };
      const url = str(a.url) ?? str(a.remote_url);
      if (url !== undefined) m.url = url;
      media.push(m);
    }
  }
  if (isObj(s.card) && typeof s.card.url === 'string') media.push({ type: 'link', url: s.card.url });
  const visibility = str(s.visibility);
  return toEvent(
    {
      text: spoiler === '' ? body : `${htmlToText(spoiler)}\n\n${body}`,
      id: s.id,
      source,
      url: str(s.url) ?? str(s.uri),
      createdAt: s.created_at,
      author: {
        id: str(account.id),
        handle: str(account.acct),
        name: str(account.display_name) || str(account.username),
        followers: count(account.followers_count),
      },
      metrics: {
        reposts: count(s.reblogs_count),
        replies: count(s.replies_count),
        likes: count(s.favourites_count),
        quotes: count(s.quotes_count),
      },
      media: media.length > 0 ? media : undefined,
      isPublic: visibility === undefined ? undefined : visibility === 'public' || visibility === 'unlisted',
      inReplyTo: str(s.in_reply_to_id),
      lang: str(s.language),
      raw: status,
    },
    cursor,
  );
}

function trimSlash(u: string): string {
  return u.endsWith('/') ? u.slice(0, -1) : u;
}

/**
 * A Mastodon source.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import mastodon from 'webcare/adapters/mastodon';
 *
 * const token = process.env.MASTODON_TOKEN; // optional for the public hashtag timeline
 * const source = mastodon({ instance: 'https://mastodon.social', tag: 'kpn', ...(token ? { accessToken: token } : {}) });
 * const monitor = createMonitor({ sources: [source] });
 * monitor.on('escalation', (a) => console.log(a.priority, a.mention.url));
 * ```
 */
export function mastodon(options: MastodonOptions): Source {
  const instance = trimSlash(
    requireString(options?.instance, 'instance', 'the instance URL, e.g. https://mastodon.social'),
  );
  const timeline: MastodonTimeline = options.timeline ?? (options.tag !== undefined ? 'hashtag' : 'public');
  if (timeline === 'hashtag') requireString(options.tag, 'tag', 'a hashtag without # for the hashtag timeline');
  if (timeline === 'list') requireString(options.list, 'list', 'a list id for the list timeline');
  if (!['hashtag', 'public', 'local', 'user', 'list'].includes(timeline)) {
    throw new WebcareError('INVALID_CONFIG', 'Invalid config: timeline must be hashtag, public, local, user or list', {
      field: 'timeline',
      expected: 'hashtag, public, local, user or list',
      received: String(timeline),
    });
  }
  const name = options.name ?? 'mastodon';
  const timeoutMs = positiveMs(options.timeoutMs, 'timeoutMs', 15_000);
  const idleMs = positiveMs(options.idleTimeoutMs, 'idleTimeoutMs', 60_000);
  const maxPages = options.maxBackfillPages ?? 25;
  const streamBase = trimSlash(options.streamingUrl ?? instance);
  const tag = encodeURIComponent(options.tag ?? '');
  const list = encodeURIComponent(options.list ?? '');
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.accessToken !== undefined) headers.authorization = `Bearer ${options.accessToken}`;
  const restHeaders: Record<string, string> = { ...headers, accept: 'application/json' };

  const streamPath = {
    hashtag: `/api/v1/streaming/hashtag?tag=${tag}`,
    public: '/api/v1/streaming/public',
    local: '/api/v1/streaming/public/local',
    user: '/api/v1/streaming/user',
    list: `/api/v1/streaming/list?list=${list}`,
  }[timeline];

  function backfillUrl(minId: string): string {
    const q = `min_id=${encodeURIComponent(minId)}&limit=40`;
    if (options.searchQuery !== undefined) {
      return `${instance}/api/v2/search?type=statuses&resolve=false&q=${encodeURIComponent(options.searchQuery)}&${q}`;
    }
    return {
      hashtag: `${instance}/api/v1/timelines/tag/${tag}?${q}`,
      public: `${instance}/api/v1/timelines/public?${q}`,
      local: `${instance}/api/v1/timelines/public?local=true&${q}`,
      user: `${instance}/api/v1/timelines/home?${q}`,
      list: `${instance}/api/v1/timelines/list/${list}?${q}`,
    }[timeline];
  }

  async function* stream({ signal, cursor }: StreamOptions): AsyncGenerator<SourceEvent> {
    let high = cursor;
    const seen = new RecentSet(5000);
    const advance = (id: string): string => {
      if (high === undefined || compareIds(id, high) > 0) high = id;
      return high;
    };
    const emit = (status: unknown): SourceEvent | undefined => {
      const id = isObj(status) ? str(status.id) : undefined;
      if (id !== undefined) {
        if (seen.has(id)) return undefined;
        seen.add(id);
      }
      return statusToEvent(status, name, id === undefined ? undefined : advance(id));
    };
    const req = { fetch: options.fetch, signal, timeoutMs, source: name };
    let open: Awaited<ReturnType<typeof request>> | undefined;
    try {
      open = await request(`${streamBase}${streamPath}`, { ...req, headers });
      if (!open.res.ok) {
        await open.res.body?.cancel().catch(() => undefined);
        throw httpError(open.res, name);
      }
      if (cursor !== undefined && options.backfill !== false) {
        let minId = cursor;
        for (let page = 0; page < maxPages; page++) {
          const { body } = await getJson(backfillUrl(minId), { ...req, headers: restHeaders });
          const list = options.searchQuery !== undefined && isObj(body) ? body.statuses : body;
          if (!Array.isArray(list))
            throw new WebcareError('SOURCE_HTTP', `${name}: backfill is not a list of statuses`);
          const ids = list.map((s) => (isObj(s) ? str(s.id) : undefined)).filter((x): x is string => x !== undefined);
          // Pages come newest first; deliver oldest first so each cursor covers everything before it.
          const sorted = [...list].sort((a, b) =>
            compareIds(isObj(a) ? String(a.id) : '', isObj(b) ? String(b.id) : ''),
          );
          for (const status of sorted) {
            if (signal.aborted) return;
            const ev = emit(status);
            if (ev !== undefined) yield ev;
          }
          const top = ids.reduce<string | undefined>(
            (m, id) => (m === undefined || compareIds(id, m) > 0 ? id : m),
            undefined,
          );
          if (top === undefined || list.length < 40 || compareIds(top, minId) <= 0) break;
          minId = top;
        }
      }
      const lines = readLines(open, { signal, idleMs, source: name });
      for await (const ev of parseSse(lines)) {
        let payload: unknown;
        if (ev.event === 'update' || (ev.event === 'status.update' && options.edits === true)) {
          const parsed = parseJson(name, ev.data);
          if (!parsed.ok) {
            yield parsed.event;
            continue;
          }
          payload = parsed.value;
        } else if (ev.event === 'notification') {
          // The user stream reports mentions of the account as notifications carrying the status.
          const parsed = parseJson(name, ev.data);
          if (!parsed.ok) {
            yield parsed.event;
            continue;
          }
          if (!isObj(parsed.value) || parsed.value.type !== 'mention' || !isObj(parsed.value.status)) continue;
          payload = parsed.value.status;
        } else {
          continue; // delete, filters_changed, announcements...: nothing to assess
        }
        const out = emit(payload);
        if (out !== undefined) yield out;
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

  return { name, stream };
}

export default mastodon;
