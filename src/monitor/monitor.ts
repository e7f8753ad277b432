/**
 * The monitor: sources in, assessments out. One pull loop per source reads events while there is
 * room in the buffer (backpressure), each mention goes through a per-source rate limit and a
 * shared concurrency queue (p-queue), is deduplicated, scored with the author's history, emitted
 * (eventemitter3, with async listeners awaited), checked for incidents, handed to `for await`
 * consumers, then acknowledged and checkpointed in source order. A source whose stream throws is
 * reconnected with backoff from the last cursor read, so nothing is lost or repeated.
 * @module
 */
import type { EventEmitter } from 'eventemitter3';
import PQueue from 'p-queue';
import { createScorer } from '../score.js';
import type { Source, SourceEvent, SourceMention, StreamOptions } from '../source.js';
import type { Assessment, Mention } from '../types.js';
import { extractIdentifiers } from '../classify/identifiers.js';
import { type Backoff, createBackoff, sleep } from './backoff.js';
import { Channel } from './channel.js';
import { CheckpointTracker, type Tracked } from './checkpoints.js';
import { dedupKeys } from './dedup.js';
import { AsyncEmitter } from './emitter.js';
import { IncidentDetector } from './incidents.js';
import { MemoryStore } from './memory-store.js';
import {
  type DropEvent,
  type MentionMeta,
  type MonitorError,
  type MonitorEvents,
  type MonitorOptions,
  type MonitorScorer,
  type ResolvedMonitorOptions,
  asWebcareError,
  resolveMonitorOptions,
} from './options.js';
import { type TextRedactor, redactAssessment, redactError, redactMention } from './redact.js';
import type { StateStore } from './store.js';

/** Codes after which reconnecting cannot help: the source is misconfigured. */
const FATAL_CODES = new Set(['INVALID_CONFIG', 'DEPENDENCY_MISSING']);

interface SourceState {
  source: Source;
  name: string;
  rateQueue: PQueue | undefined;
  checkpoint: CheckpointTracker;
  /** The cursor of the last event read: where a reconnect resumes. */
  lastRead: string | undefined;
}

/**
 * Counters of a running monitor.
 * @example
 * ```ts
 * import { createMonitor, type MonitorStats } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const twice = { id: '7', text: 'Storing in Amsterdam?' };
 * const monitor = createMonitor({ sources: [iterable([twice, twice])] });
 * await monitor.done();
 * const s: MonitorStats = monitor.stats();
 * console.log(s.read, s.assessed, s.dropped); // 2 1 1: the second has the same id
 * ```
 */
export interface MonitorStats {
  /** Mention events read from sources. */
  read: number;
  /** Mentions scored and emitted as `mention`. */
  assessed: number;
  /** Mentions dropped as duplicates or spam (each with a `drop` event). */
  dropped: number;
  /** `error` events raised. */
  errors: number;
  /** Times a source's stream was restarted after failing. */
  reconnects: number;
  /** Read and not yet handled right now. */
  buffered: number;
  /** The most that were ever buffered at once. */
  maxBufferedSeen: number;
}

/**
 * A running monitor. An `EventEmitter` of {@link MonitorEvents} and an async iterable of
 * assessments. Made by {@link createMonitor}.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const monitor = createMonitor({ sources: [iterable(['Storing?'])] });
 * monitor.on('mention', (a, meta) => console.log(meta.source, a.priority));
 * await monitor.done(); // starts, reads the finite source, drains
 * monitor.stats().assessed; // 1
 * ```
 */
export class Monitor extends AsyncEmitter<MonitorEvents> {
  private readonly options: ResolvedMonitorOptions;
  private readonly scorer: MonitorScorer;
  private readonly store: StateStore;
  private readonly queue: PQueue;
  private readonly backoff: Backoff;
  private readonly incidents: IncidentDetector | undefined;
  private readonly redactor: TextRedactor | boolean;
  private readonly sources: SourceState[];
  private readonly channels = new Set<Channel<Assessment>>();
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private autoStarted = false;
  private roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private readonly counters: MonitorStats = {
    read: 0,
    assessed: 0,
    dropped: 0,
    errors: 0,
    reconnects: 0,
    buffered: 0,
    maxBufferedSeen: 0,
  };

