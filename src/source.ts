/**
 * The one small interface every adapter implements: an async stream of mentions driven by an
 * `AbortSignal`, with optional acknowledgement and close. Adapters import only this and the core
 * types; the core never imports an adapter.
 * @module
 */
import type { WebcareError } from './errors.js';
import type { Mention } from './types.js';

/**
 * A mention read from a source.
 * @example
 * ```ts
 * import type { SourceMention } from 'webcare';
 * const event: SourceMention = {
 *   type: 'mention',
 *   mention: { text: 'Storing in Utrecht?', id: '42', source: 'rss' },
 *   cursor: '42',
 * };
 * ```
 */
export interface SourceMention {
  /** Discriminant: a mention. */
  type: 'mention';
  /** The mention, normalised, with the platform payload in `raw`. */
  mention: Mention;
  /**
   * Position after this record (status id, Jetstream time_us, Reddit fullname, stream entry id...).
   * Stored as a checkpoint; passing it back as `cursor` resumes after this record.
   */
  cursor?: string;
  /** Opaque token for {@link Source.ack} (e.g. a Redis stream entry id). */
  ackId?: string;
}

/**
 * A record the source could not turn into a mention. The stream goes on.
 * @example
 * ```ts
 * import { WebcareError, type SourceError } from 'webcare';
 * const event: SourceError = {
 *   type: 'error',
 *   error: new WebcareError('INVALID_MENTION', 'line 3: text must be a string'),
 *   record: '{"text": 42}',
 * };
 * ```
 */
export interface SourceError {
  /** Discriminant: a record that failed. */
  type: 'error';
  /** What was wrong with it (code `INVALID_MENTION` for a malformed record). */
  error: WebcareError;
  /** The offending record (raw payload or line), when there is one. */
  record?: unknown;
}

/**
 * What a source yields.
 * @example
 * ```ts
 * import type { SourceEvent } from 'webcare';
 * function describe(event: SourceEvent): string {
 *   return event.type === 'mention' ? event.mention.text : `skipped: ${event.error.message}`;
 * }
 * ```
 */
export type SourceEvent = SourceMention | SourceError;

/**
 * Options for {@link Source.stream}.
 * @example
 * ```ts
 * import type { Source, StreamOptions } from 'webcare';
 * declare const source: Source;
 * const options: StreamOptions = { signal: AbortSignal.timeout(60_000), cursor: '109876543210' };
 * for await (const event of source.stream(options)) console.log(event.type);
 * ```
 */
export interface StreamOptions {
  /** Stops the stream; the iterator returns after in-flight work. */
  signal: AbortSignal;
  /** Resume after this position (from a stored checkpoint). */
  cursor?: string;
}

/**
 * A source of mentions.
 *
 * @example
 * ```ts
 * import type { Source } from 'webcare';
 * const source: Source = {
 *   name: 'demo',
 *   async *stream({ signal }) {
 *     for (const text of ['Storing?', 'Top service!']) {
 *       if (signal.aborted) return;
 *       yield { type: 'mention', mention: { text, source: 'demo' } };
 *     }
 *   },
 * };
 * ```
 */
export interface Source {
  /** A stable name, used for checkpoints and in `error` events. */
  readonly name: string;
  /** Stream events until the signal aborts (live sources) or the input ends (finite ones). */
  stream(options: StreamOptions): AsyncIterable<SourceEvent>;
  /** Acknowledge a mention once it is assessed and written (sources with delivery guarantees). */
  ack?(event: SourceMention): Promise<void>;
  /** Release connections, timers and file handles. */
  close?(): Promise<void>;
}
