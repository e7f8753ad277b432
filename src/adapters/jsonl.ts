/**
 * `webcare/adapters/jsonl`: JSON Lines from a file or a stream (stdin), one mention object or one
 * JSON string per line. A malformed line becomes an `error` event naming its line number and the
 * rest go on. The cursor is the byte offset after the line, so a restart skips what was read;
 * `follow: true` tails a growing file (like `tail -F`: a truncated file is read again from the start).
 * @module
 */
import { type FSWatcher, watch } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { WebcareError } from '../errors.js';
import { normalizeMention } from '../mention.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';

/**
 * Options of the jsonl adapter.
 *
 * @example
 * ```ts
 * import type { JsonlOptions } from 'webcare/adapters/jsonl';
 *
 * const options: JsonlOptions = { file: '/var/log/mentions.jsonl', follow: true, pollIntervalMs: 500 };
 * ```
 */
export interface JsonlOptions {
  /** A file to read. One of `file` and `input` is required. */
  file?: string;
  /** A stream to read (e.g. `process.stdin`), or a function opening a fresh one per connection. */
  input?: Readable | (() => Readable);
  /** Keep reading as the file grows. Default false. Only for `file`. */
  follow?: boolean;
  /** How often a followed file is checked when no change event arrives, in ms. Default 250. */
  pollIntervalMs?: number;
  /** Longer lines are reported and skipped, so one broken record cannot fill memory. Default 1 MiB. */
  maxLineBytes?: number;
  /** Source name (checkpoints, events). Default `'jsonl'`. */
  name?: string;
}

const NEWLINE = 0x0a;
const CHUNK = 64 * 1024;

function invalid(field: string, expected: string, received: string): WebcareError {
  return new WebcareError('INVALID_CONFIG', `Invalid config: ${field} must be ${expected}`, {
    field,
    expected,
    received,
  });
}

/** Splits bytes into lines, tracking the byte offset and line number of each. */
class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private skipping = false;
  constructor(
    public offset: number,
    public line: number,
    private readonly maxLineBytes: number,
    private readonly name: string,
  ) {}

  *push(chunk: Buffer): Generator<SourceEvent> {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) break;
      const part = chunk.subarray(start, nl);
      start = nl + 1;
      const bytes = this.carryBytes + part.length + 1;
      const wasSkipping = this.skipping;
      const tooLong = !wasSkipping && bytes - 1 > this.maxLineBytes;
      const text = wasSkipping || tooLong ? undefined : Buffer.concat([...this.carry, part]).toString('utf8');
      this.carry = [];
      this.carryBytes = 0;
      this.skipping = false;
      this.offset += bytes;
      this.line += 1;
      if (tooLong) yield this.tooLong(this.line);
      else if (text !== undefined) {
        const ev = this.parse(text);
        if (ev !== undefined) yield ev;
      }
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) return;
    if (this.skipping) {
      this.offset += rest.length;
      return;
    }
    this.carry.push(Buffer.from(rest)); // copy: the reader reuses its buffer
    this.carryBytes += rest.length;
    if (this.carryBytes > this.maxLineBytes) {
      // Skip the rest of this line; its number is counted when its newline comes.
      const line = this.line + 1;
      this.offset += this.carryBytes;
      this.carry = [];
      this.carryBytes = 0;
      this.skipping = true;
      yield this.tooLong(line);
    }
  }

  private tooLong(line: number): SourceEvent {
    const cause = new WebcareError('INVALID_MENTION', `longer than ${this.maxLineBytes} bytes`, {
      expected: `at most ${this.maxLineBytes} bytes`,
      received: 'a longer line',
    });
    return this.lineError(cause, line, undefined);
  }

  /** The last line when the input ends without a newline. */
  *end(): Generator<SourceEvent> {
    if (this.carryBytes === 0 || this.skipping) return;
    const text = Buffer.concat(this.carry).toString('utf8');
    this.offset += this.carryBytes;
    this.carry = [];
    this.carryBytes = 0;
    this.line += 1;
    const ev = this.parse(text);
    if (ev !== undefined) yield ev;
  }

  private parse(text: string): SourceEvent | undefined {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.trim() === '') return undefined;
    try {
      let record: unknown;
      try {
        // A byte order mark (the first line of a file saved as "UTF-8 with BOM") is not JSON.
        record = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
      } catch (e) {
        throw new WebcareError('INVALID_JSON', 'Malformed JSON line', {
          expected: 'a JSON object or string',
          received: `${line.length} characters that are not valid JSON`,
          cause: e,
        });
      }
      const mention = normalizeMention(record);
      if (mention.source === undefined) mention.source = this.name;
      // The line is the original payload, unless it carries its own (an export of platform data).
      if (mention.raw === undefined) mention.raw = record;
      return { type: 'mention', mention, cursor: String(this.offset) };
    } catch (e) {
      const error = e instanceof WebcareError ? e : new WebcareError('INVALID_MENTION', String(e), { cause: e });
      return this.lineError(error, this.line, line);
    }
  }

  private lineError(cause: WebcareError, line: number, record: string | undefined): SourceEvent {
    const error = new WebcareError(cause.code, `Line ${line} skipped: ${cause.message}`, {
      field: cause.field === undefined ? `line ${line}` : `line ${line}: ${cause.field}`,
      ...(cause.expected === undefined ? {} : { expected: cause.expected }),
      ...(cause.received === undefined ? {} : { received: cause.received }),
      cause,
    });
    const ev: SourceEvent = { type: 'error', error, record: { line, offset: this.offset } };
    if (record !== undefined) ev.record = { line, offset: this.offset, text: record };
    return ev;
  }
}