  constructor(options: MonitorOptions) {
    super();
    this.options = resolveMonitorOptions(options);
    this.scorer = options.scorer ?? createScorer(options.config ?? {});
    if (typeof this.scorer !== 'function') throw new TypeError('scorer must be a function');
    this.store = options.store ?? new MemoryStore();
    this.queue = new PQueue({ concurrency: this.options.concurrency });
    this.backoff = createBackoff(options.reconnect ?? {});
    this.incidents =
      options.incidents === false ? undefined : new IncidentDetector(this.store, options.incidents ?? {});
    this.redactor = options.redactPII ?? false;
    this.sources = options.sources.map((source) => {
      const rl = options.rateLimits?.[source.name];
      return {
        source,
        name: source.name,
        rateQueue: rl === undefined ? undefined : new PQueue({ interval: rl.interval, intervalCap: rl.intervalCap }),
        checkpoint: new CheckpointTracker(source.name, this.store, (e) =>
          this.fail({ source: source.name, phase: 'store', error: asWebcareError(e, 'STORE_FAILED') }),
        ),
        lastRead: undefined,
      };
    });
  }

  /** Counters, including how many mentions are buffered right now. */
  stats(): MonitorStats {
    return { ...this.counters };
  }

  /**
   * Start reading every source (from its stored checkpoint). Resolves once the loops run; use
   * `done()` or the `end` event to know when finite sources are exhausted.
   */
  async start(): Promise<void> {
    if (this.controller !== undefined) return;
    const controller = new AbortController();
    this.controller = controller;
    if (this.options.resume) {
      await Promise.all(
        this.sources.map(async (st) => {
          try {
            const c = await this.store.getCheckpoint(st.name);
            st.lastRead = c;
            st.checkpoint.resumeFrom(c);
          } catch (e) {
            this.fail({ source: st.name, phase: 'store', error: asWebcareError(e, 'STORE_FAILED') });
          }
        }),
      );
    }
    this.running = (async () => {
      await Promise.all(this.sources.map((st) => this.pull(st, controller.signal)));
      await this.drain();
      await this.finish();
    })();
  }

  /** Resolves when the monitor has ended: every finite source read and handled, or `stop()` done. */
  async done(): Promise<void> {
    if (this.running === undefined) await this.start();
    await this.running;
  }

  /**
   * Stop reading, finish every mention already read (listeners included), save the checkpoints
   * and close the sources. Safe to call twice, and from inside a `for await` loop over this
   * monitor (the loop then gets the assessments still queued for it, and ends).
   */
  stop(): Promise<void> {
    if (this.stopping !== undefined) return this.stopping;
    this.stopping = (async () => {
      if (this.controller === undefined) {
        this.controller = new AbortController();
        this.controller.abort();
        this.running = this.finish();
      } else {
        this.controller.abort();
      }
      // A `for await` body may be the one awaiting stop(): what it has not taken yet stays
      // queued for it, but no longer holds the drain.
      for (const c of this.channels) c.unblock();
      await this.running;
    })();
    return this.stopping;
  }

