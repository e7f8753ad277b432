/**
 * `webcare/adapters/webhook`: a webhook receiver that is also a source. Mount `handler` on a
 * `node:http` server (before any body parser: the signature covers the raw bytes) or call
 * `fetch(request)` from a Fetch API runtime (Deno, Bun, Workers, Hono). It answers fast and the
 * mentions flow to `stream()`.
 *
 * Two kinds of payload:
 * - Meta (Facebook Pages, Instagram, Messenger): the GET verification challenge
 *   (`hub.mode=subscribe`, `hub.verify_token`, echo `hub.challenge`), POSTs signed with
 *   `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, checked
 *   in constant time; `entry[].changes[]` (page feed comments and posts, Instagram comments) and
 *   `entry[].messaging[]` (private messages) become mentions. Notifications without text
 *   (reactions, deliveries, Instagram `@mention` pings that carry only ids) are counted, not emitted.
 * - A plain JSON mention (or an array of them), optionally authenticated by a shared-secret header
 *   or, better, signed with a timestamp (`X-Webhook-Signature: t=<unix seconds>,v1=<hex
 *   HMAC-SHA256 of "<t>.<raw body>">`, the scheme Stripe uses): a timestamp outside `maxSkewMs`
 *   is refused and an exact replay inside it is acknowledged but not emitted again. Meta's
 *   `X-Hub-Signature-256` signs no timestamp; there the signed `entry[].time` and `maxAgeMs` are
 *   the replay window.
 *
 * Unauthenticated payloads are accepted only when no secret is configured; their follower and
 * engagement counts are then moved out of the mention into `raw.claimed` (`raw.signed: false`),
 * so a forged "1M followers" cannot escalate a mention.
 * @module
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebcareError } from '../errors.js';
import { safeNormalizeMention } from '../mention.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';
import type { Mention } from '../types.js';

/**
 * Options of the webhook adapter.
 *
 * @example
 * ```ts
 * import type { WebhookOptions } from 'webcare/adapters/webhook';
 *
 * const options: WebhookOptions = { appSecret: ['new-secret', 'old-secret'], verifyToken: 'tok', maxBodyBytes: 256 * 1024 };
 * ```
 */
export interface WebhookOptions {
  /** Source name (events, checkpoints). Default `'webhook'`. */
  name?: string;
  /** Meta app secret(s) for `X-Hub-Signature-256`; several during a rotation. */
  appSecret?: string | string[];
  /** The verify token you entered in the Meta app dashboard, for the GET challenge. */
  verifyToken?: string;
  /** A shared secret plain-JSON senders put in `secretHeader`. */
  sharedSecret?: string;
  /** Header carrying the shared secret. Default `x-webhook-secret`. */
  secretHeader?: string;
  /** Secret(s) for timestamped signatures (`t=<unix seconds>,v1=<hex>`); several during a rotation. */
  signingSecret?: string | string[];
  /** Header carrying the timestamped signature. Default `x-webhook-signature`. */
  signatureHeader?: string;
  /** Replay window for timestamped signatures: largest clock difference accepted, in ms. Default 5 minutes. */
  maxSkewMs?: number;
  /** Largest accepted body in bytes; larger gets 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Mentions waiting for the stream; above it POSTs get 503 with Retry-After. Default 10,000. */
  maxQueued?: number;
  /** Drop Meta entries whose `time` is older than this (replayed requests), in ms. Default: keep all. */
  maxAgeMs?: number;
  /** Keep follower counts of unauthenticated payloads in the mention. Default false. */
  trustUnsigned?: boolean;
  /** Clock in epoch ms (for `maxAgeMs`). Default `Date.now`. */
  now?: () => number;
}

/** A webhook receiver and source. */
export interface WebhookSource extends Source {
  /** A `node:http` request listener. */
  handler(req: IncomingMessage, res: ServerResponse): void;
  /** A Fetch API handler. */
  fetch(request: Request): Promise<Response>;
  /** Counters: accepted requests, mentions queued, notifications without text, rejections. */
  stats(): WebhookStats;
}

