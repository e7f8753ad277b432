/**
 * The options and events of `createMonitor`, validated once at construction: a typo fails loudly
 * with a `WebcareError` (`INVALID_CONFIG`) naming the field, what was expected and what was received.
 * @module
 */
import type { ScorerConfig } from '../config.js';
import { WebcareError, invalidConfig } from '../errors.js';
import type { Source } from '../source.js';
import type { Assessment, Mention, MentionInput, Priority } from '../types.js';
import type { BackoffOptions } from './backoff.js';
import type { DropReason } from './dedup.js';
import type { Incident, IncidentOptions } from './incidents.js';
import type { TextRedactor } from './redact.js';
import type { StateStore } from './store.js';

/**
 * What the monitor tells a scorer beyond the mention itself.
 * @example
 * ```ts
 * import { scoreMention, type MentionInput, type ScoreHints } from 'webcare';
 * // A third contact within the window is never left at P3.
 * const scorer = (input: MentionInput, hints?: ScoreHints) => {
 *   const a = scoreMention(input);
 *   return (hints?.priorContacts ?? 0) >= 2 && a.priority === 'P3' ? { ...a, priority: 'P2' as const } : a;
 * };
 * ```
 */
export interface ScoreHints {
  /** Earlier contacts by the same author within the monitor's `repeatWindowMs`. */
  priorContacts?: number;
}

/**
 * A scorer as the monitor calls it; a plain `createScorer(...)` result fits.
 * @example
 * ```ts
 * import { createMonitor, createScorer, type MonitorScorer } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const scorer: MonitorScorer = createScorer({ brand: { names: ['PostNL'], handles: ['postnl'] } });
 * const monitor = createMonitor({ sources: [iterable(['Waar blijft mijn pakket, @PostNL?'])], scorer });
 * ```
 */
export type MonitorScorer = (input: MentionInput, hints?: ScoreHints) => Assessment;

/**
 * Per-source rate limit, as in p-queue: at most `intervalCap` mentions per `interval` ms.
 * @example
 * ```ts
 * import { createMonitor, type RateLimit } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * const fiftyPerSecond: RateLimit = { interval: 1000, intervalCap: 50 };
 * createMonitor({ sources: [jsonl({ file: 'mentions.jsonl' })], rateLimits: { jsonl: fiftyPerSecond } });
 * ```
 */
export interface RateLimit {
  /** Length of the interval in ms. */
  interval: number;
  /** Most mentions handled per interval. */
  intervalCap: number;
}

/**
 * Duplicate detection options.
 * @example
 * ```ts
 * import { createMonitor, type DedupOptions } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const dedup: DedupOptions = { windowMs: 3600_000, nearDuplicate: true, minTokens: 8 };
 * createMonitor({ sources: [iterable(['Storing?'])], dedup });
 * ```
 */
export interface DedupOptions {
  /** How long an id or text fingerprint is remembered, in ms. Default 24 hours. */
  windowMs?: number;
  /** Also drop near-identical texts (retweets, copy-paste campaigns). Default true. */
  nearDuplicate?: boolean;
  /** Texts with fewer distinct words are never treated as copies. Default 6. */
  minTokens?: number;
}

/**
 * Options of {@link createMonitor}.
 *
 * @example
 * ```ts
 * import { createMonitor, type MonitorOptions } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * const options: MonitorOptions = {
 *   sources: [jsonl({ file: 'mentions.jsonl' })],
 *   config: { brand: { names: ['NS'] } },
 *   rateLimits: { jsonl: { interval: 1000, intervalCap: 100 } },
 *   dedup: { windowMs: 3600_000 },
 *   incidents: { windowMs: 600_000, threshold: 25 },
 * };
 * const monitor = createMonitor(options);
 * ```
 */
