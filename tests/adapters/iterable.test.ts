import { describe, expect, it } from 'vitest';
import { iterable } from '../../src/adapters/iterable.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { SourceEvent } from '../../src/source.js';

async function collect(it: AsyncIterable<SourceEvent>): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const ev of it) out.push(ev);
  return out;
}
const signal = () => new AbortController().signal;

describe('iterable adapter', () => {
  it('reads arrays of strings and objects, with the index as cursor and the record as raw', async () => {
    const obj = { id: 'x', text: 'twee', author: { followers: 3 } };
    const events = await collect(iterable(['een', obj]).stream({ signal: signal() }));
    expect(events).toEqual([
      { type: 'mention', mention: { text: 'een', source: 'iterable', raw: 'een' }, cursor: '0' },
      {
        type: 'mention',
        mention: { id: 'x', text: 'twee', author: { followers: 3 }, source: 'iterable', raw: obj },
        cursor: '1',
      },
    ]);
  });

  it('reports a bad record as an error event with the record, and goes on', async () => {
    const bad = { text: 'x', author: { followers: -5 } };
    const events = await collect(iterable({ input: ['a', bad, null, 'b'], name: 'mine' }).stream({ signal: signal() }));
    expect(events.map((e) => e.type)).toEqual(['mention', 'error', 'error', 'mention']);
    const err = events[1];
    expect(err?.type === 'error' && [err.error.code, err.error.field, err.record]).toEqual([
      'INVALID_MENTION',
      'author.followers',
      bad,
    ]);
    expect(events[3]).toMatchObject({ mention: { text: 'b', source: 'mine' }, cursor: '3' });
  });

  it('resumes after a cursor on a re-iterable input', async () => {
    const events = await collect(iterable(['a', 'b', 'c', 'd']).stream({ signal: signal(), cursor: '1' }));
    expect(events.map((e) => e.type === 'mention' && e.mention.text)).toEqual(['c', 'd']);
  });

  it('reads an async generator, and continues a one-shot generator on reconnect', async () => {
    async function* gen() {
      for (let i = 0; i < 6; i++) yield `m${i}`;
    }
    const src = iterable(gen());
    const controller = new AbortController();
    const first: SourceEvent[] = [];
    for await (const ev of src.stream({ signal: controller.signal })) {
      first.push(ev);
      if (first.length === 3) break; // the connection "drops"
    }
    const rest = await collect(src.stream({ signal: signal(), cursor: '2' }));
    // The adapter keeps the generator open across connections: nothing lost, nothing repeated.
    expect([...first, ...rest].map((e) => e.type === 'mention' && e.mention.text)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
    ]);
  });

  it('turns a throwing input into SOURCE_FAILED (the monitor reconnects)', async () => {
    let calls = 0;
    const flaky: AsyncIterable<string> = {
      [Symbol.asyncIterator]() {
        let i = 0;
        return {
          async next() {
            calls += 1;
            if (i === 2 && calls < 10) {
              i++;
              throw new Error('socket hang up');
            }
            return i < 5 ? { value: `r${i++}`, done: false } : { value: undefined, done: true };
          },
        };
      },
    };
    const monitor = createMonitor({ sources: [iterable(flaky)], reconnect: { baseMs: 1 }, dedup: false });
    const errors: string[] = [];
    const texts: string[] = [];
    monitor.on('error', (e) => errors.push(e.error.code));
    monitor.on('mention', (a) => {
      texts.push(a.mention.text);
    });
    await monitor.done();
    expect(errors).toEqual(['SOURCE_FAILED']);
    // The same iterator goes on after the failure: r2 was lost by the input itself, the rest once.
    expect(texts).toEqual(['r0', 'r1', 'r3', 'r4']);
  });

  it('rejects what is not iterable', () => {
    expect(() => iterable({ input: 42 as unknown as string[] })).toThrow(/input must be/);
  });
});
