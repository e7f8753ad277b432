/**
 * `webcare/adapters/bluesky`: Bluesky posts from a Jetstream WebSocket
 * (`/subscribe?wantedCollections=app.bsky.feed.post`), filtered on the client to posts that
 * contain the brand's terms or mention its DIDs.
 *
 * The cursor is Jetstream's `time_us` of the last delivered post. On resume the adapter asks for
 * playback a little before it (`rewindUs`, as the Jetstream docs advise for gapless playback) and
 * drops what it already delivered: events at or before the cursor are skipped unless this
 * process remembers them as not yet delivered (a switch between instances, whose clocks differ),
 * and every post is deduplicated by `did` + `rkey`.
 *
 * Node 20 has no stable global WebSocket, so the `ws` package is imported lazily on first use;
 * pass `WebSocket` to use another implementation (Deno's, a browser's, a mock).
 * @module
 */
import { WebcareError, type WebcareErrorOptions } from '../errors.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';
import type { Media } from '../types.js';
import { RecentSet, parseRetryAfter, positiveMs } from './_http.js';
import { type Json, asList, badShape, isObj, parseJson, str, toEvent } from './_record.js';
import { SocketQueue, type WebSocketConstructor } from './_socket.js';

export type { WebSocketConstructor, WebSocketLike } from './_socket.js';
export type { Json } from './_record.js';

/** Options of the Bluesky adapter. */
export interface BlueskyOptions {
  /** Words or phrases that make a post a mention (case-insensitive, whole words), e.g. brand names. */
  terms?: string[] | string;
  /** DIDs whose @-mention (a richtext mention facet) makes a post a mention, e.g. the brand account. */
  mentionDids?: string[] | string;
  /** Jetstream base URL. Default `wss://jetstream2.us-east.bsky.network`. */
  endpoint?: string;
  /** Only posts by these DIDs (Jetstream `wantedDids`), e.g. to follow a few accounts. */
  wantedDids?: string[] | string;
  /** How far before the cursor to ask for playback, in µs. Default 3 s. */
  rewindUs?: number;
  /** A WebSocket constructor to use instead of the lazily imported `ws`. */
  WebSocket?: WebSocketConstructor;
  /** Source name. Default `'bluesky'`. */
  name?: string;
  /** Give up on a connection attempt after this long. Default 15 s. */
  timeoutMs?: number;
  /** Reconnect when no message arrives this long. Default 60 s (the firehose is never quiet). */
  idleTimeoutMs?: number;
}

