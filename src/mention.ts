/**
 * Validation of untrusted mention records into the `Mention` type.
 * @module
 */
import { WebcareError, invalidField } from './errors.js';
import type { Author, Media, Mention, MentionInput, Metrics } from './types.js';

/**
 * No platform has more people than this; larger counts are corrupt records.
 * @example
 * ```ts
 * import { MAX_COUNT, safeNormalizeMention } from 'webcare';
 * const r = safeNormalizeMention({ text: 'hoi', author: { followers: MAX_COUNT * 2 } });
 * r.success; // false: author.followers must be a finite number from 0 to 10000000000
 * ```
 */
export const MAX_COUNT = 1e10;
/** Clock skew we tolerate before a `createdAt` in the future is rejected. */
export const MAX_FUTURE_SKEW_MS = 24 * 3600 * 1000;

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'link', 'other']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// The helpers take the value, not the object and a key: each call site reads its field by name
// (a monomorphic named load on records of one shape) instead of a keyed load shared by all.
function optString(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw invalidField(path, 'a string', v);
}

function optBool(v: unknown, path: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  throw invalidField(path, 'a boolean', v);
}

function optCount(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_COUNT) {
    throw invalidField(path, `a finite number from 0 to ${MAX_COUNT}`, v);
  }
  return Math.floor(v);
}

// Two ASCII digits at `i` as a number, or -1.
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Epoch ms of the common `YYYY-MM-DDTHH:MM:SSZ` form (what every platform API sends), read
 * without the general date parser, or NaN for anything else (the caller then parses it). Only
 * fields in range are taken: the parser reads them the same way (a day up to 31 rolls over into
 * the next month in both), and everything else is left to it.
 */
function isoUtcSeconds(s: string): number {
  if (s.length !== 20) return Number.NaN;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 90
  ) {
    return Number.NaN;
  }
  const c = twoDigits(s, 0);
  const y = twoDigits(s, 2);
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  const se = twoDigits(s, 17);
  if (
    c < 10 ||
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > 31 ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    se < 0 ||
    se > 59
  ) {
    return Number.NaN;
  }
  return daysFromCivil(c * 100 + y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + se * 1000;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; a day past the month's end
 * rolls over, as in `Date.UTC`), in integer arithmetic (H. Hinnant's days_from_civil): the
 * same figure as `Date.UTC`, which is a runtime call costing more than all the rest of the
 * parse.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function toDate(v: unknown, path: string, now: number | undefined): Date | undefined {
  if (v === undefined || v === null) return undefined;
  let d: Date;
  if (v instanceof Date) d = new Date(v.getTime());
  else if (typeof v === 'number') d = new Date(v);
  else if (typeof v === 'string') {
    const fast = isoUtcSeconds(v);
    d = new Date(Number.isNaN(fast) ? v : fast);
  } else throw invalidField(path, 'an ISO 8601 date string, epoch milliseconds or a Date', v);
  const t = d.getTime();
  if (Number.isNaN(t)) throw invalidField(path, 'a valid date', v);
  if (t > (now ?? Date.now()) + MAX_FUTURE_SKEW_MS) throw invalidField(path, 'a date not in the future', v);
  return d;
}

function normalizeAuthor(v: unknown): Author | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw invalidField('author', 'an object', v);
  const a: Author = {};
  const id = optString(v.id, 'author.id');
  const handle = optString(v.handle, 'author.handle');
  const name = optString(v.name, 'author.name');
  const followers = optCount(v.followers, 'author.followers');
  const verified = optBool(v.verified, 'author.verified');
  if (id !== undefined) a.id = id;
  if (handle !== undefined) a.handle = handle;
  if (name !== undefined) a.name = name;
  if (followers !== undefined) a.followers = followers;
  if (verified !== undefined) a.verified = verified;
  return a;
}