/** One chunk holds many lines: stop between them as soon as the signal aborts. */
function* untilAborted(events: Iterable<SourceEvent>, signal: AbortSignal): Generator<SourceEvent> {
  for (const ev of events) {
    if (signal.aborted) return;
    yield ev;
  }
}

/** Count newlines before `offset` so line numbers stay right after a resume. */
async function countLines(fh: FileHandle, offset: number): Promise<number> {
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  let lines = 0;
  while (pos < offset) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, offset - pos), pos);
    if (bytesRead === 0) break;
    for (let i = buf.indexOf(NEWLINE, 0); i !== -1 && i < bytesRead; i = buf.indexOf(NEWLINE, i + 1)) lines++;
    pos += bytesRead;
  }
  return lines;
}

/** Wait until the file changes, the poll interval passes, or the signal aborts. */
function waitForChange(watcher: { wake?: (() => void) | undefined }, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      watcher.wake = undefined;
      resolve();
    };
    const timer = setTimeout(done, ms);
    watcher.wake = done;
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A JSON Lines source over a file or a stream.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import jsonl from 'webcare/adapters/jsonl';
 *
 * const monitor = createMonitor({ sources: [jsonl({ file: 'mentions.jsonl', follow: true })] });
 * monitor.on('escalation', (a) => console.log(a.priority, a.mention.text));
 * monitor.on('error', (e) => console.warn(e.error.message)); // "Line 7 skipped: Malformed JSON line"
 * await monitor.start();
 * ```
 */
export function jsonl(options: JsonlOptions): Source {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'an object', typeof options);
  const { file, input, follow = false } = options;
  if ((file === undefined) === (input === undefined))
    throw invalid('file', 'given, or input given (exactly one)', 'both or neither');
  if (file !== undefined && (typeof file !== 'string' || file === '')) throw invalid('file', 'a path', typeof file);
  if (follow && file === undefined) throw invalid('follow', 'used with file (a stream cannot be followed)', 'input');
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const maxLineBytes = options.maxLineBytes ?? 1024 * 1024;
  if (!(pollIntervalMs >= 10)) throw invalid('pollIntervalMs', 'a number of ms >= 10', String(pollIntervalMs));
  if (!(maxLineBytes >= 1)) throw invalid('maxLineBytes', 'a positive number', String(maxLineBytes));
  const name = options.name ?? 'jsonl';
  let usedStream = false;

  function parseCursor(cursor: string | undefined): number {
    if (cursor === undefined) return 0;
    const n = Number(cursor);
    if (!Number.isSafeInteger(n) || n < 0) throw invalid('cursor', 'a byte offset', 'another string');
    return n;
  }

  async function* fromFile(path: string, { signal, cursor }: StreamOptions): AsyncGenerator<SourceEvent> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A missing file cannot appear by retrying unless we follow (the writer may create it).
      throw new WebcareError(follow ? 'SOURCE_FAILED' : 'INVALID_CONFIG', `Cannot open ${path}: ${code ?? String(e)}`, {
        cause: e,
      });
    }
    const wake: { wake?: (() => void) | undefined } = {};
    let watcher: FSWatcher | undefined;
    try {
      let offset = parseCursor(cursor);
      const splitter = new LineSplitter(offset, offset === 0 ? 0 : await countLines(fh, offset), maxLineBytes, name);
      const buf = Buffer.allocUnsafe(CHUNK);
      if (follow) {
        try {
          watcher = watch(path, { persistent: false }, () => wake.wake?.());
          watcher.on('error', () => undefined); // polling still works
        } catch {
          watcher = undefined; // some file systems cannot watch; the poll interval covers them
        }
      }
      while (!signal.aborted) {
        const { bytesRead } = await fh.read(buf, 0, CHUNK, offset);
        if (bytesRead > 0) {
          offset += bytesRead;
          yield* untilAborted(splitter.push(buf.subarray(0, bytesRead)), signal);
          continue;
        }
        if (!follow) {
          yield* untilAborted(splitter.end(), signal);
          return;
        }
        const { size } = await fh.stat();
        if (size < offset) {
          // Truncated or replaced in place (log rotation): start over, as `tail -F` does.
          offset = 0;
          splitter.offset = 0;
          splitter.line = 0;
          continue;
        }
        await waitForChange(wake, pollIntervalMs, signal);
      }
    } finally {
      watcher?.close();
      await fh.close();
    }
  }

  async function* fromStream(
    open: Readable | (() => Readable),
    { signal, cursor }: StreamOptions,
  ): AsyncGenerator<SourceEvent> {
    if (typeof open !== 'function') {
      // A plain stream can be read once; after it is gone there is nothing to reconnect to.
      if (usedStream) return;
      usedStream = true;
    }
    const readable = typeof open === 'function' ? open() : open;
    let skip = parseCursor(cursor);
    // Line numbers after a resume on a stream count from the resume point.
    const splitter = new LineSplitter(skip, 0, maxLineBytes, name);
    try {
      for await (const chunk of readable) {
        if (signal.aborted) return;
        let buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
        if (skip > 0) {
          const n = Math.min(skip, buf.length);
          skip -= n;
          buf = buf.subarray(n);
          if (buf.length === 0) continue;
        }
        yield* untilAborted(splitter.push(buf), signal);
      }
    } catch (e) {
      throw new WebcareError('SOURCE_FAILED', `Reading source "${name}" failed: ${(e as Error).message}`, { cause: e });
    }
    yield* untilAborted(splitter.end(), signal);
  }

  return {
    name,
    stream(opts: StreamOptions): AsyncIterable<SourceEvent> {
      return file !== undefined ? fromFile(file, opts) : fromStream(input as Readable | (() => Readable), opts);
    },
  };
}

export default jsonl;