/** Counters of a webhook source. */
export interface WebhookStats {
  /** POST requests accepted (authenticated, parsed and valid). */
  accepted: number;
  /** Mentions taken from accepted requests and queued for the stream. */
  mentions: number;
  /** Notifications without a mention (no text, other event types) and replayed signed requests. */
  ignored: number;
  /** Requests answered with an error status (bad signature, wrong type, too large, invalid, busy). */
  rejected: number;
  /** Events waiting in the queue, not yet read from the stream. */
  queued: number;
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface Incoming {
  method: string;
  url: URL;
  header(name: string): string | undefined;
  /** Resolves the raw body, or `undefined` when it is larger than the limit. */
  body(limit: number): Promise<Buffer | undefined>;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  return { status, body: text, headers: { 'content-type': type, ...headers } };
}

function safeEqual(a: string, b: string): boolean {
  // Digests have one length whatever the inputs, so timingSafeEqual never throws and the time
  // taken tells nothing, not even the secret's length.
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y);
}

/**
 * Sign a body the way {@link verifyTimestampedSignature} checks it: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">`. For senders (a CRM, a test).
 *
 * @example
 * ```ts
 * import { signTimestamped } from 'webcare/adapters/webhook';
 *
 * declare const url: string;
 * declare const secret: string;
 * const body = JSON.stringify({ id: 'c1', text: 'Waar blijft mijn pakket?' });
 * await fetch(url, {
 *   method: 'POST',
 *   body,
 *   headers: { 'content-type': 'application/json', 'x-webhook-signature': signTimestamped(body, secret) },
 * });
 * ```
 */
export function signTimestamped(body: string | Buffer, secret: string, atMs: number = Date.now()): string {
  const t = Math.floor(atMs / 1000);
  const mac = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v1=${mac}`;
}

/**
 * The outcome of {@link verifyTimestampedSignature}.
 *
 * @example
 * ```ts
 * import { verifyTimestampedSignature, type TimestampedCheck } from 'webcare/adapters/webhook';
 *
 * declare const raw: Buffer;
 * declare const header: string;
 * declare const secret: string;
 * const check: TimestampedCheck = verifyTimestampedSignature(raw, header, [secret], Date.now(), 300_000);
 * if (check === 'outside-window') console.warn('replayed or clock skew');
 * ```
 */
export type TimestampedCheck = 'ok' | 'bad-signature' | 'outside-window';

/**
 * Check a `t=<unix seconds>,v1=<hex>` signature (several `v1=` allowed) against the raw body and
 * any of the secrets, in constant time, and the timestamp against the replay window. The time is
 * checked only once the signature holds: an unsigned timestamp proves nothing.
 *
 * @example
 * ```ts
 * import { signTimestamped, verifyTimestampedSignature } from 'webcare/adapters/webhook';
 *
 * const raw = Buffer.from('{"id":"c1","text":"Pakket kwijt"}');
 * const header = signTimestamped(raw, 's3cret');
 * verifyTimestampedSignature(raw, header, ['s3cret'], Date.now(), 300_000); // 'ok'
 * verifyTimestampedSignature(raw, header, ['other'], Date.now(), 300_000); // 'bad-signature'
 * ```
 */
export function verifyTimestampedSignature(
  raw: Buffer,
  header: string,
  secrets: readonly string[],
  nowMs: number,
  maxSkewMs: number,
): TimestampedCheck {
  let t: string | undefined;
  const given: Buffer[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2) as [string, string | undefined];
    if (k === 't' && v !== undefined && /^\d{1,12}$/.test(v)) t = v;
    else if (k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/i.test(v))
      given.push(Buffer.from(v.toLowerCase(), 'hex'));
  }
  if (t === undefined || given.length === 0) return 'bad-signature';
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${t}.`).update(raw).digest();
    // No early exit: the time does not tell which secret or which v1 matched.
    for (const g of given) ok = timingSafeEqual(expected, g) || ok;
  }
  if (!ok) return 'bad-signature';
  return Math.abs(nowMs - Number(t) * 1000) <= maxSkewMs ? 'ok' : 'outside-window';
}