  /** Iterate over assessments as they come; starts the monitor when it is not running. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Assessment> {
    const channel = new Channel<Assessment>((c) => {
      this.channels.delete(c);
      if (this.autoStarted && this.channels.size === 0) void this.stop();
    });
    this.channels.add(channel);
    if (this.stopping !== undefined) channel.end();
    else if (this.controller === undefined) {
      this.autoStarted = true;
      void this.start();
    }
    return channel;
  }

  // -- reading ---------------------------------------------------------------------------------

  private async pull(st: SourceState, signal: AbortSignal): Promise<void> {
    let attempt = 0;
    // One abort listener per loop, raced against each read (an EventTarget listener per read
    // costs more than the rest of the loop).
    const aborted = abortPromise(signal);
    while (!signal.aborted) {
      let iterator: AsyncIterator<SourceEvent> | undefined;
      try {
        const opts: StreamOptions = { signal };
        if (st.lastRead !== undefined) opts.cursor = st.lastRead;
        iterator = st.source.stream(opts)[Symbol.asyncIterator]();
        for (;;) {
          const r = signal.aborted ? undefined : await Promise.race([iterator.next(), aborted]);
          if (r === undefined || r.done === true) break;
          attempt = 0;
          const ev = r.value;
          if (ev.type === 'error') {
            const error = asWebcareError(ev.error, 'INVALID_MENTION');
            this.fail({ source: st.name, phase: 'record', error, record: ev.record });
            continue;
          }
          if (ev.cursor !== undefined) st.lastRead = ev.cursor;
          this.counters.read += 1;
          // Already read: it is handled even when the monitor is stopping (drain), but no more
          // is read until there is room.
          await this.room();
          this.enqueue(st, ev);
        }
        if (signal.aborted) void iterator.return?.()?.catch(() => undefined);
        return;
      } catch (e) {
        if (signal.aborted) return;
        const error = asWebcareError(e);
        attempt += 1;
        const gaveUp = FATAL_CODES.has(error.code) || attempt >= this.backoff.maxAttempts;
        const retryInMs = gaveUp ? undefined : this.backoff.delay(attempt - 1, error.retryAfterMs);
        const event: MonitorError = { source: st.name, phase: 'connection', error, attempt };
        if (retryInMs !== undefined) event.retryInMs = retryInMs;
        if (gaveUp) event.gaveUp = true;
        this.fail(event);
        if (gaveUp || retryInMs === undefined) return;
        this.counters.reconnects += 1;
        await sleep(retryInMs, signal);
      }
    }
  }

  private room(): Promise<void> {
    if (this.counters.buffered < this.options.maxBuffered) return Promise.resolve();
    return new Promise<void>((resolve) => this.roomWaiters.push(resolve)).then(() => this.room());
  }

  private enqueue(st: SourceState, ev: SourceMention): void {
    const item = st.checkpoint.track(ev.cursor);
    this.counters.buffered += 1;
    if (this.counters.buffered > this.counters.maxBufferedSeen) this.counters.maxBufferedSeen = this.counters.buffered;
    const run = () => this.queue.add(() => this.process(st, ev));
    const task = st.rateQueue === undefined ? run() : st.rateQueue.add(run);
    task
      .catch((e: unknown) =>
        this.fail({ source: st.name, phase: 'score', error: asWebcareError(e), record: ev.mention }),
      )
      .finally(() => this.settle(st, item));
  }

  // -- handling one mention -------------------------------------------------------------------

  private async process(st: SourceState, ev: SourceMention): Promise<void> {
    const source = st.name;
    const mention = ev.mention.source === undefined ? { ...ev.mention, source } : ev.mention;
    const at = this.options.now();
    const dedup = this.options.dedup;
    if (dedup !== false) {
      const keys = dedupKeys(mention, source, dedup.nearDuplicate, dedup.minTokens);
      const dropped =
        keys.idKey !== undefined && !(await this.seen(st, keys.idKey, dedup.windowMs, mention))
          ? 'duplicate-id'
          : keys.textKey !== undefined && !(await this.seen(st, keys.textKey, dedup.windowMs, mention))
            ? 'near-duplicate'
            : undefined;
      if (dropped !== undefined) {
        this.drop({ source, reason: dropped, mention: this.redactor === false ? mention : this.redactText(mention) });
        await this.ack(st, ev);
        return;
      }
    }

    let priorContacts = 0;
    const author = mention.author?.id ?? mention.author?.handle?.replace(/^@/, '').toLowerCase();
    if (author !== undefined && author !== '') {
      try {
        const contacts = await this.store.recordContact(`${source}:${author}`, at, this.options.repeatWindowMs);
        priorContacts = Math.max(0, contacts - 1);
      } catch (e) {
        // Without the history the mention is still worth scoring: it goes on as a first contact.
        this.fail({ source, phase: 'store', error: asWebcareError(e, 'STORE_FAILED'), record: mention });
      }
    }

    let a: Assessment;
    try {
      a = this.scorer(mention, { priorContacts });
    } catch (e) {
      this.fail({ source, phase: 'score', error: asWebcareError(e, 'INVALID_MENTION'), record: ev.mention });
      return;
    }
    if (a.isSpam && this.options.dropSpam) {
      const shown = this.redact(a);
      this.drop({ source, reason: 'spam', mention: shown.mention, assessment: shown });
      await this.ack(st, ev);
      return;
    }
    a = this.redact(noteRepeat(noteUnverified(a), priorContacts, this.options.repeatWindowMs));
    const meta: MentionMeta = { source, priorContacts, receivedAt: at };
    if (ev.cursor !== undefined) meta.cursor = ev.cursor;
    this.counters.assessed += 1;
    let ok = await this.deliver('mention', source, a, a, meta);
    if (this.options.escalateAt.has(a.priority)) ok = (await this.deliver('escalation', source, a, a, meta)) && ok;
    if (this.incidents !== undefined) {
      try {
        const incident = await this.incidents.observe(a, source, at);
        if (incident !== undefined) ok = (await this.deliver('incident', source, incident, incident)) && ok;
      } catch (e) {
        ok = false;
        this.fail({ source, phase: 'store', error: asWebcareError(e, 'STORE_FAILED'), record: a.mention });
      }
    }
    if (this.channels.size > 0) await Promise.all([...this.channels].map((c) => c.push(a)));
    // A listener that failed has not written the result: leave it unacknowledged, so a source
    // with delivery guarantees (Redis Streams) hands it out again.
    if (ok) await this.ack(st, ev);
  }

  /** Mark a dedup key; a store failure lets the mention through (at least once beats never). */
  private async seen(st: SourceState, key: string, ttlMs: number, mention: Mention): Promise<boolean> {
    try {
      return await this.store.markSeen(key, ttlMs);
    } catch (e) {
      this.fail({ source: st.name, phase: 'store', error: asWebcareError(e, 'STORE_FAILED'), record: mention });
      return true;
    }
  }

