/**
 * Small helpers the platform adapters share to read untrusted JSON payloads and turn them into
 * validated mentions or error events. Internal: not a public entry point.
 * @module
 */
import { WebcareError } from '../errors.js';
import { safeNormalizeMention } from '../mention.js';
import type { SourceEvent } from '../source.js';
import type { Media, Mention } from '../types.js';

/**
 * A plain JSON object (a parsed JSON record whose fields are not checked yet).
 *
 * @example
 * ```ts
 * import { type Json, jetstreamToEvent } from 'webcare/adapters/bluesky';
 * declare const line: string; // one line of the Jetstream firehose
 * const event: Json = JSON.parse(line) as Json;
 * jetstreamToEvent(event, 'bluesky');
 * ```
 */
export type Json = Record<string, unknown>;

/** Whether `v` is a plain object (not null, not an array). */
export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string field, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A non-negative finite count, or undefined (platforms send null for hidden counts). */
export function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** The fields an adapter fills in; undefined ones are dropped before validation. */
export interface MentionDraft {
  text: unknown;
  id?: unknown;
  source: string;
  url?: string | undefined;
  createdAt?: unknown;
  author?:
    | {
        id?: string | undefined;
        handle?: string | undefined;
        name?: string | undefined;
        followers?: number | undefined;
        verified?: boolean | undefined;
      }
    | undefined;
  metrics?:
    | {
        reposts?: number | undefined;
        replies?: number | undefined;
        likes?: number | undefined;
        quotes?: number | undefined;
        views?: number | undefined;
      }
    | undefined;
  media?: Media[] | undefined;
  isPublic?: boolean | undefined;
  inReplyTo?: string | undefined;
  addressesBrand?: boolean | undefined;
  lang?: string | undefined;
  raw: unknown;
}

function compact<T extends object>(o: T): Partial<T> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = v;
    any = true;
  }
  return any ? (out as Partial<T>) : undefined;
}

/**
 * Validate a draft with the core's `normalizeMention`. Returns the mention, or an `error` event
 * carrying the raw record, so one bad record never stops a stream.
 */
export function toEvent(draft: MentionDraft, cursor?: string): SourceEvent {
  const input: Record<string, unknown> = { text: draft.text, source: draft.source, raw: draft.raw };
  for (const key of ['id', 'url', 'createdAt', 'media', 'isPublic', 'inReplyTo', 'addressesBrand', 'lang'] as const) {
    if (draft[key] !== undefined) input[key] = draft[key];
  }
  if (draft.author !== undefined) {
    const a = compact(draft.author);
    if (a !== undefined) input.author = a;
  }
  if (draft.metrics !== undefined) {
    const m = compact(draft.metrics);
    if (m !== undefined) input.metrics = m;
  }
  if (draft.id === undefined || draft.id === null || draft.id === '') {
    return {
      type: 'error',
      error: new WebcareError('INVALID_MENTION', `${draft.source}: record has no id`, {
        field: 'id',
        expected: 'a non-empty id',
        received: 'nothing',
      }),
      record: draft.raw,
    };
  }
  const r = safeNormalizeMention(input);
  if (!r.success) return { type: 'error', error: r.error, record: draft.raw };
  const mention: Mention = r.output;
  return cursor === undefined ? { type: 'mention', mention } : { type: 'mention', mention, cursor };
}

/** An `INVALID_JSON` error event for a record that did not parse. */
export function badJson(source: string, record: string, cause: unknown): SourceEvent {
  return {
    type: 'error',
    error: new WebcareError('INVALID_JSON', `${source}: malformed JSON record skipped`, {
      expected: 'a JSON object',
      received: `${record.length} characters that are not valid JSON`,
      cause,
    }),
    record,
  };
}

/** An `INVALID_MENTION` error event for a record of the wrong shape. */
export function badShape(source: string, record: unknown, field: string, expected: string): SourceEvent {
  return {
    type: 'error',
    error: new WebcareError('INVALID_MENTION', `${source}: record skipped, ${field} must be ${expected}`, {
      field,
      expected,
      received: record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record,
    }),
    record,
  };
}

/** Parse JSON, returning the value or the `INVALID_JSON` event. */
export function parseJson(
  source: string,
  text: string,
): { ok: true; value: unknown } | { ok: false; event: SourceEvent } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, event: badJson(source, text, e) };
  }
}

/**
 * A list option that may arrive as one string (from the CLI: `--terms KPN`) or a list.
 * Returns `undefined` for anything else, so the caller's validation reports it.
 */
export function asList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return v === undefined ? [] : undefined;
}