/**
 * Check `sha256=<hex>` against the HMAC-SHA256 of the raw body with any of the secrets, in
 * constant time.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 * import { verifyMetaSignature } from 'webcare/adapters/webhook';
 *
 * declare const req: IncomingMessage;
 * declare const rawBody: Buffer;
 * declare const appSecret: string;
 * const header = req.headers['x-hub-signature-256'];
 * const valid = typeof header === 'string' && verifyMetaSignature(rawBody, header, [appSecret]);
 * ```
 */
export function verifyMetaSignature(raw: Buffer, header: string, secrets: readonly string[]): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (m === null) return false;
  const given = Buffer.from((m[1] as string).toLowerCase(), 'hex');
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(raw).digest();
    // No early exit: every secret is tried, so timing does not tell which one matched.
    ok = timingSafeEqual(expected, given) || ok;
  }
  return ok;
}

/** Meta sends `time` in seconds for some objects and milliseconds for others. */
function epochMs(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return n < 1e12 ? n * 1000 : n;
}

interface Extracted {
  records: unknown[];
  ignored: number;
  stale: number;
}

/** Turn a Meta notification into mention records. */
function fromMeta(body: Json, now: number, maxAgeMs: number | undefined): Extracted {
  const platform = body.object === 'instagram' ? 'instagram' : 'facebook';
  const out: Extracted = { records: [], ignored: 0, stale: 0 };
  for (const entry of arr(body.entry)) {
    if (!isObj(entry)) continue;
    const entryTime = epochMs(entry.time);
    if (maxAgeMs !== undefined && entryTime !== undefined && now - entryTime > maxAgeMs) {
      out.stale += arr(entry.changes).length + arr(entry.messaging).length;
      continue;
    }
    for (const change of arr(entry.changes)) {
      const rec = isObj(change) ? fromChange(change, platform, entryTime) : undefined;
      if (rec === undefined) out.ignored += 1;
      else out.records.push(rec);
    }
    for (const msg of arr(entry.messaging)) {
      const rec = isObj(msg) ? fromMessaging(msg, platform) : undefined;
      if (rec === undefined) out.ignored += 1;
      else out.records.push(rec);
    }
  }
  return out;
}

function fromChange(change: Json, platform: string, entryTime: number | undefined): Json | undefined {
  const v = change.value;
  if (!isObj(v)) return undefined;
  const from = isObj(v.from) ? v.from : {};
  if (change.field === 'feed') {
    // Page feed: comments, posts and status updates by visitors; removals and reactions carry no text.
    const text = str(v.message);
    if (
      text === undefined ||
      v.verb === 'remove' ||
      !['comment', 'post', 'status', 'photo', 'video'].includes(String(v.item))
    ) {
      return undefined;
    }
    const rec: Json = {
      id: str(v.comment_id) ?? str(v.post_id),
      text,
      source: platform,
      author: { id: str(from.id), name: str(from.name) },
      createdAt: epochMs(v.created_time) ?? entryTime,
      isPublic: true,
      addressesBrand: true,
      raw: change,
    };
    if (v.item === 'comment') rec.inReplyTo = str(v.parent_id) ?? str(v.post_id);
    const photo = str(v.photo) ?? str(v.link);
    if (v.item === 'photo' || str(v.photo) !== undefined) rec.media = [{ type: 'image', url: photo }];
    return rec;
  }
  if (change.field === 'comments' || change.field === 'live_comments') {
    // Instagram comments on the brand's media.
    const text = str(v.text);
    if (text === undefined) return undefined;
    const media = isObj(v.media) ? v.media : {};
    return {
      id: str(v.id),
      text,
      source: platform,
      author: { id: str(from.id), handle: str(from.username) },
      createdAt: entryTime,
      inReplyTo: str(v.parent_id) ?? str(media.id),
      isPublic: true,
      addressesBrand: true,
      raw: change,
    };
  }
  return undefined;
}

function fromMessaging(msg: Json, platform: string): Json | undefined {
  const message = msg.message;
  if (!isObj(message) || message.is_echo === true) return undefined; // echoes are the brand's own replies
  const text = str(message.text);
  const media = arr(message.attachments)
    .filter(isObj)
    .map((a) => {
      const type = ['image', 'video', 'audio'].includes(String(a.type)) ? String(a.type) : 'other';
      const url = isObj(a.payload) ? str(a.payload.url) : undefined;
      return url === undefined ? { type } : { type, url };
    });
  if (text === undefined && media.length === 0) return undefined;
  const sender = isObj(msg.sender) ? msg.sender : {};
  const rec: Json = {
    id: str(message.mid),
    text: text ?? '',
    source: platform,
    author: { id: str(sender.id) },
    createdAt: epochMs(msg.timestamp),
    isPublic: false,
    addressesBrand: true,
    raw: msg,
  };
  if (media.length > 0) rec.media = media;
  return rec;
}

