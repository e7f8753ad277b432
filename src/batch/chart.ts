/**
 * Charts without a browser: `chart(rows, options)` turns summary rows into an SVG string that a
 * notebook shows inline (`image/svg+xml`) and a report embeds as is. A line chart of any metric
 * over the periods (one line per group), or a stacked bar of complaint categories (or of an
 * additive metric by group). Same rows, same bytes: the output is deterministic.
 * @module
 */
import { invalidConfig } from '../errors.js';
import { CATEGORIES, type Category } from '../types.js';
import type { SummaryRow } from './summarize.js';
import { CATEGORY_COLORS, SERIES_COLORS, escapeXml, niceTicks, num } from './svg.js';

/**
 * A numeric column of {@link SummaryRow}, `'incidents'` (their number) or `'categories'` (complaints per category).
 * @example
 * ```ts
 * import { chart, summarize, type Assessment, type ChartMetric } from 'webcare';
 * declare const assessments: Assessment[];
 * const metric: ChartMetric = 'complaintShare';
 * const svg = chart(summarize(assessments), { metric });
 * ```
 */
export type ChartMetric =
  | 'count'
  | 'complaints'
  | 'complaintShare'
  | 'meanSentiment'
  | 'netSentiment'
  | 'positive'
  | 'neutral'
  | 'negative'
  | 'p1'
  | 'p2'
  | 'spam'
  | 'incidents'
  | 'categories';

/**
 * Options of {@link chart}.
 * @example
 * ```ts
 * import { chart, summarize, type Assessment, type ChartOptions } from 'webcare';
 * declare const assessments: Assessment[];
 * const options: ChartOptions = { kind: 'stacked-bar', metric: 'categories', width: 960, height: 360, title: 'Klachten per categorie' };
 * const svg = chart(summarize(assessments, { by: 'day' }), options);
 * ```
 */
export interface ChartOptions {
  /** What to plot. Default `'count'` for lines, `'categories'` for stacked bars. */
  metric?: ChartMetric;
  /** Default `'line'`. */
  kind?: 'line' | 'stacked-bar';
  /** Pixels. Default 720 x 320. */
  width?: number;
  /** Pixels. Default 320. */
  height?: number;
  /** Shown above the chart and as its accessible name. Default: the metric's name. */
  title?: string;
}

interface Series {
  name: string;
  color: string;
  /** One value per period; `null` where the metric has no data (a rate over zero mentions). */
  values: (number | null)[];
}

const METRICS = new Set<string>([
  'count',
  'complaints',
  'complaintShare',
  'meanSentiment',
  'netSentiment',
  'positive',
  'neutral',
  'negative',
  'p1',
  'p2',
  'spam',
  'incidents',
  'categories',
]);
/** Rates and means: they cannot be stacked, and over zero mentions they are undefined, not 0. */
const RATES = new Set<string>(['complaintShare', 'meanSentiment', 'netSentiment']);

const LABELS: Record<ChartMetric, string> = {
  count: 'Mentions',
  complaints: 'Complaints',
  complaintShare: 'Share of complaints',
  meanSentiment: 'Mean sentiment',
  netSentiment: 'Net sentiment (% positive - % negative)',
  positive: 'Positive mentions',
  neutral: 'Neutral mentions',
  negative: 'Negative mentions',
  p1: 'P1 mentions',
  p2: 'P2 mentions',
  spam: 'Spam',
  incidents: 'Incidents',
  categories: 'Complaints by category',
};

function metricValue(row: SummaryRow, metric: Exclude<ChartMetric, 'categories'>): number | null {
  if (metric === 'incidents') return row.incidents.length;
  if (RATES.has(metric) && row.count - row.spam === 0) return null;
  return row[metric];
}

