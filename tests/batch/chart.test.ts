import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SummaryRow, WebcareError, chart, summarize } from '../../src/index.js';
import { assertWellFormedXml, burst, fake } from './helpers.js';

interface Mark {
  period: string;
  series: string;
  value: number;
  attrs: Record<string, number>;
}

/** The bars or points of a chart, with their numeric geometry. */
function marks(svg: string, tag: 'rect' | 'circle'): Mark[] {
  const out: Mark[] = [];
  const re = new RegExp(`<${tag} class="(?:bar|point)"([^>]*)>`, 'g');
  for (const m of svg.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] as string).matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1] as string] = a[2] as string;
    const num: Record<string, number> = {};
    for (const k of ['x', 'y', 'width', 'height', 'cx', 'cy']) if (k in attrs) num[k] = Number(attrs[k]);
    out.push({
      period: attrs['data-period'] as string,
      series: attrs['data-series'] as string,
      value: Number(attrs['data-value']),
      attrs: num,
    });
  }
  return out;
}

const as = [
  ...burst('disruption', '2026-11-16T07:00:00Z', 4, 10),
  ...burst('billing', '2026-11-16T12:00:00Z', 2, 10),
  ...burst('delivery', '2026-11-18T09:00:00Z', 3, 10),
  fake({ at: '2026-11-18T10:00:00Z', label: 'positive', language: 'en' }),
  fake({ at: '2026-11-18T11:00:00Z', spam: true }),
];
const daily = summarize(as);

describe('chart: stacked bar of categories', () => {
  const svg = chart(daily, { kind: 'stacked-bar', title: 'Complaints' });

  it('draws one bar segment per category and period, with values from the summary', () => {
    const bars = marks(svg, 'rect');
    expect(bars.map((b) => [b.period, b.series, b.value])).toEqual([
      ['2026-11-16', 'disruption', 4],
      ['2026-11-18', 'delivery', 3],
      ['2026-11-16', 'billing', 2],
    ]);
    // Same scale for every segment: height per complaint is constant.
    const perUnit = bars.map((b) => (b.attrs.height as number) / b.value);
    for (const p of perUnit) expect(p).toBeCloseTo(perUnit[0] as number, 1);
    // Segments of one period are stacked: billing sits right on top of disruption.
    const [dis, , bil] = bars;
    expect((bil?.attrs.y as number) + (bil?.attrs.height as number)).toBeCloseTo(dis?.attrs.y as number, 1);
  });

  it('labels every period on the x axis, including the empty one, and has a legend per category', () => {
    expect([...svg.matchAll(/<text [^>]*data-period="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
    ]);
    expect(
      [...svg.matchAll(/<rect x="[^"]*" y="[^"]*" width="12" height="12" fill="[^"]+" data-series="([^"]+)"/g)].map(
        (m) => m[1],
      ),
    ).toEqual(['disruption', 'delivery', 'billing']);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="720" height="320"/);
    expect(svg).toContain('<title>Complaints</title>');
    assertWellFormedXml(svg);
  });

  it('stacks an additive metric by group', () => {
    const bars = marks(chart(summarize(as, { groupBy: 'language' }), { kind: 'stacked-bar', metric: 'count' }), 'rect');
    const on18 = bars.filter((b) => b.period === '2026-11-18');
    expect(on18.reduce((n, b) => n + b.value, 0)).toBe(5);
  });
});

describe('chart: line', () => {
  it('plots one point per period with data, higher values higher up', () => {
    const svg = chart(daily, { metric: 'complaints' });
    const pts = marks(svg, 'circle');
    expect(pts.map((p) => [p.period, p.value])).toEqual([
      ['2026-11-16', 6],
      ['2026-11-17', 0],
      ['2026-11-18', 3],
    ]);
    const [a, b, c] = pts.map((p) => p.attrs.cy as number);
    expect(a).toBeLessThan(c as number);
    expect(c).toBeLessThan(b as number);
    expect(svg.match(/<path class="line" d="M[^"]*"/g)).toHaveLength(1);
    assertWellFormedXml(svg);
  });

  it('breaks the line where a rate has no data instead of drawing a false zero', () => {
    const svg = chart(daily, { metric: 'netSentiment' });
    const pts = marks(svg, 'circle');
    expect(pts.map((p) => p.period)).toEqual(['2026-11-16', '2026-11-18']);
    const d = svg.match(/<path class="line" d="([^"]*)"/)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toContain('L');
    expect(svg).toContain('>-100<'); // the axis reaches down to the negative values
  });

  it('formats the complaint share axis as percentages', () => {
    expect(chart(daily, { metric: 'complaintShare' })).toMatch(/>100%</);
  });

  it('draws one line per group', () => {
    const svg = chart(summarize(as, { groupBy: 'language' }), { metric: 'count' });
    expect([...svg.matchAll(/<g class="series" data-series="([^"]+)"/g)].map((m) => m[1])).toEqual(['nl', 'en']);
  });
});

describe('chart: output', () => {
  it('is deterministic', () => {
    expect(chart(summarize(as), { kind: 'stacked-bar' })).toBe(chart(summarize(as), { kind: 'stacked-bar' }));
  });

  it('says "No data" for an empty summary', () => {
    const svg = chart([], { title: 'Leeg' });
    expect(svg).toContain('No data');
    assertWellFormedXml(svg);
  });

  it('property: any title and group names give well-formed SVG with the text escaped', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 4 }),
        (title, groups) => {
          const rows: SummaryRow[] = groups.map((g, i) => ({ ...(daily[0] as SummaryRow), group: g, count: i + 1 }));
          for (const kind of ['line', 'stacked-bar'] as const) {
            const svg = chart(rows, { kind, metric: 'count', title });
            assertWellFormedXml(svg);
          }
        },
      ),
      { numRuns: 150 },
    );
    const svg = chart(daily, { title: '<script>alert("x")</script> & \'co\'' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
  });

  it('rejects bad options with INVALID_CONFIG', () => {
    for (const [o, field] of [
      [{ kind: 'pie' }, 'kind'],
      [{ metric: 'mood' }, 'metric'],
      [{ kind: 'stacked-bar', metric: 'netSentiment' }, 'metric'],
      [{ width: 20 }, 'width'],
      [{ height: Number.NaN }, 'height'],
    ] as const) {
      try {
        chart(daily, o as never);
        expect.unreachable(field);
      } catch (e) {
        expect(e).toBeInstanceOf(WebcareError);
        expect((e as WebcareError).field).toBe(field);
      }
    }
  });
});