/** Strip undefined fields (normalizeMention accepts them, but they clutter `raw`-less output). */
function compact(rec: unknown): unknown {
  if (!isObj(rec)) return rec;
  const out: Json = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined) continue;
    out[k] = k !== 'raw' && isObj(v) ? compact(v) : v;
  }
  return out;
}

/** Move counts a sender could forge out of an unauthenticated mention. */
function distrust(m: Mention, body: unknown): Mention {
  const claimed: Json = {};
  if (m.author?.followers !== undefined) {
    claimed.followers = m.author.followers;
    const { followers: _f, ...author } = m.author;
    m.author = author;
  }
  if (m.author?.verified !== undefined) {
    claimed.verified = m.author.verified;
    const { verified: _v, ...author } = m.author;
    m.author = author;
  }
  if (m.metrics !== undefined) {
    claimed.metrics = m.metrics;
    delete m.metrics;
  }
  m.raw = { signed: false, claimed, payload: m.raw ?? body };
  return m;
}

function positive(v: unknown, field: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0)) {
    throw new WebcareError('INVALID_CONFIG', `Invalid config: ${field} must be a positive number`, {
      field,
      expected: 'a positive number',
      received: String(v),
    });
  }
  return v;
}

/**
 * A webhook receiver for Meta (Facebook Pages, Instagram, Messenger) and plain JSON mentions.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createMonitor } from 'webcare';
 * import webhook from 'webcare/adapters/webhook';
 *
 * const appSecret = process.env.META_APP_SECRET;
 * if (!appSecret) throw new Error('META_APP_SECRET is not set');
 * const hook = webhook({ appSecret, verifyToken: 'my-token' });
 * createServer(hook.handler).listen(8080);          // or: Deno.serve(hook.fetch)
 * const monitor = createMonitor({ sources: [hook] });
 * monitor.on('escalation', (a) => console.log(a.priority, a.mention.text));
 * await monitor.start();
 * ```
 */