function normalizeMetrics(v: unknown): Metrics | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw invalidField('metrics', 'an object', v);
  const m: Metrics = {};
  // Written out: a loop over the keys built the field path strings on every call.
  const reposts = optCount(v.reposts, 'metrics.reposts');
  if (reposts !== undefined) m.reposts = reposts;
  const replies = optCount(v.replies, 'metrics.replies');
  if (replies !== undefined) m.replies = replies;
  const likes = optCount(v.likes, 'metrics.likes');
  if (likes !== undefined) m.likes = likes;
  const quotes = optCount(v.quotes, 'metrics.quotes');
  if (quotes !== undefined) m.quotes = quotes;
  const views = optCount(v.views, 'metrics.views');
  if (views !== undefined) m.views = views;
  return m;
}

function normalizeMedia(v: unknown): Media[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidField('media', 'an array', v);
  // An index loop, not map(): map skips the holes of a sparse array and returns them as holes,
  // which the scorer then read as media items (a TypeError deep in reach and pillory risk).
  const out: Media[] = [];
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (!isRecord(item)) throw invalidField(`media[${i}]`, 'an object with a type', item);
    const type = item.type;
    if (typeof type !== 'string' || !MEDIA_TYPES.has(type)) {
      throw invalidField(`media[${i}].type`, 'one of image, video, audio, link, other', type);
    }
    const m: Media = { type: type as Media['type'] };
    // The field path is only needed for an error: built then, not for every item.
    const raw = item.url;
    const url = raw === undefined || raw === null || typeof raw === 'string' ? raw : optString(raw, `media[${i}].url`);
    if (url !== undefined && url !== null) m.url = url;
    out.push(m);
  }
  return out;
}

/**
 * Options for {@link normalizeMention}.
 * @example
 * ```ts
 * import { safeNormalizeMention, type NormalizeOptions } from 'webcare';
 * const options: NormalizeOptions = { now: Date.parse('2026-01-01T00:00:00Z') };
 * safeNormalizeMention({ text: 'ok', createdAt: '2030-01-01' }, options).success; // false: in the future
 * ```
 */
export interface NormalizeOptions {
  /** The current time in epoch ms, for the future-date check. Defaults to `Date.now()`. */
  now?: number;
}

/**
 * Validate an untrusted record (a string or a mention-like object) into a `Mention`.
 * Throws a `WebcareError` with code `INVALID_MENTION` naming the field, what was expected and
 * what was received.
 *
 * @example
 * ```ts
 * import { normalizeMention } from 'webcare';
 * const m = normalizeMention({ text: 'Waar blijft mijn pakket?', author: { followers: 12 } });
 * m.author?.followers; // 12
 * normalizeMention('just a string').text; // 'just a string'
 * ```
 *
 * A record that cannot even be read (a getter that throws, a revoked Proxy) is `INVALID_MENTION`
 * too, with what it threw as `cause`.
 */
export function normalizeMention(input: MentionInput | unknown, options: NormalizeOptions = {}): Mention {
  if (typeof input === 'string') return { text: input };
  try {
    return readMention(input, options);
  } catch (e) {
    if (e instanceof WebcareError) throw e;
    // Reading the record itself failed: a getter that throws, a revoked Proxy.
    throw new WebcareError('INVALID_MENTION', `Invalid mention: reading it failed (${errorName(e)})`, {
      field: 'mention',
      expected: 'an object whose fields can be read',
      received: `an object that threw ${errorName(e)} when read`,
      cause: e,
    });
  }
}

/** The name of what a host's code threw, without its message (which may carry private data). */
function errorName(e: unknown): string {
  try {
    if (e instanceof Error && typeof e.name === 'string') return e.name.slice(0, 40);
  } catch {
    // What was thrown is hostile too (a revoked Proxy, a throwing getter).
  }
  return typeof e;
}