  private redactText(m: Mention): Mention {
    return redactMention(
      m,
      extractIdentifiers(m.text),
      this.redactor === true ? undefined : (this.redactor as TextRedactor),
    );
  }

  private redact(a: Assessment): Assessment {
    if (this.redactor === false) return a;
    return redactAssessment(a, this.redactor === true ? undefined : this.redactor);
  }

  private drop(d: DropEvent): void {
    this.counters.dropped += 1;
    this.safeEmit('drop', d);
  }

  private async ack(st: SourceState, ev: SourceMention): Promise<void> {
    if (st.source.ack === undefined) return;
    try {
      await st.source.ack(ev);
    } catch (e) {
      this.fail({ source: st.name, phase: 'ack', error: asWebcareError(e), record: ev.mention });
    }
  }

  /** Dispatch to awaited listeners; each failure becomes an `error` event. False when one failed. */
  private async deliver<E extends 'mention' | 'escalation' | 'incident'>(
    event: E,
    source: string,
    record: unknown,
    ...args: EventEmitter.EventArgs<MonitorEvents, E>
  ): Promise<boolean> {
    const failures = await this.dispatch(event, ...args);
    for (const e of failures) this.fail({ source, phase: 'listener', error: asWebcareError(e), record });
    return failures.length === 0;
  }

  private fail(e: MonitorError): void {
    this.counters.errors += 1;
    if (this.redactor !== false) {
      // The record is the raw text, and a parser's error message or cause can quote it.
      if (e.record !== undefined) delete e.record;
      e.error = redactError(e.error, this.redactor === true ? undefined : this.redactor);
    }
    this.safeEmit('error', e);
  }