export interface MonitorOptions {
  /** Where mentions come from. Names must be unique: they key checkpoints. */
  sources: Source[];
  /** A scorer from `createScorer`; takes precedence over `config`. */
  scorer?: MonitorScorer;
  /** Scorer configuration, used when no `scorer` is given. */
  config?: ScorerConfig;
  /** Checkpoints, dedup keys, author history and incident windows. Default: a new `MemoryStore`. */
  store?: StateStore;
  /** Mentions processed at once (store calls and async listeners overlap). Default 16. */
  concurrency?: number;
  /** Per source name: at most `intervalCap` mentions every `interval` ms. */
  rateLimits?: Record<string, RateLimit>;
  /** Duplicate detection; `false` turns it off. */
  dedup?: DedupOptions | false;
  /** Burst detection; `false` turns it off. */
  incidents?: IncidentOptions | false;
  /** Priorities that raise an `escalation` event. Default `['P1', 'P2']`. */
  escalateAt?: Priority[];
  /** Most mentions read and not yet handled; reading pauses above it. Default 1,000. */
  maxBuffered?: number;
  /** Mask personal data in everything emitted; a function adds the host's own masking. */
  redactPII?: boolean | TextRedactor;
  /** Drop spam (with a `drop` event) instead of emitting it as a mention. Default true. */
  dropSpam?: boolean;
  /** Window of the per-author contact history, in ms. Default 7 days. */
  repeatWindowMs?: number;
  /** Reconnection backoff for sources whose stream throws. */
  reconnect?: BackoffOptions;
  /** Start from the stored checkpoints. Default true. */
  resume?: boolean;
  /** Clock for windows, in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Context of an assessed mention.
 * @example
 * ```ts
 * import { createMonitor, type Assessment, type MentionMeta } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const monitor = createMonitor({ sources: [iterable(['Al weer storing!'])] });
 * monitor.on('mention', (a: Assessment, meta: MentionMeta) => {
 *   if (meta.priorContacts > 0) console.log(`${meta.source}: contact ${meta.priorContacts + 1} from this author`);
 * });
 * ```
 */
export interface MentionMeta {
  /** The name of the source it came from. */
  source: string;
  /** The source's cursor after this mention, when it has one. */
  cursor?: string;
  /** Earlier contacts by this author within `repeatWindowMs`. */
  priorContacts: number;
  /** When the monitor took it, epoch ms. */
  receivedAt: number;
}

/**
 * Where a monitor error happened.
 * @example
 * ```ts
 * import { createMonitor, type MonitorErrorPhase } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const alarming = new Set<MonitorErrorPhase>(['connection', 'store']);
 * const monitor = createMonitor({ sources: [iterable(['Storing?'])] });
 * monitor.on('error', (e) => (alarming.has(e.phase) ? console.error(e.error) : console.debug(e.error.message)));
 * ```
 */
export type MonitorErrorPhase = 'record' | 'connection' | 'score' | 'listener' | 'store' | 'ack' | 'close';

/**
 * A failure inside a running monitor. Never fatal: the monitor goes on.
 * @example
 * ```ts
 * import { createMonitor, type MonitorError } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * const monitor = createMonitor({ sources: [jsonl({ file: 'mentions.jsonl' })] });
 * monitor.on('error', (e: MonitorError) => {
 *   if (e.gaveUp) console.error(`${e.source} is down for good: ${e.error.message}`);
 *   else if (e.phase === 'connection') console.warn(`${e.source}: retry ${e.attempt} in ${e.retryInMs} ms`);
 * });
 * ```
 */
export interface MonitorError {
  /** Name of the source involved. */
  source: string;
  /** Where it happened: reading a record, the connection, scoring, a listener, the store, ack, close. */
  phase: MonitorErrorPhase;
  /** What went wrong, with a `code`. */
  error: WebcareError;
  /** The offending record, when there is one. */
  record?: unknown;
  /** For `connection`: the failed attempt (1-based) and the wait before the next one. */
  attempt?: number;
  /** For `connection`: the wait before the next attempt, in ms. */
  retryInMs?: number;
  /** For `connection`: the monitor gave up on this source. */
  gaveUp?: boolean;
}

/**
 * A mention the monitor decided not to emit.
 * @example
 * ```ts
 * import { createMonitor, type DropEvent } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const monitor = createMonitor({ sources: [iterable(['Earn $500 a day with crypto, DM me now!!!'])] });
 * monitor.on('drop', (d: DropEvent) => console.log(d.source, d.reason, d.assessment?.intent)); // 'iterable' 'spam' 'spam'
 * ```
 */
export interface DropEvent {
  /** Name of the source it came from. */
  source: string;
  /** Why it was dropped. */
  reason: DropReason;
  /** The mention (redacted when `redactPII` is on). */
  mention: Mention;
  /** For `spam`: the assessment that found it. */
  assessment?: Assessment;
}

/**
 * The monitor's events. Listeners of `mention`, `escalation` and `incident` may return a promise:
 * the monitor waits for it before it checkpoints and acknowledges the mention, and stops reading
 * when too many are pending (backpressure).
 *
 * @example
 * ```ts
 * import { createMonitor, type Assessment } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * declare const crm: { open(a: Assessment, priorContacts: number): Promise<void> };
 * const monitor = createMonitor({ sources: [jsonl({ file: 'mentions.jsonl' })] });
 * monitor.on('escalation', async (a, meta) => { await crm.open(a, meta.priorContacts); });
 * monitor.on('drop', (d) => console.log(d.reason)); // 'duplicate-id' | 'near-duplicate' | 'spam'
 * monitor.on('error', (e) => console.warn(e.source, e.phase, e.error.code, e.retryInMs));
 * ```
 */
export interface MonitorEvents {
  /** Every assessed mention that was not dropped. */
  mention: (assessment: Assessment, meta: MentionMeta) => void | Promise<void>;
  /** A mention whose priority is in `escalateAt` (after its `mention` event). */
  escalation: (assessment: Assessment, meta: MentionMeta) => void | Promise<void>;
  /** A burst of complaints in one category. */
  incident: (incident: Incident) => void | Promise<void>;
  /** A failure inside the monitor; it goes on. */
  error: (error: MonitorError) => void;
  /** A duplicate or spam mention that was not emitted. */
  drop: (drop: DropEvent) => void;
  /** Every source ended (finite sources) or `stop()` finished; nothing is in flight. */
  end: () => void;
}

/** Validated options with defaults. */
export interface ResolvedMonitorOptions {
  concurrency: number;
  maxBuffered: number;
  escalateAt: Set<Priority>;
  dedup: { windowMs: number; nearDuplicate: boolean; minTokens: number } | false;
  dropSpam: boolean;
  repeatWindowMs: number;
  resume: boolean;
  now: () => number;
}

function positiveInt(v: unknown, field: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw invalidConfig(field, 'a positive integer', v);
  return v;
}

function positiveNumber(v: unknown, field: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0)) throw invalidConfig(field, 'a positive number', v);
  return v;
}

