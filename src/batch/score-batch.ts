/**
 * Batch scoring for data teams: score an export of mentions (an array, a generator, a JSON Lines
 * file) as a stream. One record is pulled, scored and handed on at a time, so memory does not
 * grow with the input; bad records are counted and reported, never fatal.
 * @module
 */
import type { ScorerConfig } from '../config.js';
import { WebcareError, invalidConfig } from '../errors.js';
import { createScorer, scoreMention } from '../score.js';
import type { Assessment, MentionInput } from '../types.js';
import { isJsonlRecord } from './read-jsonl.js';

/**
 * Counts reported to `onProgress` and kept in {@link BatchRun.stats}.
 * @example
 * ```ts
 * import { readJsonl, scoreBatch, type BatchProgress } from 'webcare';
 * const report = (p: BatchProgress) => console.log(`${p.read} read, ${p.failed} failed, ${p.ratePerSecond}/s`);
 * await scoreBatch(readJsonl('mentions.jsonl'), { onProgress: report, progressEvery: 50_000 }).collect();
 * ```
 */
export interface BatchProgress {
  /** Records pulled from the input so far (scored + failed). */
  read: number;
  /** Records scored. */
  scored: number;
  /** Records skipped because they were invalid (see `onError`). */
  failed: number;
  /** Milliseconds since the first record was requested. */
  elapsedMs: number;
  /** Records read per second so far. */
  ratePerSecond: number;
  /** True in the last report, once the input is exhausted. */
  done: boolean;
}

/**
 * A record that could not be scored.
 * @example
 * ```ts
 * import { readJsonl, scoreBatch, type BatchError } from 'webcare';
 * const skipped: BatchError[] = [];
 * await scoreBatch(readJsonl('mentions.jsonl'), { onError: (e) => skipped.push(e) }).collect();
 * for (const e of skipped) console.warn(`line ${e.line}: ${e.error.message}`);
 * ```
 */
export interface BatchError {
  /** 0-based position of the record in the input. */
  index: number;
  /** 1-based line number when the record came from {@link readJsonl}. */
  line?: number;
  /** `INVALID_JSON` or `INVALID_MENTION` (with `field`, `expected`, `received`). */
  error: WebcareError;
}

/**
 * The scoring function `scoreBatch` calls per record.
 * @example
 * ```ts
 * import { createScorer, scoreBatch, type BatchScorer } from 'webcare';
 * const scorer: BatchScorer = createScorer({ brand: { names: ['KPN'], handles: ['kpn'] } });
 * const { assessments } = await scoreBatch(['Storing bij KPN?'], { scorer }).collect();
 * ```
 */
export type BatchScorer = (input: MentionInput) => Assessment;

/**
 * Options of {@link scoreBatch}.
 * @example
 * ```ts
 * import { readJsonl, scoreBatch, type ScoreBatchOptions } from 'webcare';
 * const options: ScoreBatchOptions = {
 *   config: { brand: { names: ['NS'], handles: ['ns_online'] } },
 *   chunkSize: 500,
 *   signal: AbortSignal.timeout(60_000),
 * };
 * for await (const a of scoreBatch(readJsonl('mentions.jsonl'), options)) console.log(a.priority);
 * ```
 */
export interface ScoreBatchOptions {
  /** A scorer from `createScorer`. Default: `scoreMention` with `config` (or the defaults). */
  scorer?: BatchScorer;
  /** Brand, policy and words for the default scorer. Not allowed together with `scorer`. */
  config?: ScorerConfig;
  /** Called every `progressEvery` records and once at the end (`done: true`). */
  onProgress?: (progress: BatchProgress) => void;
  /** How many records between progress reports. Default 10,000. */
  progressEvery?: number;
  /** Called for each invalid record; the record is skipped and the batch goes on. */
  onError?: (error: BatchError) => void;
  /**
   * Records scored between two turns of the event loop. Scoring is synchronous, so without this
   * a long batch over an in-memory array would starve timers, I/O and a notebook's UI. Default 1,000.
   */
  chunkSize?: number;
  /** Stops the batch after the current record; the iterator then returns. */
  signal?: AbortSignal;
  /** Most errors kept by `collect()` (all are counted and passed to `onError`). Default 1,000. */
  maxErrorsKept?: number;
}

