import { describe, expect, it } from 'vitest';
import { iterable } from '../../src/adapters/iterable.js';
import { WebcareError } from '../../src/errors.js';
import { MemoryStore } from '../../src/monitor/memory-store.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { DropEvent, MonitorError } from '../../src/monitor/options.js';
import type { Incident } from '../../src/monitor/incidents.js';
import type { Assessment } from '../../src/types.js';
import { fakeScorer, listSource, mentions } from './helpers.js';

describe('createMonitor', () => {
  it('assesses every mention of several concurrent sources exactly once', async () => {
    const sources = ['a', 'b', 'c', 'd'].map((n) => listSource(n, mentions(n, 1500)));
    const monitor = createMonitor({ sources, scorer: fakeScorer, concurrency: 8, maxBuffered: 200 });
    const seen = new Map<string, number>();
    monitor.on('mention', (a, meta) => {
      expect(a.mention.source).toBe(meta.source);
      seen.set(a.mention.id as string, (seen.get(a.mention.id as string) ?? 0) + 1);
    });
    const drops: DropEvent[] = [];
    monitor.on('drop', (d) => drops.push(d));
    await monitor.done();
    expect(drops).toEqual([]);
    expect(seen.size).toBe(6000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const stats = monitor.stats();
    expect(stats).toMatchObject({ read: 6000, assessed: 6000, buffered: 0 });
    expect(stats.maxBufferedSeen).toBeLessThanOrEqual(200);
    for (const s of sources) expect(s.closed).toBe(true);
  });

  it('works with the real scorer and as an async iterable', async () => {
    const monitor = createMonitor({
      sources: [iterable(['Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!', 'Top service, dank jullie!'])],
      config: { brand: { names: ['KPN'], handles: ['kpn'] } },
    });
    const out: Assessment[] = [];
    for await (const a of monitor) out.push(a);
    expect(out.map((a) => a.mention.text)).toHaveLength(2);
    expect(out.every((a) => ['P1', 'P2', 'P3', 'P4'].includes(a.priority))).toBe(true);
  });

  it('emits escalations for the configured priorities only', async () => {
    const monitor = createMonitor({
      sources: [iterable(['P1 a', 'P2 b', 'P3 c', 'P4 d', 'P1 e'])],
      scorer: fakeScorer,
      escalateAt: ['P1'],
    });
    const escalated: string[] = [];
    monitor.on('escalation', (a) => {
      escalated.push(a.mention.text);
    });
    await monitor.done();
    expect(escalated).toEqual(['P1 a', 'P1 e']);
  });

  it('fires one incident per burst, with the mentions that make it up', async () => {
    let clock = 1_000_000;
    const texts = [
      ...Array.from({ length: 12 }, (_, i) => `complaint:disruption outage report ${i}`),
      'complaint:billing one billing complaint',
    ];
    const src = iterable(texts);
    const monitor = createMonitor({
      sources: [src],
      scorer: fakeScorer,
      incidents: { windowMs: 60_000, threshold: 5 },
      concurrency: 1,
      now: () => (clock += 1000),
    });
    const incidents: Incident[] = [];
    monitor.on('incident', (i) => {
      incidents.push(i);
    });
    await monitor.done();
    expect(incidents).toHaveLength(1);
    const [inc] = incidents as [Incident];
    expect(inc.category).toBe('disruption');
    expect(inc.count).toBe(5);
    expect(inc.mentions.map((a) => a.mention.text)).toEqual(texts.slice(0, 5));
    expect(inc.sources).toEqual(['iterable']);
  });

  it('counts a burst across monitors sharing a store and reports it once', async () => {
    const store = new MemoryStore();
    const clock = () => 1_000_000;
    const make = (name: string, n: number) =>
      createMonitor({
        sources: [iterable({ name, input: Array.from({ length: n }, (_, i) => `complaint:billing ${name} ${i}`) })],
        scorer: fakeScorer,
        store,
        incidents: { windowMs: 60_000, threshold: 6 },
        now: clock,
      });
    const a = make('worker-a', 4);
    const b = make('worker-b', 4);
    const incidents: Incident[] = [];
    for (const m of [a, b]) {
      m.on('incident', (i) => {
        incidents.push(i);
      });
    }
    await Promise.all([a.done(), b.done()]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.count).toBeGreaterThanOrEqual(6);
  });

  it('fires again for a second burst after the first has quieted down', async () => {
    let clock = 0;
    const burst = (tag: string) => Array.from({ length: 4 }, (_, i) => `complaint:delivery parcel ${tag} ${i}`);
    const times = [0, 1, 2, 3, 500, 501, 502, 503].map((s) => s * 1000);
    let k = 0;
    const monitor = createMonitor({
      sources: [iterable([...burst('x'), ...burst('y')])],
      scorer: fakeScorer,
      incidents: { windowMs: 60_000, threshold: 3 },
      concurrency: 1,
      now: () => (clock = times[k++] ?? clock),
    });
    const incidents: Incident[] = [];
    monitor.on('incident', (i) => {
      incidents.push(i);
    });
    await monitor.done();
    expect(incidents.map((i) => i.category)).toEqual(['delivery', 'delivery']);
    expect(incidents[0]?.id).not.toBe(incidents[1]?.id);
  });

  it('drops duplicate ids, retweets and copy-paste campaigns, and spam, with the reason', async () => {
    const campaign = 'Pas op: deze winkel levert kapotte laptops en geeft nooit geld terug';
    const monitor = createMonitor({
      sources: [
        iterable({
          name: 'x',
          input: [
            { id: '1', text: campaign },
            { id: '1', text: campaign }, // same id again (a reconnect replay)
            { id: '2', text: `RT @anna: ${campaign}` },
            { id: '3', text: `${campaign.toUpperCase()}!!! https://t.co/abc` },
            { id: '4', text: 'Storing?' },
            { id: '5', text: 'Storing?' }, // short: two people, not a copy
            { id: '6', text: 'spam buy followers now cheap' },
          ],
        }),
      ],
      scorer: fakeScorer,
    });
    const drops: DropEvent[] = [];
    const kept: string[] = [];
    monitor.on('drop', (d) => drops.push(d));
    monitor.on('mention', (a) => {
      kept.push(a.mention.id as string);
    });
    await monitor.done();
    expect(kept).toEqual(['1', '4', '5']);
    expect(drops.map((d) => [d.mention.id, d.reason])).toEqual([
      ['1', 'duplicate-id'],
      ['2', 'near-duplicate'],
      ['3', 'near-duplicate'],
      ['6', 'spam'],
    ]);
    expect(drops[3]?.assessment?.isSpam).toBe(true);
  });

  it('reconnects a failing source from its cursor: nothing lost, nothing repeated', async () => {
    const src = listSource('flaky', mentions('f', 500), { failAt: new Set([100, 101, 350]) });
    const errors: MonitorError[] = [];
    const monitor = createMonitor({
      sources: [src],
      scorer: fakeScorer,
      dedup: false, // prove it by the cursor, not by dedup
      reconnect: { baseMs: 1, maxMs: 5 },
    });
    monitor.on('error', (e) => errors.push(e));
    const ids: string[] = [];
    monitor.on('mention', (a) => {
      ids.push(a.mention.id as string);
    });
    await monitor.done();
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(src.opened).toEqual([undefined, '99', '100', '349']);
    expect(errors.map((e) => [e.phase, e.attempt])).toEqual([
      ['connection', 1],
      ['connection', 1],
      ['connection', 1],
    ]);
    expect(errors[0]?.error.code).toBe('SOURCE_FAILED');
    expect(monitor.stats().reconnects).toBe(3);
  });

  it('honours retryAfterMs of a 429 over its own backoff', async () => {
    const rateLimited = () => new WebcareError('RATE_LIMITED', 'HTTP 429', { retryAfterMs: 80, received: 'HTTP 429' });
    const src = listSource('limited', mentions('r', 20), { failAt: new Set([10]), failWith: rateLimited });
    const monitor = createMonitor({
      sources: [src],
      scorer: fakeScorer,
      reconnect: { baseMs: 1, maxMs: 2, random: () => 0.5 },
    });
    const errors: MonitorError[] = [];
    let failedAt = 0;
    let resumedAt = 0;
    monitor.on('error', (e) => {
      errors.push(e);
      failedAt = performance.now();
    });
    monitor.on('mention', (a) => {
      if (a.mention.id === 'r-10') resumedAt = performance.now();
    });
    await monitor.done();
    expect(errors[0]?.error.code).toBe('RATE_LIMITED');
    expect(errors[0]?.retryInMs).toBe(80);
    // Timers never fire early (allow 2 ms of clock granularity).
    expect(resumedAt - failedAt).toBeGreaterThanOrEqual(78);
    expect(monitor.stats().assessed).toBe(20);
  });

  it('gives up on a misconfigured source without stopping the others', async () => {
    const broken = {
      name: 'broken',
      // biome-ignore lint/correctness/useYield: it fails before yielding, on purpose
      async *stream() {
        throw new WebcareError('INVALID_CONFIG', 'no such file');
      },
    };
    const monitor = createMonitor({ sources: [broken, listSource('ok', mentions('ok', 10))], scorer: fakeScorer });
    const errors: MonitorError[] = [];
    monitor.on('error', (e) => errors.push(e));
    await monitor.done();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ source: 'broken', phase: 'connection', gaveUp: true });
    expect(monitor.stats().assessed).toBe(10);
  });

  it('reports bad records, scorer and listener failures as error events and goes on', async () => {
    const monitor = createMonitor({
      sources: [iterable({ name: 'mixed', input: ['P4 fine', { text: 42 }, 'P4 boom', 'P4 last'] })],
      scorer: fakeScorer,
    });
    const errors: MonitorError[] = [];
    monitor.on('error', (e) => errors.push(e));
    const texts: string[] = [];
    monitor.on('mention', (a) => {
      texts.push(a.mention.text);
      if (a.mention.text.includes('boom')) throw new Error('listener bug');
    });
    await monitor.done();
    expect(texts).toEqual(['P4 fine', 'P4 boom', 'P4 last']);
    expect(errors.map((e) => [e.phase, e.error.code])).toEqual([
      ['record', 'INVALID_MENTION'],
      ['listener', 'SOURCE_FAILED'],
    ]);
    expect(errors[0]?.record).toEqual({ text: 42 });
  });

  it('tells the scorer and the listeners about repeat contacts by the same author', async () => {
    const author = { handle: 'petra' };
    const monitor = createMonitor({
      sources: [
        iterable([
          { text: 'P4 first', author },
          { text: 'P4 other person', author: { handle: 'jan' } },
          { text: 'P4 second', author: { handle: '@Petra' } },
          { text: 'P4 third', author },
        ]),
      ],
      scorer: fakeScorer,
      concurrency: 1,
    });
    const prior: Record<string, number> = {};
    monitor.on('mention', (a, meta) => {
      prior[a.mention.text] = meta.priorContacts;
      if (meta.priorContacts > 0) expect(a.reasons[0]).toMatchObject({ code: 'repeat' });
    });
    await monitor.done();
    expect(prior).toEqual({ 'P4 first': 0, 'P4 other person': 0, 'P4 second': 1, 'P4 third': 2 });
  });

  it('records repeat contacts as a reason when the scorer did not', async () => {
    const author = { id: 'u1' };
    const monitor = createMonitor({
      sources: [
        iterable([
          { text: 'Storing', author },
          { text: 'Nog steeds storing', author },
        ]),
      ],
      scorer: (m) => ({ ...(fakeScorer(m) as Assessment), reasons: [] }),
      concurrency: 1,
    });
    const reasons: Assessment['reasons'][] = [];
    monitor.on('mention', (a) => {
      reasons.push(a.reasons);
    });
    await monitor.done();
    expect(reasons[0]).toEqual([]);
    expect(reasons[1]).toEqual([
      { code: 'repeat-contact', message: '1 earlier contact by this author in 7 days', weight: 0, target: 'priority' },
    ]);
  });

  it('masks personal data in what it emits when redactPII is on', async () => {
    const monitor = createMonitor({
      sources: [iterable([{ text: 'Mail me op jan.jansen@example.nl over order 12345678', raw: { secret: 1 } }])],
      redactPII: true,
    });
    const out: Assessment[] = [];
    monitor.on('mention', (a) => {
      out.push(a);
    });
    await monitor.done();
    expect(out[0]?.mention.text).not.toContain('jan.jansen@example.nl');
    expect(out[0]?.mention.text).toContain('[email]');
    expect(out[0]?.mention.raw).toBeUndefined();
    expect(JSON.stringify(out[0])).not.toContain('jan.jansen@example.nl');
  });

  it('masks personal data in drop and error events too when redactPII is on', async () => {
    const text = 'Bel me op jan.jansen@example.nl, ik wacht al weken op mijn terugbetaling van de bestelling';
    const monitor = createMonitor({
      sources: [iterable([{ id: '1', text }, { id: '1', text }, { text: 7 }])],
      redactPII: true,
    });
    const drops: DropEvent[] = [];
    const errors: MonitorError[] = [];
    monitor.on('drop', (d) => drops.push(d));
    monitor.on('error', (e) => errors.push(e));
    await monitor.done();
    expect(drops.map((d) => d.reason)).toEqual(['duplicate-id']);
    expect(drops[0]?.mention.text).toContain('[email]');
    expect(JSON.stringify(drops)).not.toContain('jan.jansen');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.record).toBeUndefined();
  });
});