/** Validate everything but the scorer, the store and the incident options. */
export function resolveMonitorOptions(o: MonitorOptions): ResolvedMonitorOptions {
  if (typeof o !== 'object' || o === null) throw invalidConfig('options', 'an object', o);
  if (!Array.isArray(o.sources)) throw invalidConfig('sources', 'an array of sources', o.sources);
  const names = new Set<string>();
  o.sources.forEach((s, i) => {
    if (typeof s !== 'object' || s === null || typeof s.stream !== 'function') {
      throw invalidConfig(`sources[${i}]`, 'a Source with a name and a stream() method', s);
    }
    if (typeof s.name !== 'string' || s.name === '')
      throw invalidConfig(`sources[${i}].name`, 'a non-empty string', s.name);
    if (names.has(s.name)) {
      throw new WebcareError(
        'INVALID_CONFIG',
        `Invalid config: two sources are named "${s.name}"; names key checkpoints and must be unique`,
        {
          field: `sources[${i}].name`,
          expected: 'a unique name',
          received: 'a duplicate name',
        },
      );
    }
    names.add(s.name);
  });
  for (const [name, rl] of Object.entries(o.rateLimits ?? {})) {
    positiveNumber(rl?.interval, `rateLimits.${name}.interval`, 1);
    positiveInt(rl?.intervalCap, `rateLimits.${name}.intervalCap`, 1);
  }
  const escalateAt = o.escalateAt ?? ['P1', 'P2'];
  if (!Array.isArray(escalateAt) || escalateAt.some((p) => !['P1', 'P2', 'P3', 'P4'].includes(p))) {
    throw invalidConfig('escalateAt', 'an array of P1, P2, P3, P4', escalateAt);
  }
  let dedup: ResolvedMonitorOptions['dedup'] = false;
  if (o.dedup !== false) {
    const d = o.dedup ?? {};
    if (typeof d !== 'object' || d === null) throw invalidConfig('dedup', 'an object or false', d);
    dedup = {
      windowMs: positiveNumber(d.windowMs, 'dedup.windowMs', 24 * 3600_000),
      nearDuplicate: d.nearDuplicate ?? true,
      minTokens: positiveInt(d.minTokens, 'dedup.minTokens', 6),
    };
  }
  const now = o.now ?? Date.now;
  if (typeof now !== 'function') throw invalidConfig('now', 'a function returning epoch ms', now);
  if (o.redactPII !== undefined && typeof o.redactPII !== 'boolean' && typeof o.redactPII !== 'function') {
    throw invalidConfig('redactPII', 'a boolean or a function (text) => text', o.redactPII);
  }
  return {
    concurrency: positiveInt(o.concurrency, 'concurrency', 16),
    maxBuffered: positiveInt(o.maxBuffered, 'maxBuffered', 1000),
    escalateAt: new Set(escalateAt),
    dedup,
    dropSpam: o.dropSpam ?? true,
    repeatWindowMs: positiveNumber(o.repeatWindowMs, 'repeatWindowMs', 7 * 24 * 3600_000),
    resume: o.resume ?? true,
    now,
  };
}

/** Any thrown value as a `WebcareError` (code `SOURCE_FAILED` unless it already is one). */
export function asWebcareError(e: unknown, code: WebcareError['code'] = 'SOURCE_FAILED'): WebcareError {
  if (e instanceof WebcareError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new WebcareError(code, message, { cause: e });
}
