/**
 * The dashboard's default feed: the `jsonl` adapter through `createMonitor`, so the page gets
 * what a production host gets: duplicates (reposts, copy-paste campaigns) and spam dropped,
 * repeat contacts by the same author passed to the scorer.
 *
 * The monitor's own incident detection is turned off here. It counts complaints by arrival time,
 * which is right for a live source but not for a file replayed faster than it was written (every
 * replay would look like a burst). The board's detector counts by `createdAt` instead.
 * @module
 */
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import jsonl from '../adapters/jsonl.js';
import type { WebcareError } from '../errors.js';
import { createMonitor } from '../monitor/monitor.js';
import type { Scorer } from '../score.js';
import type { Source, SourceEvent } from '../source.js';
import type { Board } from './dashboard-state.js';

/**
 * Wrap a source so it yields at most `rate` mentions per second (0 = unpaced). Pacing is against
 * the start time, so time spent elsewhere does not add drift.
 *
 * @example
 * ```ts
 * const slow = pacedSource(jsonl({ file: 'feed.jsonl' }), 20);
 * ```
 */
export function pacedSource(inner: Source, rate: number): Source {
  if (rate <= 0) return inner;
  const interval = 1000 / rate;
  const paced: Source = {
    name: inner.name,
    async *stream(options) {
      const start = Date.now();
      let n = 0;
      for await (const ev of inner.stream(options) as AsyncIterable<SourceEvent>) {
        if (ev.type === 'mention') {
          const wait = start + n * interval - Date.now();
          n += 1;
          if (wait > 0) {
            try {
              await sleep(wait, undefined, { signal: options.signal });
            } catch {
              return;
            }
          }
        }
        yield ev;
      }
    },
  };
  if (inner.close !== undefined) paced.close = () => (inner.close as () => Promise<void>)();
  return paced;
}

/** Options of {@link runMonitorFeed}. */
export interface MonitorFeedOptions {
  /** A file path, or a stream such as stdin. */
  input: { file: string; follow?: boolean } | { stream: Readable };
  score: Scorer;
  board: Board;
  /** Mentions per second; 0 = as fast as possible. */
  rate: number;
  signal: AbortSignal;
  /** A line that could not be read or scored. */
  onSkip?: (error: WebcareError) => void;
}

/** What the monitor dropped, by reason. */
export type DropCounts = Record<string, number>;

/**
 * Read mentions through the monitor into the board until the input ends or the signal aborts.
 * Resolves with the drop counts.
 *
 * @example
 * ```ts
 * await runMonitorFeed({ input: { file: 'feed.jsonl' }, score: createScorer(), board, rate: 20, signal });
 * ```
 */
export async function runMonitorFeed(options: MonitorFeedOptions): Promise<DropCounts> {
  const { board, signal } = options;
  const source =
    'file' in options.input
      ? jsonl({ file: options.input.file, follow: options.input.follow === true })
      : jsonl({ input: options.input.stream });
  const monitor = createMonitor({
    sources: [pacedSource(source, options.rate)],
    scorer: options.score,
    incidents: false,
    resume: false,
  });
  let read = 0;
  let skipped = 0;
  const drops: DropCounts = {};
  let lastStatus = 0;
  const status = (force = false): void => {
    const now = Date.now();
    // Status goes to every client; a few per second is plenty.
    if (!force && now - lastStatus < 250) return;
    lastStatus = now;
    const dropped = Object.entries(drops).map(([k, v]) => `${v} ${k}`);
    board.setStatus({
      state: 'streaming',
      read,
      skipped,
      ...(dropped.length > 0 ? { message: `dropped ${dropped.join(', ')}` } : {}),
    });
  };
  monitor.on('mention', (a) => {
    read += 1;
    board.add(a);
    status();
  });
  monitor.on('drop', (d) => {
    read += 1;
    drops[d.reason] = (drops[d.reason] ?? 0) + 1;
    status();
  });
  monitor.on('error', (e) => {
    if (e.phase === 'record' || e.phase === 'score') {
      read += 1;
      skipped += 1;
    }
    options.onSkip?.(e.error);
    status();
  });
  status(true);
  const onAbort = (): void => void monitor.stop();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await monitor.done();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const dropped = Object.entries(drops).map(([k, v]) => `${v} ${k}`);
  board.setStatus({
    state: 'finished',
    read,
    skipped,
    ...(dropped.length > 0 ? { message: `dropped ${dropped.join(', ')}` } : {}),
  });
  return drops;
}
