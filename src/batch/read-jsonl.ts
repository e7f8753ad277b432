/**
 * Streaming JSON Lines reader for batch work, on Node and Deno alike: a file path (read through
 * `node:fs`, which Deno also provides), or any byte stream (`process.stdin`,
 * `Deno.stdin.readable`, a `fetch` body). Lines are parsed one at a time; a malformed line becomes
 * an error record with its line number instead of stopping the read.
 * @module
 */
import { WebcareError, invalidConfig } from '../errors.js';

/** Brand that lets `scoreBatch` tell reader records from mention objects, across module copies. */
const RECORD = Symbol.for('webcare.jsonlRecord');

/**
 * One line of a JSON Lines input: the parsed value, or why it could not be parsed.
 * @example
 * ```ts
 * import { readJsonl, type JsonlRecord } from 'webcare';
 * for await (const r of readJsonl('mentions.jsonl')) {
 *   const record: JsonlRecord = r;
 *   if (record.error) console.warn(`line ${record.line}: ${record.error.code}`);
 * }
 * ```
 */
export interface JsonlRecord {
  /** 1-based line number. */
  readonly line: number;
  /** The parsed JSON value (absent when `error` is set). */
  readonly value?: unknown;
  /** `INVALID_JSON` for malformed JSON, `INVALID_MENTION` for an over-long line. */
  readonly error?: WebcareError;
}

/**
 * Options of {@link readJsonl}.
 * @example
 * ```ts
 * import { readJsonl, type ReadJsonlOptions } from 'webcare';
 * const options: ReadJsonlOptions = { maxLineLength: 64 * 1024, signal: AbortSignal.timeout(10_000) };
 * for await (const r of readJsonl('mentions.jsonl', options)) console.log(r.line);
 * ```
 */
export interface ReadJsonlOptions {
  /** Longer lines are reported and skipped, so one broken record cannot fill memory. Default 1 MiB (in characters). */
  maxLineLength?: number;
  /** Stop reading; the iterator returns at the next chunk. */
  signal?: AbortSignal;
}

/**
 * What {@link readJsonl} reads: a file path or URL, or a stream of bytes or text.
 * @example
 * ```ts
 * import { readJsonl, type JsonlInput } from 'webcare';
 * const fromStdin: JsonlInput = process.stdin; // or a path, a URL, a fetch() body
 * for await (const r of readJsonl(fromStdin)) console.log(r.value);
 * ```
 */
export type JsonlInput = string | URL | AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/**
 * Is this a record from {@link readJsonl}?
 *
 * @example
 * ```ts
 * import { isJsonlRecord, readJsonl } from 'webcare';
 * for await (const r of readJsonl('mentions.jsonl')) if (isJsonlRecord(r) && r.error) console.warn(r.line);
 * ```
 */
export function isJsonlRecord(value: unknown): value is JsonlRecord {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RECORD] === true;
}

function record(line: number, fields: { value: unknown } | { error: WebcareError }): JsonlRecord {
  return { [RECORD]: true, line, ...fields } as unknown as JsonlRecord;
}

function parseLine(text: string, line: number): JsonlRecord | undefined {
  const body = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (body.trim() === '') return undefined;
  try {
    return record(line, { value: JSON.parse(body) });
  } catch (e) {
    return record(line, {
      error: new WebcareError('INVALID_JSON', `Line ${line} skipped: malformed JSON`, {
        field: `line ${line}`,
        expected: 'a JSON object or string',
        received: `${body.length} characters that are not valid JSON`,
        cause: e,
      }),
    });
  }
}

async function* fileChunks(path: string | URL, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  // Loaded lazily so importing webcare never touches the file system module.
  const { open } = await import('node:fs/promises');
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new WebcareError('SOURCE_FAILED', `Cannot open ${String(path)}: ${code ?? String(e)}`, { cause: e });
  }
  try {
    const buf = new Uint8Array(256 * 1024);
    for (;;) {
      if (signal?.aborted) return;
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      // The buffer is reused by the next read; the decoder consumes this view before that.
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

async function* streamChunks(
  stream: AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array | string> {
  if (Symbol.asyncIterator in stream) {
    yield* stream as AsyncIterable<Uint8Array | string>;
    return;
  }
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Read JSON Lines as a stream of records, one per non-empty line, without loading the input:
 * memory holds one chunk and one line at a time. Works on Node and Deno (Deno needs
 * `--allow-read` for a path). Feed the result to {@link scoreBatch}, which scores valid records
 * and reports bad lines with their line numbers.
 *
 * @example
 * ```ts
 * import { readJsonl, scoreBatch } from 'webcare';
 *
 * for await (const r of readJsonl('export.jsonl')) {
 *   if (r.error) console.warn(r.error.message); // "Line 7 skipped: malformed JSON"
 *   else console.log(r.line, r.value);
 * }
 * // Deno, from standard input:
 * // for await (const a of scoreBatch(readJsonl(Deno.stdin.readable))) console.log(a.priority);
 * ```
 */
export function readJsonl(input: JsonlInput, options: ReadJsonlOptions = {}): AsyncGenerator<JsonlRecord> {
  // Validated here, not on the first `next()`, so a wrong call fails where it is made.
  const maxLineLength = options.maxLineLength ?? 1024 * 1024;
  if (typeof maxLineLength !== 'number' || !Number.isInteger(maxLineLength) || maxLineLength < 1) {
    throw invalidConfig('maxLineLength', 'a positive integer', maxLineLength);
  }
  const { signal } = options;
  let chunks: AsyncIterable<Uint8Array | string>;
  if (typeof input === 'string' || input instanceof URL) {
    if (input === '') throw invalidConfig('input', 'a file path or a stream', input);
    chunks = fileChunks(input, signal);
  } else if (
    typeof input === 'object' &&
    input !== null &&
    (Symbol.asyncIterator in input || typeof (input as ReadableStream).getReader === 'function')
  ) {
    chunks = streamChunks(input);
  } else {
    throw invalidConfig('input', 'a file path, a URL or a stream', input);
  }
  return lines(chunks, maxLineLength, signal);
}

async function* lines(
  chunks: AsyncIterable<Uint8Array | string>,
  maxLineLength: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<JsonlRecord> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let skipping = false;
  let line = 0;
  for await (const chunk of chunks) {
    if (signal?.aborted) return;
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    carry = '';
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      if (skipping) skipping = false;
      else {
        const r = parseLine(text.slice(start, nl), line);
        if (r !== undefined) yield r;
      }
      start = nl + 1;
    }
    if (skipping) continue;
    carry = text.slice(start);
    if (carry.length > maxLineLength) {
      // Drop the rest of this line as it arrives; its number is counted at its newline.
      carry = '';
      skipping = true;
      yield record(line + 1, {
        error: new WebcareError(
          'INVALID_MENTION',
          `Line ${line + 1} skipped: longer than ${maxLineLength} characters`,
          {
            field: `line ${line + 1}`,
            expected: `at most ${maxLineLength} characters`,
            received: 'a longer line',
          },
        ),
      });
    }
  }
  carry += decoder.decode();
  if (!skipping && carry !== '') {
    const r = parseLine(carry, line + 1);
    if (r !== undefined) yield r;
  }
}