  // -- completion and checkpoints -------------------------------------------------------------

  private settle(st: SourceState, item: Tracked): void {
    st.checkpoint.settle(item);
    this.counters.buffered -= 1;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of waiters) w();
    if (this.counters.buffered === 0) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of idle) w();
    }
  }

  private drain(): Promise<void> {
    if (this.counters.buffered === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async finish(): Promise<void> {
    await Promise.all(this.sources.map((st) => st.checkpoint.flush()));
    for (const st of this.sources) {
      try {
        await st.source.close?.();
      } catch (e) {
        this.fail({ source: st.name, phase: 'close', error: asWebcareError(e) });
      }
    }
    for (const c of this.channels) c.end();
    this.stopping ??= Promise.resolve();
    this.safeEmit('end');
  }
}

/**
 * Receivers that could not authenticate a payload (the webhook without a secret) move the counts
 * a sender could forge into `raw.claimed` (`raw.signed: false`); say so in the reasons, so a
 * reader of the assessment knows its reach was estimated without them.
 */
function noteUnverified(a: Assessment): Assessment {
  const raw = a.mention.raw as { signed?: unknown; claimed?: Record<string, unknown> } | undefined;
  if (typeof raw !== 'object' || raw === null || raw.signed !== false || typeof raw.claimed !== 'object') return a;
  const claimed = Object.keys(raw.claimed ?? {});
  if (claimed.length === 0) return a;
  const reason = {
    code: 'unverified-source',
    message: `unsigned payload: claimed ${claimed.join(', ')} ignored for reach`,
    weight: 0,
    target: 'reach' as const,
  };
  return { ...a, reasons: [...a.reasons, reason] };
}

/**
 * Repeat contacts are for the CRM to link to the open case; the scorer may weigh them (it gets
 * `priorContacts`), and when it did not say so itself, the monitor records them as a reason.
 */
function noteRepeat(a: Assessment, priorContacts: number, windowMs: number): Assessment {
  if (priorContacts === 0 || a.reasons.some((r) => r.code.startsWith('repeat'))) return a;
  const days = Math.round(windowMs / 86_400_000);
  const span = days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${Math.round(windowMs / 60_000)} minutes`;
  const reason = {
    code: 'repeat-contact',
    message: `${priorContacts} earlier contact${priorContacts === 1 ? '' : 's'} by this author in ${span}`,
    weight: 0,
    target: 'priority' as const,
  };
  return { ...a, reasons: [...a.reasons, reason] };
}

/** A promise that resolves (to `undefined`) when the signal aborts; one per pull loop. */
function abortPromise(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

/**
 * Watch sources of mentions: score each as it arrives, drop duplicates and spam, raise
 * escalations and incidents, checkpoint per source so a restart resumes without loss.
 *
 * @example
 * ```ts
 * import { createMonitor, type Assessment } from 'webcare';
 * import jsonl from 'webcare/adapters/jsonl';
 * declare const crm: { createCase(a: Assessment): Promise<void> };
 * declare const pager: { alert(message: string): void };
 *
 * const monitor = createMonitor({
 *   sources: [jsonl({ file: 'mentions.jsonl', follow: true })],
 *   config: { brand: { names: ['KPN'], handles: ['kpn'] } },
 *   incidents: { windowMs: 10 * 60_000, threshold: 20 },
 * });
 * monitor.on('escalation', async (a) => crm.createCase(a)); // awaited before the checkpoint
 * monitor.on('incident', (i) => pager.alert(`${i.count} ${i.category} complaints`));
 * monitor.on('error', (e) => console.warn(e.source, e.phase, e.error.code));
 * await monitor.start();
 * // later: await monitor.stop();
 * ```
 */
export function createMonitor(options: MonitorOptions): Monitor {
  return new Monitor(options);
}
