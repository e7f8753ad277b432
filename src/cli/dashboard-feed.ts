/**
 * The dashboard's feed: lines of JSON Lines from a file (optionally followed as it grows, like
 * `tail -f`) or a stream, paced at a rate so a replayed file looks live, scored into the board.
 * @module
 */
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { WebcareError } from '../errors.js';
import { parseMentionLine } from '../mention.js';
import type { Scorer } from '../score.js';
import type { Board } from './dashboard-state.js';

const CHUNK = 64 * 1024;

async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * Read a file line by line. With `follow`, wait at the end for more (and start over when the
 * file is truncated, as log rotation does) until the signal aborts.
 *
 * @example
 * ```ts
 * for await (const line of fileLines('feed.jsonl', { signal: AbortSignal.timeout(5000) })) console.log(line);
 * ```
 */
export async function* fileLines(
  path: string,
  options: { signal: AbortSignal; follow?: boolean; pollMs?: number },
): AsyncGenerator<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let decoder = new StringDecoder('utf8');
    let pos = 0;
    let rest = '';
    while (!options.signal.aborted) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) {
        if (options.follow !== true) break;
        const { size } = await fh.stat();
        if (size < pos) {
          pos = 0;
          rest = '';
          decoder = new StringDecoder('utf8');
          continue;
        }
        if (!(await pause(options.pollMs ?? 250, options.signal))) break;
        continue;
      }
      pos += bytesRead;
      const parts = (rest + decoder.write(buf.subarray(0, bytesRead))).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) yield p.endsWith('\r') ? p.slice(0, -1) : p;
    }
    // A last line without a newline is complete only when the file is not being followed.
    rest += decoder.end();
    if (options.follow !== true && rest !== '' && !options.signal.aborted) yield rest;
  } finally {
    await fh.close();
  }
}

/**
 * Lines of a stream (stdin).
 *
 * @example
 * ```ts
 * for await (const line of streamLines(process.stdin)) console.log(line);
 * ```
 */
export function streamLines(input: Readable): AsyncIterable<string> {
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/** Options of {@link runFeed}. */
export interface FeedOptions {
  lines: AsyncIterable<string>;
  score: Scorer;
  board: Board;
  /** Mentions per second; 0 = as fast as possible. */
  rate: number;
  signal: AbortSignal;
  /** Called for each line that could not be scored (1-based line number). */
  onSkip?: (lineNo: number, error: WebcareError) => void;
}

/**
 * Score every line into the board at the given rate. Resolves when the lines end or the signal
 * aborts; a malformed line is skipped and reported, never fatal.
 *
 * @example
 * ```ts
 * await runFeed({ lines: fileLines('feed.jsonl', { signal }), score: createScorer(), board, rate: 20, signal });
 * ```
 */
export async function runFeed(options: FeedOptions): Promise<void> {
  const { board, score, rate, signal } = options;
  const interval = rate > 0 ? 1000 / rate : 0;
  let lineNo = 0;
  let read = 0;
  let skipped = 0;
  let lastStatus = 0;
  const start = Date.now();
  const status = (state: 'streaming' | 'finished', force = false): void => {
    const now = Date.now();
    // Status goes to every client; a few per second is plenty.
    if (!force && now - lastStatus < 250) return;
    lastStatus = now;
    board.setStatus({ state, read, skipped });
  };
  status('streaming', true);
  for await (const line of options.lines) {
    if (signal.aborted) break;
    lineNo += 1;
    if (line.trim() === '') continue;
    if (interval > 0) {
      // Pace against the start time, not the previous line, so scoring time does not add drift.
      const due = start + read * interval;
      const wait = due - Date.now();
      if (wait > 0 && !(await pause(wait, signal))) break;
    } else if (read % 256 === 0) {
      // As fast as possible, but the server must still answer requests in between.
      await yieldToLoop();
    }
    read += 1;
    try {
      board.add(score(parseMentionLine(line)));
    } catch (e) {
      skipped += 1;
      const err =
        e instanceof WebcareError ? e : new WebcareError('INVALID_MENTION', 'Could not score the line', { cause: e });
      options.onSkip?.(lineNo, err);
    }
    status('streaming');
  }
  board.setStatus({ state: 'finished', read, skipped });
}
