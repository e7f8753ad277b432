import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, WebcareError, createSummarizer, incidentsOf, summarize } from '../../src/index.js';
import { burst, fake } from './helpers.js';

describe('summarize: the figures', () => {
  const day = [
    fake({ at: '2026-11-16T08:00:00Z', label: 'positive', score: 0.8 }),
    fake({ at: '2026-11-16T09:00:00Z', label: 'negative', score: -0.6, complaint: 'billing', priority: 'P2' }),
    fake({ at: '2026-11-16T10:00:00Z', label: 'negative', score: -0.9, complaint: 'disruption', priority: 'P1' }),
    fake({ at: '2026-11-16T11:00:00Z', label: 'negative', score: -0.4, complaint: 'disruption', priority: 'P2' }),
    fake({ at: '2026-11-16T12:00:00Z', label: 'neutral', score: 0.1 }),
    fake({ at: '2026-11-16T13:00:00Z', label: 'positive', score: 0.9, spam: true }),
  ];

  it('counts, complaint share, mean and net sentiment, P1/P2, categories; spam left out of the figures', () => {
    const [row, ...rest] = summarize(day);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      period: '2026-11-16',
      group: 'all',
      count: 6,
      spam: 1,
      complaints: 3,
      complaintShare: 0.6, // 3 of 5 non-spam
      meanSentiment: -0.2, // (0.8 - 0.6 - 0.9 - 0.4 + 0.1) / 5
      netSentiment: -40, // (1 positive - 3 negative) / 5
      positive: 1,
      neutral: 1,
      negative: 3,
      p1: 1,
      p2: 2,
      topCategories: ['disruption', 'billing'],
    });
    expect(row?.categoryCounts).toEqual({
      ...Object.fromEntries(CATEGORIES.map((c) => [c, 0])),
      disruption: 2,
      billing: 1,
    });
    expect(row?.periodStart.toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });

  it('net sentiment stays within -100..100 and complaint share within 0..1 (property)', () => {
    const arb = fc.array(
      fc.record({
        minute: fc.integer({ min: 0, max: 60 * 24 * 3 }),
        label: fc.constantFrom('negative' as const, 'neutral' as const, 'positive' as const),
        score: fc.double({ min: -1, max: 1, noNaN: true }),
        complaint: fc.constantFrom(false as const, ...CATEGORIES),
        spam: fc.boolean(),
        group: fc.constantFrom('nl' as const, 'en' as const, 'und' as const),
      }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('hour' as const, 'day' as const, 'week' as const), (items, by) => {
        const as = items.map((i) =>
          fake({ ...i, language: i.group, at: new Date(Date.UTC(2026, 10, 1) + i.minute * 60_000) }),
        );
        const rows = summarize(as, { by, groupBy: 'language' });
        expect(rows.reduce((n, r) => n + r.count, 0)).toBe(as.length);
        for (const r of rows) {
          expect(r.netSentiment).toBeGreaterThanOrEqual(-100);
          expect(r.netSentiment).toBeLessThanOrEqual(100);
          expect(r.complaintShare).toBeGreaterThanOrEqual(0);
          expect(r.complaintShare).toBeLessThanOrEqual(1);
          expect(r.positive + r.neutral + r.negative).toBe(r.count - r.spam);
          expect(Object.values(r.categoryCounts).reduce((a, b) => a + b, 0)).toBe(r.complaints);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('summarize: periods and groups', () => {
  it('fills empty days between the first and last so a chart shows the gap', () => {
    const rows = summarize([fake({ at: '2026-11-16T10:00:00Z' }), fake({ at: '2026-11-19T10:00:00Z' })]);
    expect(rows.map((r) => [r.period, r.count])).toEqual([
      ['2026-11-16', 1],
      ['2026-11-17', 0],
      ['2026-11-18', 0],
      ['2026-11-19', 1],
    ]);
    expect(
      summarize([fake({ at: '2026-11-16T10:00:00Z' }), fake({ at: '2026-11-19T10:00:00Z' })], { fill: false }),
    ).toHaveLength(2);
  });

  it('cuts days in the given time zone, across a DST change', () => {
    const as = [
      fake({ at: '2026-11-16T22:30:00Z' }), // 23:30 in Amsterdam (UTC+1)
      fake({ at: '2026-11-16T23:30:00Z' }), // 00:30 on the 17th
      fake({ at: '2026-03-28T23:30:00Z' }), // 00:30 on 29 March, the night clocks go to UTC+2
    ];
    const rows = summarize(as, { timeZone: 'Europe/Amsterdam', fill: false });
    expect(rows.map((r) => [r.period, r.count, r.periodStart.toISOString()])).toEqual([
      ['2026-03-29', 1, '2026-03-28T23:00:00.000Z'],
      ['2026-11-16', 1, '2026-11-15T23:00:00.000Z'],
      ['2026-11-17', 1, '2026-11-16T23:00:00.000Z'],
    ]);
    expect(summarize(as, { fill: false }).map((r) => r.period)).toEqual(['2026-03-28', '2026-11-16']);
  });

  it('labels hours and ISO weeks', () => {
    const hours = summarize([fake({ at: '2026-11-16T08:59:59Z' }), fake({ at: '2026-11-16T10:00:00Z' })], {
      by: 'hour',
    });
    expect(hours.map((r) => r.period)).toEqual(['2026-11-16 08:00', '2026-11-16 09:00', '2026-11-16 10:00']);
    const weeks = summarize(
      [
        fake({ at: '2026-01-01T12:00:00Z' }),
        fake({ at: '2027-01-01T12:00:00Z' }),
        fake({ at: '2026-12-28T00:00:00Z' }),
      ],
      { by: 'week', fill: false },
    );
    // 1 Jan 2027 is a Friday, in the last ISO week of 2026; weeks start on Monday.
    expect(weeks.map((r) => [r.period, r.count, r.periodStart.toISOString().slice(0, 10)])).toEqual([
      ['2026-W01', 1, '2025-12-29'],
      ['2026-W53', 2, '2026-12-28'],
    ]);
  });

  it('labels years before 1000 and before the common era as ISO 8601 does, in every time zone', () => {
    const label = (at: string, by: 'hour' | 'day' | 'week', timeZone: string) =>
      summarize([fake({ at })], { by, timeZone })[0]?.period;
    // Date.UTC reads the years 0-99 as 1900-1999; Intl writes 272 BC as 272.
    expect(label('0001-01-01T10:00:00Z', 'day', 'Europe/Amsterdam')).toBe('0001-01-01');
    expect(label('0001-01-01T10:00:00Z', 'week', 'UTC')).toBe('0001-W01'); // a Monday
    expect(label('0099-06-15T12:00:00Z', 'hour', 'America/New_York')).toBe('0099-06-15 07:00');
    expect(label('0001-01-01T02:00:00Z', 'day', 'America/New_York')).toBe('0000-12-31');
    expect(label('-000272-03-01T12:00:00Z', 'day', 'Asia/Kolkata')).toBe('-000272-03-01');
    // The first instant a Date can hold, where a zone behind UTC reads a day that cannot exist.
    for (const tz of ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata'])
      for (const by of ['hour', 'day', 'week'] as const)
        expect(label('-271821-04-20T00:00:00Z', by, tz)).toMatch(/^-271821-(04-20|W16)/);
  });

  it('groups by category, language, source and intent, largest group first', () => {
    const as = [
      fake({ at: '2026-11-16T08:00:00Z', complaint: 'delivery', language: 'en', source: 'x' }),
      fake({ at: '2026-11-16T09:00:00Z', complaint: 'delivery', language: 'nl', source: 'x' }),
      fake({ at: '2026-11-16T10:00:00Z', language: 'nl', intent: 'praise' }),
    ];
    const g = (groupBy: 'category' | 'language' | 'source' | 'intent') =>
      summarize(as, { groupBy }).map((r) => [r.group, r.count]);
    expect(g('category')).toEqual([
      ['delivery', 2],
      ['none', 1],
    ]);
    expect(g('language')).toEqual([
      ['nl', 2],
      ['en', 1],
    ]);
    expect(g('source')).toEqual([
      ['x', 2],
      ['unknown', 1],
    ]);
    expect(g('intent')).toEqual([
      ['complaint', 2],
      ['praise', 1],
    ]);
  });

  it('skips mentions without createdAt unless a date is given; accepts ISO strings from JSON', () => {
    const undated = fake({});
    const s = createSummarizer();
    s.add(undated);
    s.add(fake({ at: '2026-11-16T08:00:00Z' }));
    expect(s.undated).toBe(1);
    expect(s.added).toBe(2);
    expect(s.rows().map((r) => r.count)).toEqual([1]);
    const at = summarize([undated], { undated: new Date('2026-01-02T03:00:00Z') });
    expect(at.map((r) => r.period)).toEqual(['2026-01-02']);
    const roundTripped = JSON.parse(JSON.stringify([fake({ at: '2026-11-16T08:00:00Z', complaint: 'billing' })]));
    expect(summarize(roundTripped)[0]).toMatchObject({ period: '2026-11-16', complaints: 1 });
  });

  it('streaming accumulator and summarize agree, and reading rows does not change the accumulator', () => {
    const as = [...burst('delivery', '2026-11-16T08:00:00Z', 6, 5), fake({ at: '2026-11-18T08:00:00Z' })];
    const s = createSummarizer({ by: 'day' });
    for (const a of as) s.add(a);
    expect(s.rows()).toEqual(summarize(as));
    expect(s.rows()).toEqual(summarize(as));
  });

  it('rejects bad options with INVALID_CONFIG naming the field', () => {
    for (const [o, field] of [
      [{ by: 'month' }, 'by'],
      [{ groupBy: 'author' }, 'groupBy'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ undated: 'now' }, 'undated'],
      [{ incidents: { threshold: 1 } }, 'incidents.threshold'],
      [{ incidents: { windowMinutes: 0 } }, 'incidents.windowMinutes'],
    ] as const) {
      try {
        summarize([], o as never);
        expect.unreachable(field);
      } catch (e) {
        expect(e).toBeInstanceOf(WebcareError);
        expect((e as WebcareError).field).toBe(field);
      }
    }
    expect(summarize([])).toEqual([]);
  });

  it('refuses to fill decades of empty periods caused by one stray date, unless fill is off', () => {
    const as = [fake({ at: new Date(0) }), fake({ at: '2026-11-16T08:00:00Z' })];
    expect(() => summarize(as, { by: 'day' })).toThrow(/fill: false/);
    expect(summarize(as, { by: 'day', fill: false })).toHaveLength(2);
    expect(summarize(as, { by: 'week' })).toHaveLength(2969);
  });
});

describe('summarize: incidents', () => {
  it('finds a burst of complaints in one category within the window', () => {
    const as = [
      ...burst('disruption', '2026-11-17T07:05:00Z', 6, 6),
      ...burst('billing', '2026-11-17T07:00:00Z', 2, 5),
    ];
    const rows = summarize(as);
    expect(rows[0]?.incidents).toHaveLength(1);
    const [i] = incidentsOf(rows);
    expect(i).toMatchObject({ period: '2026-11-17', category: 'disruption', complaints: 6, threshold: 5 });
    expect(i?.start.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-17T07:05:00Z'));
    expect(i?.end.getTime()).toBeGreaterThan(Date.parse('2026-11-17T07:35:00Z'));
  });

  it('does not call a slow trickle an incident, nor a burst under the threshold', () => {
    expect(incidentsOf(summarize(burst('delivery', '2026-11-17T00:00:00Z', 20, 60)))).toEqual([]);
    expect(incidentsOf(summarize(burst('delivery', '2026-11-17T07:00:00Z', 4, 2)))).toEqual([]);
    expect(
      incidentsOf(summarize(burst('delivery', '2026-11-17T07:00:00Z', 4, 2), { incidents: { threshold: 4 } })),
    ).toHaveLength(1);
  });

  it('reports two separate bursts in one day as two incidents, oldest first', () => {
    const as = [
      ...burst('disruption', '2026-11-17T15:00:00Z', 5, 3),
      ...burst('disruption', '2026-11-17T07:00:00Z', 5, 3),
    ];
    const found = incidentsOf(summarize(as));
    expect(found.map((i) => [i.start.toISOString().slice(11, 16), i.complaints])).toEqual([
      ['07:00', 5],
      ['15:00', 5],
    ]);
  });

  it('property: threshold complaints within half a window always make an incident, wherever they fall', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24 * 60 - 31 }),
        fc.array(fc.integer({ min: 0, max: 30 * 60 }), { minLength: 5, maxLength: 12 }),
        fc.integer({ min: 5, max: 12 }),
        (startMinute, offsetsSec, threshold) => {
          const t0 = Date.UTC(2026, 10, 17) + startMinute * 60_000;
          const n = Math.max(threshold, offsetsSec.length);
          const as = Array.from({ length: n }, (_, i) =>
            fake({ at: new Date(t0 + (offsetsSec[i % offsetsSec.length] as number) * 1000), complaint: 'delivery' }),
          );
          const found = incidentsOf(summarize(as, { incidents: { threshold, windowMinutes: 60 } }));
          expect(found.length).toBeGreaterThanOrEqual(1);
          expect(found.every((i) => i.category === 'delivery' && i.complaints >= threshold)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ignores spam and non-complaints', () => {
    const as = burst('disruption', '2026-11-17T07:00:00Z', 8, 1).map((a, i) =>
      i % 2
        ? { ...a, isSpam: true, complaint: { ...a.complaint, isComplaint: false } }
        : { ...a, complaint: { ...a.complaint, isComplaint: false } },
    );
    expect(incidentsOf(summarize(as))).toEqual([]);
  });
});