const POST = 'app.bsky.feed.post';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Build the matcher for brand terms: whole words, any case, accents as written. */
export function termMatcher(terms: readonly string[]): (text: string) => boolean {
  const cleaned = terms.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  if (cleaned.length === 0) return () => false;
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${cleaned.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
  return (text) => re.test(text);
}

function blobUrl(did: string, blob: unknown, kind: 'feed_fullsize'): string | undefined {
  if (!isObj(blob) || !isObj(blob.ref)) return undefined;
  const cid = str(blob.ref.$link);
  return cid === undefined ? undefined : `https://cdn.bsky.app/img/${kind}/plain/${did}/${cid}@jpeg`;
}

function embedMedia(did: string, embed: unknown): Media[] {
  if (!isObj(embed)) return [];
  const type = str(embed.$type);
  if (type === 'app.bsky.embed.images' && Array.isArray(embed.images)) {
    return embed.images.filter(isObj).map((img) => {
      const url = blobUrl(did, img.image, 'feed_fullsize');
      return url === undefined ? { type: 'image' as const } : { type: 'image' as const, url };
    });
  }
  if (type === 'app.bsky.embed.video') return [{ type: 'video' }];
  if (type === 'app.bsky.embed.external' && isObj(embed.external)) {
    const uri = str(embed.external.uri);
    return uri === undefined ? [{ type: 'link' }] : [{ type: 'link', url: uri }];
  }
  if (type === 'app.bsky.embed.recordWithMedia') return embedMedia(did, embed.media);
  return [];
}

function mentionedDids(record: Json): string[] {
  const out: string[] = [];
  if (!Array.isArray(record.facets)) return out;
  for (const facet of record.facets) {
    if (!isObj(facet) || !Array.isArray(facet.features)) continue;
    for (const f of facet.features) {
      if (isObj(f) && f.$type === 'app.bsky.richtext.facet#mention' && typeof f.did === 'string') out.push(f.did);
    }
  }
  return out;
}

/**
 * Map a Jetstream commit event for a created post to a mention event. The id is the post's
 * `at://` URI.
 */
export function jetstreamToEvent(event: Json, source: string, cursor?: string): SourceEvent {
  const did = str(event.did);
  const commit = isObj(event.commit) ? event.commit : undefined;
  const record = commit !== undefined && isObj(commit.record) ? commit.record : undefined;
  if (did === undefined || commit === undefined || record === undefined) {
    return badShape(source, event, 'commit.record', 'a post record');
  }
  const rkey = str(commit.rkey);
  if (typeof record.text !== 'string') return badShape(source, event, 'commit.record.text', 'a string');
  const reply = isObj(record.reply) && isObj(record.reply.parent) ? str(record.reply.parent.uri) : undefined;
  const langs = Array.isArray(record.langs) ? record.langs : [];
  const media = embedMedia(did, record.embed);
  return toEvent(
    {
      text: record.text,
      id: rkey === undefined ? undefined : `at://${did}/${POST}/${rkey}`,
      source,
      url: rkey === undefined ? undefined : `https://bsky.app/profile/${did}/post/${rkey}`,
      createdAt: record.createdAt,
      author: { id: did },
      media: media.length > 0 ? media : undefined,
      isPublic: true,
      inReplyTo: reply,
      lang: str(langs[0]),
      raw: event,
    },
    cursor,
  );
}

async function loadWebSocket(name: string): Promise<WebSocketConstructor> {
  try {
    const mod = (await import('ws')) as unknown as { default?: WebSocketConstructor; WebSocket?: WebSocketConstructor };
    const ctor = mod.WebSocket ?? mod.default;
    if (ctor === undefined) throw new Error('ws exports no WebSocket');
    return ctor;
  } catch (e) {
    throw new WebcareError('DEPENDENCY_MISSING', `${name}: install the "ws" package or pass a WebSocket constructor`, {
      expected: 'the ws package (npm install ws) or options.WebSocket',
      received: 'no WebSocket implementation',
      cause: e,
    });
  }
}

/**
 * A Bluesky source over Jetstream.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import bluesky from 'webcare/adapters/bluesky';
 *
 * const source = bluesky({ terms: ['KPN', 'kpn storing'], mentionDids: ['did:plc:brand123'] });
 * const monitor = createMonitor({ sources: [source] });
 * monitor.on('escalation', (a) => console.log(a.priority, a.mention.url));
 * ```
 */
export function bluesky(options: BlueskyOptions): Source {
  // One string is accepted for each list, as the CLI passes `--terms KPN`.
  const terms = asList(options?.terms);
  const dids = new Set(asList(options?.mentionDids) ?? []);
  const wantedDids = asList(options?.wantedDids) ?? [];
  if (terms === undefined || (terms.length === 0 && dids.size === 0)) {
    throw new WebcareError('INVALID_CONFIG', 'Invalid config: give terms or mentionDids, or every post would match', {
      field: 'terms',
      expected: 'a non-empty list of terms or mentionDids',
      received: terms === undefined ? typeof options?.terms : 'an empty list',
    });
  }
  const matches = termMatcher(terms);
  const name = options.name ?? 'bluesky';
  const endpoint = (options.endpoint ?? 'wss://jetstream2.us-east.bsky.network').replace(/\/$/, '');
  const rewindUs = options.rewindUs ?? 3_000_000;
  if (!Number.isInteger(rewindUs) || rewindUs < 0) {
    throw new WebcareError('INVALID_CONFIG', 'Invalid config: rewindUs must be a whole number of µs, 0 or more', {
      field: 'rewindUs',
      expected: 'an integer >= 0',
      received: String(rewindUs),
    });
  }
  const timeoutMs = positiveMs(options.timeoutMs, 'timeoutMs', 15_000);
  const idleMs = positiveMs(options.idleTimeoutMs, 'idleTimeoutMs', 60_000);
  // Keys delivered by this instance, and the earliest time_us they cover: lets a resume tell a
  // post it already delivered from one it never saw (see the module comment).
  const delivered = new RecentSet(20_000);
  let memoryFrom: bigint | undefined;

  function url(cursor: bigint | undefined): string {
    const q = new URLSearchParams();
    q.append('wantedCollections', POST);
    for (const d of wantedDids) q.append('wantedDids', d);
    if (cursor !== undefined) q.set('cursor', String(cursor > 0n ? cursor : 0n));
    return `${endpoint}/subscribe?${q.toString()}`;
  }

  function wanted(record: Json): boolean {
    if (typeof record.text === 'string' && matches(record.text)) return true;
    return dids.size > 0 && mentionedDids(record).some((d) => dids.has(d));
  }

  async function* stream({ signal, cursor }: StreamOptions): AsyncGenerator<SourceEvent> {
    if (cursor !== undefined && !/^\d+$/.test(cursor)) {
      throw new WebcareError('INVALID_CONFIG', `${name}: cursor must be a Jetstream time_us`, {
        field: 'cursor',
        expected: 'microseconds since the epoch',
        received: `a string of ${cursor.length} characters`,
      });
    }
    if (signal.aborted) return;
    const Ctor = options.WebSocket ?? (await loadWebSocket(name));
    const after = cursor === undefined ? undefined : BigInt(cursor);
    let high = after;
    const queue = new SocketQueue(new Ctor(url(after === undefined ? undefined : after - BigInt(rewindUs))), {
      signal,
      timeoutMs,
      idleMs,
      source: name,
    });
    try {
      for (;;) {
        const item = await queue.next();
        if (item.type === 'end') {
          if (signal.aborted) return;
          throw item.error;
        }
        if (item.type === 'rate-limited') {
          const wait = parseRetryAfter(item.retryAfter);
          const opts: WebcareErrorOptions = { received: `HTTP ${item.status}`, expected: 'HTTP 101' };
          if (wait !== undefined) opts.retryAfterMs = wait;
          throw new WebcareError('RATE_LIMITED', `${name}: rate limited (HTTP ${item.status})`, opts);
        }
        const parsed = parseJson(name, item.data);
        if (!parsed.ok) {
          yield parsed.event;
          continue;
        }
        const ev = parsed.value;
        // time_us becomes a BigInt and the cursor: Infinity (JSON 1e999) would throw out of the
        // source, and a negative or huge value would poison the cursor every later read resumes from.
        if (
          !isObj(ev) ||
          typeof ev.time_us !== 'number' ||
          !(ev.time_us >= 0 && ev.time_us <= Number.MAX_SAFE_INTEGER) ||
          typeof ev.did !== 'string'
        ) {
          yield badShape(name, ev, 'time_us', 'a Jetstream event with did and time_us (µs since the epoch)');
          continue;
        }
        if (ev.kind !== 'commit') continue; // identity and account events
        const commit = ev.commit;
        if (!isObj(commit) || commit.operation !== 'create' || commit.collection !== POST) continue;
        const record = isObj(commit.record) ? commit.record : {};
        if (!wanted(record)) continue;
        const t = BigInt(Math.trunc(ev.time_us));
        const key = `${ev.did}/${str(commit.rkey) ?? ''}`;
        if (delivered.has(key)) continue;
        if (after !== undefined && t <= after && (memoryFrom === undefined || t < memoryFrom)) continue;
        if (high === undefined || t > high) high = t;
        const out = jetstreamToEvent(ev, name, String(high));
        if (signal.aborted) return;
        if (out.type === 'mention') {
          delivered.add(key);
          if (memoryFrom === undefined || t < memoryFrom) memoryFrom = t;
        }
        yield out;
      }
    } finally {
      queue.close();
    }
  }

  return { name, stream };
}

export default bluesky;