function buildSeries(rows: readonly SummaryRow[], periods: string[], metric: ChartMetric): Series[] {
  const at = new Map(periods.map((p, i) => [p, i]));
  if (metric === 'categories') {
    const sums = new Map<Category, number[]>();
    for (const row of rows) {
      const i = at.get(row.period) as number;
      for (const cat of CATEGORIES) {
        const n = row.categoryCounts?.[cat] ?? 0;
        if (n === 0) continue;
        let v = sums.get(cat);
        if (v === undefined) sums.set(cat, (v = periods.map(() => 0)));
        v[i] = (v[i] ?? 0) + n;
      }
    }
    return CATEGORIES.filter((c) => sums.has(c)).map((c) => ({
      name: c,
      color: CATEGORY_COLORS[c],
      values: sums.get(c) as number[],
    }));
  }
  const groups: string[] = [];
  const byGroup = new Map<string, (number | null)[]>();
  for (const row of rows) {
    let v = byGroup.get(row.group);
    if (v === undefined) {
      groups.push(row.group);
      byGroup.set(row.group, (v = periods.map(() => null)));
    }
    v[at.get(row.period) as number] = metricValue(row, metric);
  }
  return groups.map((g, i) => ({
    name: g,
    color: SERIES_COLORS[i % SERIES_COLORS.length] as string,
    values: byGroup.get(g) as (number | null)[],
  }));
}

function formatTick(v: number, metric: ChartMetric): string {
  if (metric === 'complaintShare') return `${num(v * 100)}%`;
  return num(v);
}

function dimension(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 160 || value > 10_000) {
    throw invalidConfig(field, 'a number of pixels from 160 to 10000', value);
  }
  return Math.round(value);
}

/**
 * Draw summary rows as an SVG string: `kind: 'line'` plots a metric over the periods (one line
 * per group), `kind: 'stacked-bar'` stacks complaints by category per period (or an additive
 * metric such as `count` by group). Every bar and point carries `data-period`, `data-series` and
 * `data-value` attributes and a `<title>` tooltip; all text is escaped.
 *
 * @example
 * ```ts
 * import { chart, summarize, type Assessment } from 'webcare';
 * declare const assessments: Assessment[];
 * const rows = summarize(assessments, { by: 'day' });
 * const svg = chart(rows, { kind: 'stacked-bar', title: 'Complaints per day' });
 * // Deno notebook: Deno.jupyter.display({ 'image/svg+xml': svg }, { raw: true });
 * // Node: fs.writeFileSync('complaints.svg', svg);
 * const trend = chart(rows, { metric: 'netSentiment' });
 * ```
 */