/**
 * What `collect()` resolves to.
 * @example
 * ```ts
 * import { scoreBatch, type BatchResult } from 'webcare';
 * const result: BatchResult = await scoreBatch(['Weer vertraging!', { text: 42 }]).collect();
 * result.assessments.length; // 1
 * result.stats.failed; // 1: text must be a string
 * ```
 */
export interface BatchResult {
  /** One assessment per valid record, in input order. */
  assessments: Assessment[];
  /** The first `maxErrorsKept` errors; `stats.failed` has the full count. */
  errors: BatchError[];
  /** Final counts (`done: true`). */
  stats: BatchProgress;
}

/**
 * Anything `scoreBatch` reads: arrays, sets, generators, async generators, `readJsonl(...)`.
 * @example
 * ```ts
 * import { scoreBatch, type BatchInput } from 'webcare';
 * async function* fromApi(): AsyncGenerator<string> {
 *   yield 'Mijn bestelling is nooit aangekomen';
 *   yield 'Top service, dank jullie!';
 * }
 * const input: BatchInput = fromApi();
 * const { assessments } = await scoreBatch(input).collect();
 * ```
 */
export type BatchInput = Iterable<unknown> | AsyncIterable<unknown>;

/**
 * A running (or not yet started) batch: iterate it once, or `collect()` it.
 * @example
 * ```ts
 * import { readJsonl, scoreBatch, type BatchRun } from 'webcare';
 * const run: BatchRun = scoreBatch(readJsonl('mentions.jsonl'));
 * for await (const a of run) if (a.priority === 'P1') console.log(a.mention.text);
 * console.log(run.stats.scored, 'scored');
 * ```
 */
export interface BatchRun extends AsyncIterable<Assessment> {
  /** Live counts; final after iteration ends. */
  readonly stats: BatchProgress;
  /** Score everything into memory. Convenient for notebooks; for large inputs iterate instead. */
  collect(): Promise<BatchResult>;
}

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalidConfig(field, 'a positive integer', value);
  }
  return value;
}

function optionalFunction(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'function') throw invalidConfig(field, 'a function', value);
}

/** Let timers and I/O run. `setImmediate` exists on Node and Deno; `setTimeout` elsewhere. */
function nextTurn(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  return new Promise((resolve) => (g.setImmediate ? g.setImmediate(resolve) : setTimeout(resolve, 0)));
}

function toError(e: unknown): WebcareError {
  if (e instanceof WebcareError) return e;
  // Not a validation error: a bug in a custom scorer. Its message names the bug, not the text.
  const why = e instanceof Error ? `: ${e.message}` : '';
  return new WebcareError('INVALID_MENTION', `Could not score the record${why}`, { cause: e });
}

async function* iterate(input: BatchInput): AsyncGenerator<unknown> {
  // `for await` over a sync iterable would also work, but costs a promise per item for arrays.
  if (Symbol.asyncIterator in input) yield* input as AsyncIterable<unknown>;
  else yield* input as Iterable<unknown>;
}

/**
 * Score many mentions as a stream. Takes any (async) iterable of mention inputs (strings,
 * mention-like objects, or the records of {@link readJsonl}) and yields one `Assessment` per
 * valid record, in input order. Invalid records are skipped, counted, and passed to `onError`.
 * The input is pulled one record at a time, so memory stays flat however long it is.
 *
 * @example
 * ```ts
 * import { readJsonl, scoreBatch } from 'webcare';
 *
 * const run = scoreBatch(readJsonl('mentions.jsonl'), {
 *   config: { brand: { names: ['KPN'], handles: ['kpn'] } },
 *   onProgress: (p) => console.log(`${p.read} read, ${Math.round(p.ratePerSecond)}/s`),
 *   onError: (e) => console.warn(`line ${e.line}: ${e.error.message}`),
 * });
 * for await (const a of run) if (a.priority === 'P1') console.log(a.mention.text);
 * console.log(run.stats.scored, 'scored,', run.stats.failed, 'skipped');
 *
 * // Or, for a small export in a notebook:
 * const { assessments, errors } = await scoreBatch(['Storing!', { text: 'Top service' }]).collect();
 * ```
 */
