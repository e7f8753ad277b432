import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Assessment,
  type BatchError,
  type BatchProgress,
  WebcareError,
  createScorer,
  readJsonl,
  scoreBatch,
  scoreMention,
} from '../../src/index.js';

const feed = join(__dirname, '..', 'fixtures', 'batch', 'feed.jsonl');

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('scoreBatch', () => {
  it('scores strings and mention objects in input order, with the same result as scoreMention', async () => {
    const inputs = ['Al 3 dagen storing, niemand neemt op', { text: 'Great service, thanks!', source: 'x' }];
    const out = await all(scoreBatch(inputs));
    expect(out.map((a) => a.mention.text)).toEqual([inputs[0], 'Great service, thanks!']);
    expect(out[0]?.priority).toBe(scoreMention(inputs[0] as string).priority);
    expect(out[1]?.mention.source).toBe('x');
  });

  it('skips invalid records, counts them and reports index, field and code; never throws', async () => {
    const errors: BatchError[] = [];
    const run = scoreBatch([{ text: 'ok' }, { text: 42 }, null, { text: 'hi', author: { followers: -1 } }, 'fine'], {
      onError: (e) => errors.push(e),
    });
    const out = await all(run);
    expect(out.map((a) => a.mention.text)).toEqual(['ok', 'fine']);
    expect(errors.map((e) => [e.index, e.error.code, e.error.field])).toEqual([
      [1, 'INVALID_MENTION', 'text'],
      [2, 'INVALID_MENTION', 'mention'],
      [3, 'INVALID_MENTION', 'author.followers'],
    ]);
    expect(run.stats).toMatchObject({ read: 5, scored: 2, failed: 3, done: true });
  });

  it('reads a JSON Lines file through readJsonl and reports bad lines by line number', async () => {
    const errors: BatchError[] = [];
    const { assessments, stats } = await scoreBatch(readJsonl(feed), { onError: (e) => errors.push(e) }).collect();
    expect(errors.map((e) => [e.line, e.error.code])).toEqual([
      [6, 'INVALID_JSON'],
      [10, 'INVALID_MENTION'],
    ]);
    // 28 lines: one blank, two bad.
    expect(stats).toMatchObject({ read: 27, scored: 25, failed: 2 });
    expect(assessments).toHaveLength(25);
    expect(assessments[0]?.mention.createdAt).toBeInstanceOf(Date);
  });

  it('reports progress every N records with counts and a rate, and once more when done', async () => {
    const reports: BatchProgress[] = [];
    const inputs = Array.from({ length: 23 }, (_, i) => (i === 7 ? { text: 1 } : `bericht ${i}`));
    await all(scoreBatch(inputs, { progressEvery: 10, onProgress: (p) => reports.push(p) }));
    expect(reports.map((r) => [r.read, r.scored, r.failed, r.done])).toEqual([
      [10, 9, 1, false],
      [20, 19, 1, false],
      [23, 22, 1, true],
    ]);
    for (const r of reports) {
      expect(r.ratePerSecond).toBeGreaterThan(0);
      expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('pulls the input lazily: an endless generator is read only as far as the consumer goes', async () => {
    let pulled = 0;
    function* endless() {
      for (;;) {
        pulled++;
        yield `storing nummer ${pulled}`;
      }
    }
    let seen = 0;
    for await (const _ of scoreBatch(endless(), { chunkSize: 3 })) if (++seen === 10) break;
    expect(seen).toBe(10);
    expect(pulled).toBeLessThanOrEqual(11);
  });

  it('yields to the event loop every chunkSize records, so timers run during a long in-memory batch', async () => {
    const inputs = Array.from({ length: 3000 }, (_, i) => `tekst ${i}`);
    const run = scoreBatch(inputs, { chunkSize: 500 });
    let readWhenTimerRan = -1;
    setTimeout(() => {
      readWhenTimerRan = run.stats.read;
    }, 0);
    await all(run);
    expect(readWhenTimerRan).toBeGreaterThan(0);
    expect(readWhenTimerRan).toBeLessThan(3000);
  });

  it('uses a given scorer or a config, not both', async () => {
    const scorer = createScorer({ brand: { names: ['Acme'], handles: ['acme'] } });
    const [a] = await all(scoreBatch(['@acme storing'], { scorer }));
    expect(a?.mention.text).toBe('@acme storing');
    expect(() => scoreBatch([], { scorer, config: {} })).toThrow(WebcareError);
    expect(() => scoreBatch([], { config: { brand: { names: [42 as unknown as string] } } })).toThrow(/brand/);
  });

  it('turns a throwing custom scorer into a counted error, not a crash', async () => {
    const errors: BatchError[] = [];
    const scorer = (m: unknown): Assessment => {
      if (typeof m === 'string' && m.includes('boom')) throw new Error('scorer bug');
      return scoreMention(m as string);
    };
    const run = scoreBatch(['a', 'boom', 'b'], { scorer, onError: (e) => errors.push(e) });
    expect((await all(run)).length).toBe(2);
    expect(errors[0]?.error).toBeInstanceOf(WebcareError);
    expect(errors[0]?.index).toBe(1);
  });

  it('collect() keeps at most maxErrorsKept errors but counts them all', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => (i % 2 ? { text: null } : 'ok'));
    const r = await scoreBatch(inputs, { maxErrorsKept: 3 }).collect();
    expect(r.errors).toHaveLength(3);
    expect(r.stats.failed).toBe(25);
    expect(r.assessments).toHaveLength(25);
  });

  it('stops when the signal aborts', async () => {
    const ac = new AbortController();
    const run = scoreBatch(
      Array.from({ length: 100 }, () => 'x'),
      { onProgress: (p) => p.read >= 10 && ac.abort(), progressEvery: 10, signal: ac.signal },
    );
    const out = await all(run);
    expect(out.length).toBe(10);
  });

  it('accepts async iterables', async () => {
    async function* gen() {
      yield 'een';
      await new Promise((r) => setTimeout(r, 1));
      yield { text: 'twee' };
    }
    expect((await all(scoreBatch(gen()))).map((a) => a.mention.text)).toEqual(['een', 'twee']);
  });

  it('validates its options with the field, what was expected and what was received', () => {
    expect(() => scoreBatch(42 as unknown as string[])).toThrow(/input/);
    for (const [options, field] of [
      [{ progressEvery: 0 }, 'progressEvery'],
      [{ chunkSize: 1.5 }, 'chunkSize'],
      [{ onError: 'log' }, 'onError'],
      [{ scorer: {} }, 'scorer'],
    ] as const) {
      try {
        scoreBatch([], options as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(WebcareError);
        expect((e as WebcareError).code).toBe('INVALID_CONFIG');
        expect((e as WebcareError).field).toBe(field);
      }
    }
  });
});
