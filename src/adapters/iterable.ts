/**
 * `webcare/adapters/iterable`: any array, Iterable or AsyncIterable of mention inputs (strings or
 * mention-like objects) as a source. Each record is validated; a bad one becomes an `error` event
 * and the rest go on. The cursor is the record's index, so a monitor that restarts from a stored
 * checkpoint skips what it has handled.
 * @module
 */
import { WebcareError } from '../errors.js';
import { safeNormalizeMention } from '../mention.js';
import type { Source, SourceEvent, StreamOptions } from '../source.js';

/** What the iterable adapter reads. */
export type IterableInput = Iterable<unknown> | AsyncIterable<unknown>;

/**
 * Options of the iterable adapter.
 *
 * @example
 * ```ts
 * import type { IterableOptions } from 'webcare/adapters/iterable';
 *
 * declare function rowsFromDatabase(): AsyncIterable<{ id: string; text: string }>;
 * const options: IterableOptions = { name: 'crm-export', input: rowsFromDatabase() };
 * ```
 */
export interface IterableOptions {
  /** The records: strings or mention-like objects. */
  input: IterableInput;
  /** Source name (checkpoints, events). Default `'iterable'`. */
  name?: string;
}

function isIterable(v: unknown): v is IterableInput {
  return (
    typeof v === 'object' &&
    v !== null &&
    (typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function' ||
      typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
  );
}

function open(input: IterableInput): AsyncIterator<unknown> | Iterator<unknown> {
  const asyncIt = (input as AsyncIterable<unknown>)[Symbol.asyncIterator];
  if (typeof asyncIt === 'function') return asyncIt.call(input);
  return (input as Iterable<unknown>)[Symbol.iterator]();
}

/**
 * A source over an array, Iterable or AsyncIterable.
 *
 * @example
 * ```ts
 * import { createMonitor } from 'webcare';
 * import iterable from 'webcare/adapters/iterable';
 *
 * const monitor = createMonitor({ sources: [iterable(['Storing in Utrecht?', { text: 'Top service!' }])] });
 * for await (const a of monitor) console.log(a.priority, a.mention.text);
 * ```
 */
export function iterable(options: IterableOptions | IterableInput): Source {
  const opts: IterableOptions =
    isIterable(options) && !('input' in options) ? { input: options } : (options as IterableOptions);
  if (!isIterable(opts.input)) {
    throw new WebcareError('INVALID_CONFIG', 'Invalid config: input must be an array, Iterable or AsyncIterable', {
      field: 'input',
      expected: 'an array, Iterable or AsyncIterable',
      received: typeof opts.input,
    });
  }
  const name = opts.name ?? 'iterable';
  const input = opts.input;
  // One-shot iterators (generators) cannot be restarted: keep the open one and its position, so a
  // reconnect from the cursor continues it instead of starting over.
  let current: { it: AsyncIterator<unknown> | Iterator<unknown>; next: number } | undefined;

  async function* stream({ signal, cursor }: StreamOptions): AsyncGenerator<SourceEvent> {
    const start = cursor === undefined ? 0 : Number.parseInt(cursor, 10) + 1;
    if (!Number.isFinite(start) || start < 0) {
      throw new WebcareError('INVALID_CONFIG', 'Invalid cursor for the iterable adapter', {
        field: 'cursor',
        expected: 'a record index',
        received: 'a string that is not an index',
      });
    }
    if (current === undefined || current.next > start) current = { it: open(input), next: 0 };
    const state = current;
    while (!signal.aborted) {
      let r: IteratorResult<unknown>;
      try {
        r = await state.it.next();
      } catch (e) {
        // An input that speaks our errors (RATE_LIMITED with retryAfterMs...) is passed through.
        if (e instanceof WebcareError) throw e;
        throw new WebcareError('SOURCE_FAILED', `The iterable behind source "${name}" threw`, { cause: e });
      }
      if (r.done === true) return;
      const index = state.next++;
      if (index < start) continue;
      const res = safeNormalizeMention(r.value);
      if (res.success) {
        const mention = res.output;
        if (mention.source === undefined) mention.source = name;
        // The record is the original payload, unless it carries its own.
        if (mention.raw === undefined) mention.raw = r.value;
        yield { type: 'mention', mention, cursor: String(index) };
      } else {
        yield { type: 'error', error: res.error, record: r.value };
      }
    }
  }

  return {
    name,
    stream,
    async close() {
      const it = current?.it;
      current = undefined;
      await it?.return?.();
    },
  };
}

export default iterable;