export function scoreBatch(input: BatchInput, options: ScoreBatchOptions = {}): BatchRun {
  if (
    input === null ||
    typeof input !== 'object' ||
    !(Symbol.iterator in input || Symbol.asyncIterator in (input as object))
  ) {
    throw invalidConfig('input', 'an iterable or async iterable of mentions', input);
  }
  if (typeof options !== 'object' || options === null) throw invalidConfig('options', 'an object', options);
  optionalFunction(options.scorer, 'scorer');
  optionalFunction(options.onProgress, 'onProgress');
  optionalFunction(options.onError, 'onError');
  if (options.scorer !== undefined && options.config !== undefined) {
    throw invalidConfig('config', 'left out when a scorer is given (the scorer carries its own config)', 'both');
  }
  const progressEvery = positiveInt(options.progressEvery, 'progressEvery', 10_000);
  const chunkSize = positiveInt(options.chunkSize, 'chunkSize', 1_000);
  const maxErrorsKept = positiveInt(options.maxErrorsKept, 'maxErrorsKept', 1_000);
  // Resolving the config here makes a bad config throw now, not at the first record.
  const score: BatchScorer =
    options.scorer ?? (options.config === undefined ? (m) => scoreMention(m) : createScorer(options.config));
  const { onProgress, onError, signal } = options;

  const stats: BatchProgress = { read: 0, scored: 0, failed: 0, elapsedMs: 0, ratePerSecond: 0, done: false };
  let t0 = 0;
  let errorSink: ((e: BatchError) => void) | undefined;

  function tick(done: boolean): void {
    stats.elapsedMs = performance.now() - t0;
    stats.ratePerSecond = stats.elapsedMs > 0 ? (stats.read * 1000) / stats.elapsedMs : 0;
    stats.done = done;
    onProgress?.({ ...stats });
  }

  function fail(index: number, error: WebcareError, line: number | undefined): void {
    stats.failed++;
    const e: BatchError = line === undefined ? { index, error } : { index, line, error };
    errorSink?.(e);
    onError?.(e);
  }

  async function* run(): AsyncGenerator<Assessment> {
    t0 = performance.now();
    let sinceYield = 0;
    for await (const item of iterate(input)) {
      if (signal?.aborted) break;
      const index = stats.read++;
      let record: unknown = item;
      let line: number | undefined;
      let valid = true;
      if (isJsonlRecord(item)) {
        line = item.line;
        if (item.error !== undefined) {
          fail(index, item.error, line);
          valid = false;
        } else record = item.value;
      }
      if (valid) {
        let assessment: Assessment | undefined;
        try {
          // The scorer validates objects itself (INVALID_MENTION) and never throws on a string.
          assessment = score(record as MentionInput);
        } catch (e) {
          fail(index, toError(e), line);
        }
        if (assessment !== undefined) {
          stats.scored++;
          yield assessment;
        }
      }
      if (stats.read % progressEvery === 0) tick(false);
      if (++sinceYield >= chunkSize) {
        sinceYield = 0;
        await nextTurn();
      }
    }
    tick(true);
  }

  const iterable = run();
  return {
    stats,
    [Symbol.asyncIterator]: () => iterable,
    async collect(): Promise<BatchResult> {
      const assessments: Assessment[] = [];
      const errors: BatchError[] = [];
      errorSink = (e) => {
        if (errors.length < maxErrorsKept) errors.push(e);
      };
      for await (const a of iterable) assessments.push(a);
      return { assessments, errors, stats: { ...stats } };
    },
  };
}