function readMention(input: unknown, options: NormalizeOptions): Mention {
  if (!isRecord(input)) throw invalidField('mention', 'a string or an object with a text field', input);
  const text = input.text;
  if (typeof text !== 'string') throw invalidField('text', 'a string', text);
  // The clock is read only when there is a date to check.
  const now = options.now;
  const m: Mention = { text };
  const id = optString(input.id, 'id');
  const source = optString(input.source, 'source');
  const url = optString(input.url, 'url');
  const createdAt = toDate(input.createdAt, 'createdAt', now);
  const author = normalizeAuthor(input.author);
  const metrics = normalizeMetrics(input.metrics);
  const media = normalizeMedia(input.media);
  const isPublic = optBool(input.isPublic, 'isPublic');
  const inReplyTo = optString(input.inReplyTo, 'inReplyTo');
  const addressesBrand = optBool(input.addressesBrand, 'addressesBrand');
  const lang = optString(input.lang, 'lang');
  if (id !== undefined) m.id = id;
  if (source !== undefined) m.source = source;
  if (url !== undefined) m.url = url;
  if (createdAt !== undefined) m.createdAt = createdAt;
  if (author !== undefined) m.author = author;
  if (metrics !== undefined) m.metrics = metrics;
  if (media !== undefined) m.media = media;
  if (isPublic !== undefined) m.isPublic = isPublic;
  if (inReplyTo !== undefined) m.inReplyTo = inReplyTo;
  if (addressesBrand !== undefined) m.addressesBrand = addressesBrand;
  if (lang !== undefined) m.lang = lang;
  if (input.raw !== undefined) m.raw = input.raw;
  return m;
}

/**
 * The result of {@link safeNormalizeMention}: the value, or the error it would have thrown.
 * @example
 * ```ts
 * import { safeNormalizeMention, type Mention, type SafeResult } from 'webcare';
 * const r: SafeResult<Mention> = safeNormalizeMention({ text: 'Waar blijft mijn pakket?' });
 * if (r.success) console.log(r.output.text);
 * else console.warn(r.error.code, r.error.field);
 * ```
 */
export type SafeResult<T> =
  | {
      /** The input was valid. */
      success: true;
      /** The validated value. */
      output: T;
    }
  | {
      /** The input was invalid. */
      success: false;
      /** Why, with `code`, `field`, `expected` and `received`. */
      error: WebcareError;
    };

/**
 * Like {@link normalizeMention} but returns a result instead of throwing.
 *
 * @example
 * ```ts
 * import { safeNormalizeMention } from 'webcare';
 * const r = safeNormalizeMention({ text: 42 });
 * if (!r.success) console.log(r.error.field); // 'text'
 * ```
 */
export function safeNormalizeMention(input: unknown, options: NormalizeOptions = {}): SafeResult<Mention> {
  try {
    return { success: true, output: normalizeMention(input, options) };
  } catch (e) {
    if (e instanceof WebcareError) return { success: false, error: e };
    return {
      success: false,
      error: new WebcareError('INVALID_MENTION', 'Invalid mention', { cause: e }),
    };
  }
}

/**
 * Parse one line of JSON Lines into a mention: a JSON string or a JSON object. Throws
 * `INVALID_JSON` for malformed JSON and `INVALID_MENTION` for a record of the wrong shape.
 *
 * @example
 * ```ts
 * import { parseMentionLine } from 'webcare';
 * parseMentionLine('{"text":"Storing in Utrecht?"}').text; // 'Storing in Utrecht?'
 * ```
 */
export function parseMentionLine(line: string, options: NormalizeOptions = {}): Mention {
  let value: unknown;
  try {
    // A byte order mark (the first line of a file saved as "UTF-8 with BOM") is not JSON.
    value = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch (e) {
    throw new WebcareError('INVALID_JSON', 'Malformed JSON line', {
      expected: 'a JSON object or string',
      received: `${line.length} characters that are not valid JSON`,
      cause: e,
    });
  }
  return normalizeMention(value, options);
}
