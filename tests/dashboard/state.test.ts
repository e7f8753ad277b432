import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBurstDetector } from '../../src/cli/dashboard-bursts.js';
import { type BoardEvent, compareCards, createBoard } from '../../src/cli/dashboard-state.js';
import { compareTriage } from '../../src/cli/triage.js';
import { parseMentionLine } from '../../src/mention.js';
import { createScorer, scoreMention } from '../../src/score.js';
import type { Assessment } from '../../src/types.js';
import { FEED_LINES } from './helpers.js';

const score = createScorer({ brand: { names: ['Ziggo'], handles: ['ziggo'] } });
const feed = (): Assessment[] => FEED_LINES.map((l) => score(parseMentionLine(l)));

/** An assessment with chosen scores, for order and incident tests independent of the scorer. */
function fake(id: string, over: Partial<Assessment>, createdAt?: string): Assessment {
  const a = scoreMention({ id, text: `mention ${id}`, ...(createdAt === undefined ? {} : { createdAt }) });
  return { ...a, ...over };
}

describe('board', () => {
  it('keeps the open cards in the CLI triage order, newest first on ties', () => {
    const board = createBoard();
    const all = feed();
    for (const a of all) board.add(a);
    const ids = board.cards().map((c) => c.id);
    // The fixture's ids are unique and arrive in file order, so the newest-first tie-break is
    // a stable sort of the reversed list by compareTriage.
    const expected = [...all]
      .reverse()
      .sort(compareTriage)
      .map((a) => a.mention.id);
    expect(ids).toEqual(expected);
  });

  it('orders cards exactly as compareTriage for any scores', () => {
    const prio = fc.constantFrom('P1', 'P2', 'P3', 'P4' as const);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            priority: prio,
            pilloryRisk: fc.double({ min: 0, max: 1, noNaN: true }),
            urgency: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 2, maxLength: 12 },
        ),
        (rows) => {
          const board = createBoard();
          const as = rows.map((r, i) => fake(`x${i}`, r as Partial<Assessment>));
          for (const a of as) board.add(a);
          const cards = board.cards();
          for (let i = 1; i < cards.length; i++) {
            const prev = as.find((a) => a.mention.id === cards[i - 1]?.id) as Assessment;
            const cur = as.find((a) => a.mention.id === cards[i]?.id) as Assessment;
            expect(compareTriage(prev, cur)).toBeLessThanOrEqual(0);
            expect(compareCards(cards[i - 1]!, cards[i]!)).toBeLessThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('done removes a card for good, assign sets and clears the assignee, and both notify listeners', () => {
    const board = createBoard();
    const events: BoardEvent[] = [];
    board.subscribe((e) => events.push(e));
    const a = fake('k1', { priority: 'P1' });
    board.add(a);
    expect(board.assign('k1', '  Anna   de Vries ')?.assignee).toBe('Anna de Vries');
    expect(board.assign('nope', 'Anna')).toBeUndefined();
    // A redelivered mention keeps its assignee.
    board.add(a);
    expect(board.cards()[0]?.assignee).toBe('Anna de Vries');
    expect(board.assign('k1', '   ')?.assignee).toBeUndefined();
    expect(board.done('k1')).toBe(true);
    expect(board.done('k1')).toBe(false);
    expect(board.cards()).toEqual([]);
    // A closed mention that arrives again does not come back.
    expect(board.add(a)).toBeUndefined();
    expect(board.cards()).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['card', 'assign', 'card', 'assign', 'remove']);
    expect(board.summary().totals).toMatchObject({ open: 0, done: 1 });
  });

  it('drops the lowest card when full and counts it', () => {
    const board = createBoard({ maxCards: 3 });
    board.add(fake('a', { priority: 'P4', pilloryRisk: 0.1 }));
    board.add(fake('b', { priority: 'P1', pilloryRisk: 0.9 }));
    board.add(fake('c', { priority: 'P3', pilloryRisk: 0.2 }));
    board.add(fake('d', { priority: 'P2', pilloryRisk: 0.5 }));
    expect(board.cards().map((c) => c.id)).toEqual(['b', 'd', 'c']);
    expect(board.summary().totals.evicted).toBe(1);
  });

  it('never passes a non-http link or the raw payload to the page', () => {
    const board = createBoard();
    const base = scoreMention({ id: 'u1', text: 'hi', url: 'javascript:alert(1)', raw: { secret: 1 } });
    const card = board.add(base);
    expect(card?.url).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain('secret');
    expect(board.add(scoreMention({ id: 'u2', text: 'hi', url: 'https://example.org/a' }))?.url).toBe(
      'https://example.org/a',
    );
  });

  it('cuts very long texts and names for the page, never inside a surrogate pair', () => {
    const board = createBoard();
    const long = `${'a'.repeat(3999)}😀${'b'.repeat(10_000)}`;
    const card = board.add(scoreMention({ id: 'long', text: long, author: { name: 'n'.repeat(500) } }));
    expect(card?.text).toBe(`${'a'.repeat(3999)}…`);
    expect(card?.author?.name).toHaveLength(201);
    expect(board.add(scoreMention({ id: 'short', text: 'kort' }))?.text).toBe('kort');
  });

  it('summarises volume, complaints and sentiment per time bucket', () => {
    const board = createBoard();
    const t0 = '2026-03-02T08:00:10Z';
    board.add(fake('s1', { sentiment: { label: 'negative', score: -0.8 } }, t0));
    board.add(fake('s2', { sentiment: { label: 'positive', score: 0.4 } }, '2026-03-02T08:00:50Z'));
    board.add(fake('s3', { sentiment: { label: 'neutral', score: 0 } }, '2026-03-02T08:03:00Z'));
    const s = board.summary();
    expect(s.bucketMinutes).toBe(1);
    expect(s.buckets.map((b) => b.count)).toEqual([2, 0, 0, 1]);
    expect(s.buckets[0]).toMatchObject({
      start: '2026-03-02T08:00:00.000Z',
      negative: 1,
      positive: 1,
      meanSentiment: -0.2,
    });
    // A long span switches to wider buckets instead of thousands of bars.
    board.add(fake('s4', {}, '2026-03-05T08:00:00Z'));
    const wide = board.summary();
    expect(wide.buckets.length).toBeLessThanOrEqual(60);
    expect(wide.buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
  });
});

describe('burst detector', () => {
  const t = Date.parse('2026-03-02T08:00:00Z');
  const min = 60_000;
  const complaint = (id: string, at: number, cat: 'disruption' | 'billing' | 'other' = 'disruption') =>
    fake(
      id,
      { complaint: { isComplaint: true, probability: 0.9, severity: 'disapproval', categories: [cat] } },
      new Date(at).toISOString(),
    );

  it('opens one incident at the threshold and grows it while complaints keep coming', () => {
    const board = createBoard({ bursts: { threshold: 3, windowMinutes: 10 } });
    board.add(complaint('c1', t));
    board.add(complaint('c2', t + 4 * min));
    expect(board.incidents()).toEqual([]);
    board.add(complaint('c3', t + 8 * min));
    const [inc] = board.incidents();
    expect(inc).toMatchObject({
      category: 'disruption',
      count: 3,
      mentionIds: ['c1', 'c2', 'c3'],
      detectedBy: 'dashboard',
    });
    board.add(complaint('c4', t + 15 * min));
    expect(board.incidents()).toHaveLength(1);
    expect(board.incidents()[0]).toMatchObject({ id: inc?.id, count: 4, lastAt: new Date(t + 15 * min).toISOString() });
  });

  it('does not fire for spread-out complaints, other categories, "other", or mentions without createdAt', () => {
    const board = createBoard({ bursts: { threshold: 3, windowMinutes: 10 } });
    board.add(complaint('a', t));
    board.add(complaint('b', t + 11 * min));
    board.add(complaint('c', t + 22 * min));
    board.add(complaint('d', t + 1 * min, 'billing'));
    board.add(complaint('e', t + 2 * min, 'other'));
    board.add(complaint('f', t + 3 * min, 'other'));
    board.add(complaint('g', t + 4 * min, 'other'));
    for (const id of ['h', 'i', 'j', 'k']) {
      board.add(
        fake(id, { complaint: { isComplaint: true, probability: 0.9, severity: 'blame', categories: ['disruption'] } }),
      );
    }
    expect(board.incidents()).toEqual([]);
  });

  it('finds a burst in a feed that is not in time order', () => {
    const d = createBurstDetector({ threshold: 3, windowMinutes: 5 });
    expect(d.add('delivery', t + 4 * min, 'x')).toBeUndefined();
    expect(d.add('delivery', t + 20 * min, 'y')).toBeUndefined();
    expect(d.add('delivery', t, 'z')).toBeUndefined();
    expect(d.add('delivery', t + 2 * min, 'w')?.mentionIds.sort()).toEqual(['w', 'x', 'z']);
  });

  it('rejects nonsense options', () => {
    expect(() => createBurstDetector({ threshold: 1 })).toThrow(/threshold/);
    expect(() => createBurstDetector({ windowMinutes: 0 })).toThrow(/window/);
  });
});
