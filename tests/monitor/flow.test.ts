import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { iterable } from '../../src/adapters/iterable.js';
import { MemoryStore } from '../../src/monitor/memory-store.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { MonitorError } from '../../src/monitor/options.js';
import type { Source, SourceEvent } from '../../src/source.js';
import { fakeScorer, listSource, liveSource, mentions, until } from './helpers.js';

describe('backpressure', () => {
  it('stops reading while a slow mention listener holds the buffer full', async () => {
    const src = listSource('big', mentions('b', 5000));
    const monitor = createMonitor({ sources: [src], scorer: fakeScorer, maxBuffered: 50, concurrency: 4 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let handled = 0;
    monitor.on('mention', async () => {
      await gate;
      handled += 1;
    });
    await monitor.start();
    await until(() => monitor.stats().buffered === 50);
    // Give the source plenty of chances to run ahead; it must not.
    for (let i = 0; i < 20; i++) await delay(1);
    expect(monitor.stats().buffered).toBe(50);
    expect(src.yielded).toBeLessThanOrEqual(51); // the buffer plus the one waiting for room
    expect(handled).toBe(0);
    release();
    await monitor.done();
    expect(handled).toBe(5000);
    expect(monitor.stats().maxBufferedSeen).toBe(50);
  });

  it('stops reading while a slow for-await loop has not come back for more', async () => {
    const src = listSource('big', mentions('b', 3000));
    const monitor = createMonitor({ sources: [src], scorer: fakeScorer, maxBuffered: 20 });
    let n = 0;
    let peakAhead = 0;
    for await (const a of monitor) {
      n += 1;
      expect(a.mention.id).toBe(`b-${n - 1}`);
      peakAhead = Math.max(peakAhead, src.yielded - n);
      if (n % 500 === 0) await delay(5); // a slow consumer now and then
    }
    expect(n).toBe(3000);
    expect(peakAhead).toBeLessThanOrEqual(21);
    expect(monitor.stats().maxBufferedSeen).toBeLessThanOrEqual(20);
  });

  it('stop() can be awaited inside the for-await loop itself', async () => {
    const monitor = createMonitor({ sources: [liveSource('live')], scorer: fakeScorer, maxBuffered: 10 });
    const ids: string[] = [];
    for await (const a of monitor) {
      ids.push(a.mention.id as string);
      if (ids.length === 25) await monitor.stop();
    }
    // Everything read was handed to the loop, in order, and nothing after the stop was read.
    expect(ids.length).toBe(monitor.stats().read);
    expect(ids).toEqual(ids.map((_, i) => `live-${i}`));
  });

  it('applies a per-source rate limit', async () => {
    const monitor = createMonitor({
      sources: [listSource('slow', mentions('s', 6)), listSource('fast', mentions('f', 6))],
      scorer: fakeScorer,
      rateLimits: { slow: { interval: 40, intervalCap: 2 } },
    });
    const order: string[] = [];
    monitor.on('mention', (a) => {
      order.push(a.mention.id as string);
    });
    await monitor.done();
    expect(order).toHaveLength(12);
    // The fast source is not held back by the slow one's limit: it finishes first.
    expect(order.indexOf('f-5')).toBeLessThan(order.indexOf('s-5'));
  });
});

describe('stop and resume', () => {
  it('stop() drains what was read, saves the checkpoint and closes the sources', async () => {
    const store = new MemoryStore();
    const live = liveSource('live');
    const monitor = createMonitor({ sources: [live], scorer: fakeScorer, store, maxBuffered: 10 });
    const handled: string[] = [];
    monitor.on('mention', async (a) => {
      await delay(1);
      handled.push(a.mention.id as string);
    });
    let ended = false;
    monitor.on('end', () => {
      ended = true;
    });
    await monitor.start();
    await until(() => handled.length >= 30);
    await monitor.stop();
    const read = monitor.stats().read;
    expect(handled).toHaveLength(read);
    expect(monitor.stats().buffered).toBe(0);
    expect(await store.getCheckpoint('live')).toBe(String(read - 1));
    expect(live.closed).toBe(true);
    expect(ended).toBe(true);
    await monitor.stop(); // idempotent
  });

  it('a restart from the stored checkpoints neither loses nor repeats a mention', async () => {
    const store = new MemoryStore();
    const all = mentions('m', 400);
    const seen: string[] = [];
    const first = createMonitor({
      sources: [listSource('feed', all)],
      scorer: fakeScorer,
      store,
      dedup: false,
      maxBuffered: 20,
    });
    first.on('mention', async (a) => {
      seen.push(a.mention.id as string);
      if (seen.length === 150) void first.stop();
      await delay(0);
    });
    await first.done();
    expect(seen.length).toBeGreaterThanOrEqual(150);
    expect(seen.length).toBeLessThan(400);
    const second = createMonitor({ sources: [listSource('feed', all)], scorer: fakeScorer, store, dedup: false });
    second.on('mention', (a) => {
      seen.push(a.mention.id as string);
    });
    await second.done();
    expect(seen).toHaveLength(400);
    expect(new Set(seen).size).toBe(400);
  });

  it('checkpoints only past mentions whose listeners finished, in source order', async () => {
    const store = new MemoryStore();
    const monitor = createMonitor({
      sources: [listSource('o', mentions('o', 5))],
      scorer: fakeScorer,
      store,
      concurrency: 5,
    });
    const checkpoints: (string | undefined)[] = [];
    monitor.on('mention', async (a) => {
      // The first mention finishes last; nothing may be checkpointed before it.
      await delay(a.mention.id === 'o-0' ? 30 : 1);
      checkpoints.push(await store.getCheckpoint('o'));
    });
    await monitor.done();
    expect(checkpoints.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(await store.getCheckpoint('o')).toBe('4');
  });

  it('acknowledges a mention only after its listeners succeeded', async () => {
    const acked: string[] = [];
    const base = iterable(['P4 ok', 'P4 fails', 'P4 also ok']);
    const src: Source = {
      name: 'acking',
      stream: (o) => base.stream(o),
      async ack(ev) {
        acked.push(ev.mention.text);
      },
    };
    const monitor = createMonitor({ sources: [src], scorer: fakeScorer });
    const errors: MonitorError[] = [];
    monitor.on('error', (e) => errors.push(e));
    monitor.on('mention', async (a) => {
      if (a.mention.text.includes('fails')) throw new Error('CRM down');
    });
    await monitor.done();
    expect(acked).toEqual(['P4 ok', 'P4 also ok']);
    expect(errors).toHaveLength(1);
  });

  it('backs off longer on consecutive failures and can give up', async () => {
    let opened = 0;
    const dead: Source = {
      name: 'dead',
      // biome-ignore lint/correctness/useYield: it never connects, on purpose
      async *stream(): AsyncGenerator<SourceEvent> {
        opened += 1;
        throw new Error('ECONNREFUSED');
      },
    };
    const monitor = createMonitor({
      sources: [dead],
      scorer: fakeScorer,
      reconnect: { baseMs: 4, maxMs: 1000, maxAttempts: 4, random: () => 0.99 },
    });
    const errors: MonitorError[] = [];
    monitor.on('error', (e) => errors.push(e));
    await monitor.done();
    expect(opened).toBe(4);
    expect(errors.map((e) => e.retryInMs)).toEqual([3, 7, 15, undefined]);
    expect(errors[3]?.gaveUp).toBe(true);
  });

  it('keeps going when the store fails or an error listener throws', async () => {
    class FlakyStore extends MemoryStore {
      calls = 0;
      override async markSeen(key: string, ttlMs: number): Promise<boolean> {
        if (++this.calls % 3 === 0) throw new Error('redis: connection lost');
        return super.markSeen(key, ttlMs);
      }
      override async recordContact(): Promise<number> {
        throw new Error('redis: connection lost');
      }
    }
    const monitor = createMonitor({
      sources: [
        listSource(
          's',
          mentions('s', 30).map((m) => ({ ...m, author: { handle: 'a' } })),
        ),
      ],
      scorer: fakeScorer,
      store: new FlakyStore(),
    });
    let errors = 0;
    monitor.on('error', (e) => {
      errors += 1;
      expect(e.phase).toBe('store');
      throw new Error('a buggy error handler');
    });
    const ids = new Set<string>();
    monitor.on('mention', (a) => {
      ids.add(a.mention.id as string);
    });
    await monitor.done();
    expect(ids.size).toBe(30); // at least once: a failed dedup lookup lets the mention through
    expect(errors).toBeGreaterThanOrEqual(30);
  });

  it('once() listeners run once', async () => {
    const monitor = createMonitor({ sources: [iterable(['P4 a', 'P4 b'])], scorer: fakeScorer });
    let n = 0;
    monitor.once('mention', () => {
      n += 1;
    });
    await monitor.done();
    expect(n).toBe(1);
  });

  it('rejects bad options at construction with the field named', () => {
    expect(() => createMonitor({ sources: [iterable([]), iterable([])] })).toThrow(/two sources are named "iterable"/);
    expect(() => createMonitor({ sources: [], concurrency: 0 })).toThrow(/concurrency must be a positive integer/);
    expect(() => createMonitor({ sources: [], escalateAt: ['P5' as 'P1'] })).toThrow(/escalateAt/);
    expect(() => createMonitor({ sources: [], incidents: { threshold: 1 } })).toThrow(/incidents.threshold/);
  });
});