export function chart(rows: readonly SummaryRow[], options: ChartOptions = {}): string {
  if (!Array.isArray(rows)) throw invalidConfig('rows', 'an array of summary rows', rows);
  if (typeof options !== 'object' || options === null) throw invalidConfig('options', 'an object', options);
  const kind = options.kind ?? 'line';
  if (kind !== 'line' && kind !== 'stacked-bar') throw invalidConfig('kind', "'line' or 'stacked-bar'", kind);
  const metric = options.metric ?? (kind === 'line' ? 'count' : 'categories');
  if (!METRICS.has(metric)) throw invalidConfig('metric', `one of ${[...METRICS].join(', ')}`, metric);
  if (kind === 'stacked-bar' && RATES.has(metric)) {
    throw invalidConfig('metric', 'a count (rates and means cannot be stacked; use kind: line)', metric);
  }
  const width = dimension(options.width, 'width', 720);
  const height = dimension(options.height, 'height', 320);
  const title = options.title ?? LABELS[metric];
  if (typeof title !== 'string') throw invalidConfig('title', 'a string', title);

  const periods = [...new Set(rows.map((r) => r.period))];
  const series = buildSeries(rows, periods, metric);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="11" data-kind="${kind}" data-metric="${metric}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="chart-title" x="${num(width / 2)}" y="20" text-anchor="middle" font-size="14" font-weight="600" fill="#222">${escapeXml(title)}</text>`,
  ];
  if (periods.length === 0 || series.length === 0) {
    out.push(
      `<text class="empty" x="${num(width / 2)}" y="${num(height / 2)}" text-anchor="middle" fill="#777">No data</text>`,
      '</svg>',
    );
    return out.join('\n');
  }

  // Legend rows wrap; the plot takes what is left.
  const legendItems = series.map((s) => ({ s, w: 18 + Math.min(s.name.length, 24) * 6.5 + 12 }));
  const legendRows: (typeof legendItems)[] = [[]];
  let used = 0;
  for (const item of legendItems) {
    if (used + item.w > width - 60 && (legendRows[legendRows.length - 1] as typeof legendItems).length > 0) {
      legendRows.push([]);
      used = 0;
    }
    (legendRows[legendRows.length - 1] as typeof legendItems).push(item);
    used += item.w;
  }
  const margin = { top: 36, right: 16, bottom: 34 + legendRows.length * 16, left: 56 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);

  const totals =
    kind === 'stacked-bar'
      ? periods.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
      : series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { lo, hi, ticks } = niceTicks(Math.min(0, ...totals), Math.max(0, ...totals));
  const y = (v: number) => margin.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const band = plotW / periods.length;
  const xCenter = (i: number) => margin.left + band * (i + 0.5);

  out.push('<g class="y-axis" fill="#555" text-anchor="end">');
  for (const t of ticks) {
    const ty = num(y(t));
    out.push(
      `<line x1="${margin.left}" x2="${num(margin.left + plotW)}" y1="${ty}" y2="${ty}" stroke="${t === 0 ? '#888' : '#e5e5e5'}" stroke-width="1"/>`,
      `<text x="${margin.left - 6}" y="${ty}" dy="0.32em">${escapeXml(formatTick(t, metric))}</text>`,
    );
  }
  out.push('</g>');

  // Show every k-th period label so labels never overlap.
  const labelW = Math.max(...periods.map((p) => p.length)) * 6.2 + 8;
  const every = Math.max(1, Math.ceil(labelW / band));
  out.push('<g class="x-axis" fill="#555" text-anchor="middle">');
  periods.forEach((p, i) => {
    if (i % every !== 0) return;
    out.push(
      `<text x="${num(xCenter(i))}" y="${num(margin.top + plotH + 16)}" data-period="${escapeXml(p)}">${escapeXml(p)}</text>`,
    );
  });
  out.push('</g>');

  if (kind === 'stacked-bar') {
    const barW = Math.max(1, band * 0.7);
    const base = periods.map(() => 0);
    for (const s of series) {
      out.push(`<g class="series" data-series="${escapeXml(s.name)}" fill="${s.color}">`);
      s.values.forEach((v, i) => {
        if (v === null || v === 0) return;
        const from = base[i] as number;
        base[i] = from + v;
        const top = y(from + v);
        const label = `${periods[i]} · ${s.name}: ${num(v)}`;
        out.push(
          `<rect class="bar" x="${num(xCenter(i) - barW / 2)}" y="${num(top)}" width="${num(barW)}" height="${num(y(from) - top)}" data-period="${escapeXml(periods[i] as string)}" data-series="${escapeXml(s.name)}" data-value="${num(v)}"><title>${escapeXml(label)}</title></rect>`,
        );
      });
      out.push('</g>');
    }
  } else {
    for (const s of series) {
      // A null breaks the line: no data is not the same as zero.
      let d = '';
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${num(xCenter(i))},${num(y(v))}`;
        pen = true;
      });
      out.push(`<g class="series" data-series="${escapeXml(s.name)}">`);
      out.push(
        `<path class="line" d="${d}" fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round"/>`,
      );
      s.values.forEach((v, i) => {
        if (v === null) return;
        const label = `${periods[i]} · ${s.name}: ${formatTick(v, metric)}`;
        out.push(
          `<circle class="point" cx="${num(xCenter(i))}" cy="${num(y(v))}" r="3" fill="${s.color}" data-period="${escapeXml(periods[i] as string)}" data-series="${escapeXml(s.name)}" data-value="${num(v)}"><title>${escapeXml(label)}</title></circle>`,
        );
      });
      out.push('</g>');
    }
  }

  out.push('<g class="legend" fill="#333">');
  legendRows.forEach((row, r) => {
    let x = margin.left;
    const ly = height - 12 - (legendRows.length - 1 - r) * 16;
    for (const { s, w } of row) {
      const name = s.name.length > 24 ? `${s.name.slice(0, 23)}…` : s.name;
      out.push(
        `<rect x="${num(x)}" y="${num(ly - 9)}" width="12" height="12" fill="${s.color}" data-series="${escapeXml(s.name)}"/>`,
        `<text x="${num(x + 16)}" y="${num(ly)}" dy="-0.05em">${escapeXml(name)}</text>`,
      );
      x += w;
    }
  });
  out.push('</g>', '</svg>');
  return out.join('\n');
}