export function webhook(options: WebhookOptions = {}): WebhookSource {
  const name = options.name ?? 'webhook';
  const secrets = options.appSecret === undefined ? [] : [options.appSecret].flat();
  if (secrets.some((s) => typeof s !== 'string' || s === '')) {
    throw new WebcareError(
      'INVALID_CONFIG',
      'Invalid config: appSecret must be a non-empty string or an array of them',
      {
        field: 'appSecret',
        expected: 'a non-empty string',
        received: 'something else',
      },
    );
  }
  const signing = options.signingSecret === undefined ? [] : [options.signingSecret].flat();
  if (signing.some((s) => typeof s !== 'string' || s === '')) {
    throw new WebcareError(
      'INVALID_CONFIG',
      'Invalid config: signingSecret must be a non-empty string or an array of them',
      {
        field: 'signingSecret',
        expected: 'a non-empty string',
        received: 'something else',
      },
    );
  }
  const signatureHeader = (options.signatureHeader ?? 'x-webhook-signature').toLowerCase();
  const maxSkewMs = positive(options.maxSkewMs, 'maxSkewMs', 5 * 60_000);
  // Signatures accepted within the window (value -> when it leaves the window): an exact replay
  // is acknowledged and not emitted twice. Bounded by the window and by maxQueued.
  const recent = new Map<string, number>();
  const maxBodyBytes = positive(options.maxBodyBytes, 'maxBodyBytes', 1024 * 1024);
  const maxQueued = positive(options.maxQueued, 'maxQueued', 10_000);
  const secretHeader = (options.secretHeader ?? 'x-webhook-secret').toLowerCase();
  const now = options.now ?? Date.now;
  const queue: SourceEvent[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const counters = { accepted: 0, mentions: 0, ignored: 0, rejected: 0 };

  function push(ev: SourceEvent): void {
    queue.push(ev);
    wake?.();
  }

  function reject(
    status: number,
    code: WebcareError['code'],
    message: string,
    headers: Record<string, string> = {},
  ): Reply {
    counters.rejected += 1;
    return reply(status, { error: code, message }, headers);
  }

  async function handle(req: Incoming): Promise<Reply> {
    if (req.method === 'GET') {
      const q = req.url.searchParams;
      const token = q.get('hub.verify_token') ?? '';
      const ok =
        q.get('hub.mode') === 'subscribe' && options.verifyToken !== undefined && safeEqual(token, options.verifyToken);
      return ok
        ? reply(200, q.get('hub.challenge') ?? '')
        : reject(403, 'BAD_SIGNATURE', 'verification token mismatch');
    }
    if (req.method !== 'POST') return reject(405, 'SOURCE_HTTP', 'use GET or POST', { allow: 'GET, POST' });
    if (closed) return reject(503, 'SOURCE_FAILED', 'receiver closed');
    const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
      return reject(415, 'UNSUPPORTED_MEDIA_TYPE', 'expected Content-Type: application/json');
    }
    const declared = Number(req.header('content-length'));
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return reject(413, 'PAYLOAD_TOO_LARGE', `body over ${maxBodyBytes} bytes`, { connection: 'close' });
    }
    const raw = await req.body(maxBodyBytes);
    if (raw === undefined)
      return reject(413, 'PAYLOAD_TOO_LARGE', `body over ${maxBodyBytes} bytes`, { connection: 'close' });

    // Authenticate before parsing: nothing from an unauthenticated body is emitted.
    const hub = req.header('x-hub-signature-256');
    const shared = req.header(secretHeader);
    if (hub !== undefined && secrets.length > 0 && !verifyMetaSignature(raw, hub, secrets)) {
      return reject(401, 'BAD_SIGNATURE', 'X-Hub-Signature-256 does not match the body');
    }
    if (shared !== undefined && options.sharedSecret !== undefined && !safeEqual(shared, options.sharedSecret)) {
      return reject(401, 'BAD_SIGNATURE', `${secretHeader} does not match`);
    }
    const stamped = req.header(signatureHeader);
    if (stamped !== undefined && signing.length > 0) {
      const at = now();
      const check = verifyTimestampedSignature(raw, stamped, signing, at, maxSkewMs);
      if (check === 'bad-signature') return reject(401, 'BAD_SIGNATURE', `${signatureHeader} does not match the body`);
      if (check === 'outside-window') {
        return reject(401, 'BAD_SIGNATURE', `${signatureHeader} timestamp is more than ${maxSkewMs} ms away (replay?)`);
      }
      for (const [k, until] of recent) if (until < at) recent.delete(k);
      if (recent.has(stamped)) {
        counters.ignored += 1;
        return reply(200, { received: 0, duplicate: true });
      }
    }
    const signed =
      (hub !== undefined && secrets.length > 0) ||
      (shared !== undefined && options.sharedSecret !== undefined) ||
      (stamped !== undefined && signing.length > 0);
    if (!signed && (secrets.length > 0 || options.sharedSecret !== undefined || signing.length > 0)) {
      return reject(401, 'BAD_SIGNATURE', 'missing signature');
    }
    if (queue.length >= maxQueued) {
      return reject(503, 'RATE_LIMITED', 'receiver is busy, retry later', { 'retry-after': '1' });
    }

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(400, 'INVALID_JSON', 'body is not valid JSON');
    }
    const isMeta = isObj(body) && (body.object === 'page' || body.object === 'instagram') && Array.isArray(body.entry);
    let records: unknown[];
    if (isMeta) {
      const ex = fromMeta(body as Json, now(), options.maxAgeMs);
      records = ex.records.map(compact);
      counters.ignored += ex.ignored;
      if (ex.stale > 0) {
        push({
          type: 'error',
          error: new WebcareError('SOURCE_FAILED', `${ex.stale} notification(s) older than maxAgeMs dropped (replay?)`),
        });
      }
    } else {
      records = Array.isArray(body) ? body : [body];
      // A plain sender gets told at once what is wrong with its mention.
      for (const [i, r] of records.entries()) {
        const res = safeNormalizeMention(r, { now: now() });
        if (!res.success) {
          const e = res.error;
          return reject(400, e.code, `mention${records.length > 1 ? `[${i}]` : ''}: ${e.message}`);
        }
      }
    }
    counters.accepted += 1;
    if (stamped !== undefined && signing.length > 0) {
      // Remembered only once accepted: a sender may resend the same bytes after a 400 or a 503.
      if (recent.size >= maxQueued) recent.delete(recent.keys().next().value as string);
      recent.set(stamped, now() + 2 * maxSkewMs);
    }
    for (const r of records) {
      const res = safeNormalizeMention(r, { now: now() });
      if (!res.success) {
        push({ type: 'error', error: res.error, record: r });
        continue;
      }
      let m = res.output;
      if (m.source === undefined) m.source = name;
      if (signed) m.raw = isMeta ? { signed: true, payload: m.raw } : { signed: true, payload: r };
      else if (options.trustUnsigned !== true) m = distrust(m, r);
      counters.mentions += 1;
      push({ type: 'mention', mention: m });
    }
    return reply(200, { received: records.length });
  }

  async function* stream({ signal }: StreamOptions): AsyncGenerator<SourceEvent> {
    while (!signal.aborted) {
      const ev = queue.shift();
      if (ev !== undefined) {
        yield ev;
        continue;
      }
      if (closed) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener('abort', done);
          wake = undefined;
          resolve();
        };
        wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  function handler(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      // A request target such as "//" or "//[" is no URL: thrown here, in node:http's request
      // listener, it would be an uncaught exception that ends the host's process.
      const r = reject(400, 'SOURCE_HTTP', 'malformed request target');
      res.writeHead(r.status, r.headers).end(r.body);
      req.resume();
      return;
    }
    const incoming: Incoming = {
      method: req.method ?? 'GET',
      url,
      header: (n) => {
        const v = req.headers[n];
        return Array.isArray(v) ? v.join(', ') : v;
      },
      body: (limit) =>
        new Promise((resolve, rejectBody) => {
          if (req.readableEnded) {
            // A body parser got here first. Frameworks that keep the raw bytes (`rawBody`) still work;
            // a parsed object cannot be verified, so it is refused rather than trusted.
            const raw = (req as IncomingMessage & { rawBody?: unknown }).rawBody;
            if (Buffer.isBuffer(raw)) resolve(raw.length > limit ? undefined : raw);
            else rejectBody(new Error('request body already consumed: mount the webhook before any body parser'));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          let over = false;
          req.on('data', (c: Buffer) => {
            if (over) return;
            size += c.length;
            if (size > limit) {
              over = true;
              chunks.length = 0;
              resolve(undefined);
              return;
            }
            chunks.push(c);
          });
          req.on('end', () => over || resolve(Buffer.concat(chunks)));
          req.on('error', rejectBody);
        }),
    };
    handle(incoming).then(
      (r) => {
        res.writeHead(r.status, r.headers).end(r.body);
        // Stop reading an oversized body: the reply is sent and the connection closes.
        if (r.status === 413) req.resume();
      },
      (e: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'SOURCE_HTTP', message: e instanceof Error ? e.message : 'request failed' }));
      },
    );
  }

  async function fetchHandler(request: Request): Promise<Response> {
    const incoming: Incoming = {
      method: request.method,
      url: new URL(request.url),
      header: (n) => request.headers.get(n) ?? undefined,
      body: async (limit) => {
        if (request.body === null) return Buffer.alloc(0);
        const reader = request.body.getReader();
        const chunks: Uint8Array[] = [];
        let size = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > limit) {
            await reader.cancel();
            return undefined;
          }
          chunks.push(value);
        }
        return Buffer.concat(chunks);
      },
    };
    const r = await handle(incoming);
    return new Response(r.body, { status: r.status, headers: r.headers });
  }

  return {
    name,
    stream,
    handler,
    fetch: fetchHandler,
    stats: () => ({ ...counters, queued: queue.length }),
    async close() {
      closed = true;
      wake?.();
    },
  };
}

export default webhook;
