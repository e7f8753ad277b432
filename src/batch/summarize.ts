/**
 * Aggregates over time for the data team: one plain row per period (and group) with counts,
 * complaint share, mean and net sentiment, P1/P2 counts, top categories and incidents. Rows hold
 * numbers and strings so they drop into any table or dataframe. The accumulator keeps counters per
 * period and group, never the assessments, so it summarises a stream of any length.
 * @module
 */
import { WebcareError, invalidConfig } from '../errors.js';
import { type Assessment, CATEGORIES, type Category } from '../types.js';
import { MINUTE, PeriodClock, type PeriodUnit, nextPeriod, periodLabel, periodStart } from './periods.js';

/**
 * What rows are split by, besides the period.
 * @example
 * ```ts
 * import { summarize, type Assessment, type SummaryGroupBy } from 'webcare';
 * declare const assessments: Assessment[];
 * const groupBy: SummaryGroupBy = 'category';
 * const rows = summarize(assessments, { by: 'day', groupBy }); // one row per day and category
 * ```
 */
export type SummaryGroupBy = 'category' | 'language' | 'source' | 'intent';

/**
 * Options of {@link summarize} and {@link createSummarizer}.
 * @example
 * ```ts
 * import { summarize, type Assessment, type SummarizeOptions } from 'webcare';
 * declare const assessments: Assessment[];
 * const options: SummarizeOptions = {
 *   by: 'hour',
 *   timeZone: 'Europe/Amsterdam',
 *   incidents: { threshold: 10, windowMinutes: 30 },
 * };
 * const rows = summarize(assessments, options);
 * ```
 */
export interface SummarizeOptions {
  /** Period length. Default `'day'`. */
  by?: PeriodUnit;
  /** One row per period and value of this field. Default: one row per period (group `'all'`). */
  groupBy?: SummaryGroupBy;
  /** IANA time zone the periods are cut in, e.g. `Europe/Amsterdam`. Default `'UTC'`. */
  timeZone?: string;
  /**
   * What to do with assessments whose mention has no (valid) `createdAt`: `'skip'` them (the
   * default; they are counted in `Summarizer.undated`) or count them at a fixed date.
   */
  undated?: 'skip' | Date;
  /** Add zero rows for empty periods between the first and last one, so charts show gaps. Default true. */
  fill?: boolean;
  /** Incident detection: `threshold` complaints in one category within `windowMinutes`. Default 5 in 60. */
  incidents?: {
    /** Complaints in one category within the window that make an incident. Default 5. */
    threshold?: number;
    /** Window length in minutes. Default 60. */
    windowMinutes?: number;
  };
}

/**
 * A burst of complaints in one category within a period.
 * @example
 * ```ts
 * import { incidentsOf, summarize, type Assessment, type SummaryIncident } from 'webcare';
 * declare const assessments: Assessment[];
 * const bursts: SummaryIncident[] = incidentsOf(summarize(assessments, { by: 'hour' }));
 * for (const b of bursts) console.log(b.period, b.category, `${b.peak} in ${b.windowMinutes} min`);
 * ```
 */
export interface SummaryIncident {
  /** Label of the period the burst was seen in (as {@link SummaryRow.period}). */
  period: string;
  /** The row's group value. */
  group: string;
  /** The category the complaints were about. */
  category: Category;
  /** Start of the first and end of the last half-window in which the burst was seen. */
  start: Date;
  /** End of the last half-window in which the burst was seen. */
  end: Date;
  /** Complaints in the category between `start` and `end`. */
  complaints: number;
  /** Most complaints seen within one window. */
  peak: number;
  /** The threshold that was crossed. */
  threshold: number;
  /** The window length used, in minutes. */
  windowMinutes: number;
}

/**
 * One row of a summary.
 * @example
 * ```ts
 * import { summarize, type Assessment, type SummaryRow } from 'webcare';
 * declare const assessments: Assessment[];
 * const rows: SummaryRow[] = summarize(assessments, { by: 'day' });
 * for (const r of rows) console.log(r.period, r.count, `${Math.round(r.complaintShare * 100)}% complaints`, r.netSentiment);
 * ```
 */
export interface SummaryRow {
  /** `2026-11-20` (day), `2026-11-20 14:00` (hour) or `2026-W47` (ISO week), in the time zone. */
  period: string;
  /** The instant the period starts. */
  periodStart: Date;
  /** The group's value (`'all'` without `groupBy`; `'none'` for a mention without a category). */
  group: string;
  /** Mentions, spam included. */
  count: number;
  /** Spam mentions; they are left out of every figure below. */
  spam: number;
  /** Complaints (never spam). */
  complaints: number;
  /** Complaints / non-spam mentions, 0..1 (0 when there are none). */
  complaintShare: number;
  /** Mean sentiment score of non-spam mentions, -1..1. */
  meanSentiment: number;
  /** Share positive minus share negative of non-spam mentions, -100..100, in the spirit of NPS. */
  netSentiment: number;
  /** Non-spam mentions with positive sentiment. */
  positive: number;
  /** Non-spam mentions with neutral sentiment. */
  neutral: number;
  /** Non-spam mentions with negative sentiment. */
  negative: number;
  /** Mentions triaged P1. */
  p1: number;
  /** Mentions triaged P2. */
  p2: number;
  /** Complaints by their main category, for every category (zeros included). */
  categoryCounts: Record<Category, number>;
  /** Up to three categories with the most complaints, most first. */
  topCategories: Category[];
  /** Bursts of complaints in one category within this row's period and group. */
  incidents: SummaryIncident[];
}

interface Bucket {
  start: number;
  group: string;
  count: number;
  spam: number;
  complaints: number;
  positive: number;
  neutral: number;
  negative: number;
  sentimentSum: number;
  p1: number;
  p2: number;
  categories: Record<Category, number>;
  /** Complaints per `<category>` and half-window index since the period start. */
  halves: Map<Category, Map<number, number>>;
}

/**
 * A streaming summary: `add` assessments one by one, read `rows()` at any time.
 * @example
 * ```ts
 * import { createSummarizer, readJsonl, scoreBatch, type Summarizer } from 'webcare';
 * const summary: Summarizer = createSummarizer({ by: 'day' });
 * for await (const a of scoreBatch(readJsonl('year.jsonl'))) summary.add(a);
 * console.log(summary.rows().length, 'days;', summary.undated, 'without a date');
 * ```
 */
export interface Summarizer {
  /** Count one assessment into its period and group. */
  add(assessment: Assessment): void;
  /** The rows so far, oldest period first. */
  rows(): SummaryRow[];
  /** Assessments skipped for lack of a valid `createdAt` (see `undated`). */
  readonly undated: number;
  /** Assessments added (including undated ones). */
  readonly added: number;
}

/** Most periods `fill` creates between the first and the last (10 years of days). */
const MAX_FILLED_PERIODS = 3660;

const GROUP_BY = new Set<string>(['category', 'language', 'source', 'intent']);
const UNITS = new Set<string>(['hour', 'day', 'week']);

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0; // + 0 turns -0 into 0
}

function emptyCounts(): Record<Category, number> {
  const c = {} as Record<Category, number>;
  for (const cat of CATEGORIES) c[cat] = 0;
  return c;
}

function createdAtOf(a: Assessment): number | undefined {
  // Assessments that went through JSON (a dataframe, a file) carry the date as a string.
  const v: unknown = a.mention?.createdAt;
  let t: number;
  if (v instanceof Date) t = v.getTime();
  else if (typeof v === 'number') t = v;
  else if (typeof v === 'string') t = Date.parse(v);
  else return undefined;
  return Number.isFinite(t) ? t : undefined;
}

function groupOf(a: Assessment, by: SummaryGroupBy | undefined): string {
  switch (by) {
    case undefined:
      return 'all';
    case 'category':
      return a.complaint.categories[0] ?? 'none';
    case 'language':
      return a.language;
    case 'source':
      return a.mention.source ?? 'unknown';
    case 'intent':
      return a.intent;
  }
}

/**
 * Build a streaming summariser, for inputs too large to hold in memory.
 *
 * @example
 * ```ts
 * import { createSummarizer, readJsonl, scoreBatch } from 'webcare';
 * const summary = createSummarizer({ by: 'day', timeZone: 'Europe/Amsterdam' });
 * for await (const a of scoreBatch(readJsonl('year.jsonl'))) summary.add(a);
 * console.table(summary.rows());
 * ```
 */
export function createSummarizer(options: SummarizeOptions = {}): Summarizer {
  if (typeof options !== 'object' || options === null) throw invalidConfig('options', 'an object', options);
  const unit = options.by ?? 'day';
  if (!UNITS.has(unit)) throw invalidConfig('by', "'hour', 'day' or 'week'", unit);
  const groupBy = options.groupBy;
  if (groupBy !== undefined && !GROUP_BY.has(groupBy)) {
    throw invalidConfig('groupBy', "'category', 'language', 'source' or 'intent'", groupBy);
  }
  const clock = new PeriodClock(options.timeZone ?? 'UTC');
  const undatedPolicy = options.undated ?? 'skip';
  if (undatedPolicy !== 'skip' && !(undatedPolicy instanceof Date && Number.isFinite(undatedPolicy.getTime()))) {
    throw invalidConfig('undated', "'skip' or a valid Date", undatedPolicy);
  }
  const fill = options.fill ?? true;
  const threshold = options.incidents?.threshold ?? 5;
  const windowMinutes = options.incidents?.windowMinutes ?? 60;
  if (!Number.isInteger(threshold) || threshold < 2)
    throw invalidConfig('incidents.threshold', 'an integer >= 2', threshold);
  if (!(typeof windowMinutes === 'number' && windowMinutes >= 2 && Number.isFinite(windowMinutes))) {
    throw invalidConfig('incidents.windowMinutes', 'a number of minutes >= 2', windowMinutes);
  }
  // Counting in half-windows and summing neighbours finds any burst that fits in half a window,
  // and most that fit in a whole one, with memory bounded by time span instead of mention count.
  const halfMs = (windowMinutes * MINUTE) / 2;

  const buckets = new Map<string, Bucket>();
  const groupTotals = new Map<string, number>();
  let undated = 0;
  let added = 0;

  function bucketFor(start: number, group: string): Bucket {
    const key = `${start}\u0000${group}`;
    let b = buckets.get(key);
    if (b === undefined) {
      b = {
        start,
        group,
        count: 0,
        spam: 0,
        complaints: 0,
        positive: 0,
        neutral: 0,
        negative: 0,
        sentimentSum: 0,
        p1: 0,
        p2: 0,
        categories: emptyCounts(),
        halves: new Map(),
      };
      buckets.set(key, b);
    }
    return b;
  }

  function add(a: Assessment): void {
    added++;
    let t = createdAtOf(a);
    if (t === undefined) {
      if (undatedPolicy === 'skip') {
        undated++;
        return;
      }
      t = undatedPolicy.getTime();
    }
    const wall = clock.wall(t);
    const start = periodStart(wall, unit);
    const group = groupOf(a, groupBy);
    groupTotals.set(group, (groupTotals.get(group) ?? 0) + 1);
    const b = bucketFor(start, group);
    b.count++;
    if (a.isSpam) {
      b.spam++;
      return;
    }
    b[a.sentiment.label]++;
    b.sentimentSum += a.sentiment.score;
    if (a.priority === 'P1') b.p1++;
    else if (a.priority === 'P2') b.p2++;
    if (!a.complaint.isComplaint) return;
    b.complaints++;
    const cat = a.complaint.categories[0] ?? 'other';
    b.categories[cat]++;
    let halves = b.halves.get(cat);
    if (halves === undefined) b.halves.set(cat, (halves = new Map()));
    const h = Math.floor((wall - start) / halfMs);
    halves.set(h, (halves.get(h) ?? 0) + 1);
  }

  function incidentsOf(b: Bucket, period: string): SummaryIncident[] {
    const out: SummaryIncident[] = [];
    for (const cat of CATEGORIES) {
      const halves = b.halves.get(cat);
      if (halves === undefined) continue;
      const idx = [...halves.keys()].sort((x, y) => x - y);
      let open: { from: number; to: number; complaints: number; peak: number } | undefined;
      const close = () => {
        if (open === undefined) return;
        out.push({
          period,
          group: b.group,
          category: cat,
          start: new Date(clock.instant(b.start + open.from * halfMs)),
          end: new Date(clock.instant(b.start + (open.to + 1) * halfMs)),
          complaints: open.complaints,
          peak: open.peak,
          threshold,
          windowMinutes,
        });
        open = undefined;
      };
      // Windows are pairs of neighbouring half-windows (h, h + 1); hot windows that touch merge.
      for (const h0 of new Set(idx.flatMap((h) => [h - 1, h]))) {
        const c0 = halves.get(h0) ?? 0;
        const c1 = halves.get(h0 + 1) ?? 0;
        if (c0 + c1 < threshold) continue;
        const from = c0 > 0 ? h0 : h0 + 1;
        const to = c1 > 0 ? h0 + 1 : h0;
        if (open !== undefined && from <= open.to + 1) {
          for (let h = open.to + 1; h <= to; h++) open.complaints += halves.get(h) ?? 0;
          open.to = Math.max(open.to, to);
          open.peak = Math.max(open.peak, c0 + c1);
        } else {
          close();
          let complaints = 0;
          for (let h = from; h <= to; h++) complaints += halves.get(h) ?? 0;
          open = { from, to, complaints, peak: c0 + c1 };
        }
      }
      close();
    }
    return out.sort((x, y) => x.start.getTime() - y.start.getTime() || x.category.localeCompare(y.category));
  }

  function rows(): SummaryRow[] {
    if (buckets.size === 0) return [];
    const groups = [...groupTotals.entries()]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .map(([g]) => g);
    let starts = [...new Set([...buckets.values()].map((b) => b.start))].sort((x, y) => x - y);
    if (fill) {
      const all: number[] = [];
      const last = starts[starts.length - 1] as number;
      for (let s = starts[0] as number; s <= last; s = nextPeriod(s, unit)) {
        // One stray date (epoch 0 from a broken export) would otherwise make millions of rows.
        if (all.length >= MAX_FILLED_PERIODS) {
          throw new WebcareError(
            'INVALID_CONFIG',
            `Filling the gaps would make more than ${MAX_FILLED_PERIODS} periods (${periodLabel(starts[0] as number, unit)} to ${periodLabel(last, unit)}); check the dates, use a longer period, or pass fill: false`,
            { field: 'fill', expected: `at most ${MAX_FILLED_PERIODS} periods`, received: 'a wider date range' },
          );
        }
        all.push(s);
      }
      starts = all;
    }
    const out: SummaryRow[] = [];
    for (const start of starts) {
      const period = periodLabel(start, unit);
      for (const group of groups) {
        const b = buckets.get(`${start}\u0000${group}`);
        if (b === undefined && !fill) continue;
        out.push(toRow(b ?? bucketShape(start, group), period));
      }
    }
    return out;
  }

  function bucketShape(start: number, group: string): Bucket {
    // A zero row that is not stored, so reading rows never grows the accumulator.
    return {
      start,
      group,
      count: 0,
      spam: 0,
      complaints: 0,
      positive: 0,
      neutral: 0,
      negative: 0,
      sentimentSum: 0,
      p1: 0,
      p2: 0,
      categories: emptyCounts(),
      halves: new Map(),
    };
  }

  function toRow(b: Bucket, period: string): SummaryRow {
    const real = b.count - b.spam;
    const topCategories = CATEGORIES.filter((c) => b.categories[c] > 0)
      .sort((x, y) => b.categories[y] - b.categories[x] || CATEGORIES.indexOf(x) - CATEGORIES.indexOf(y))
      .slice(0, 3);
    return {
      period,
      periodStart: new Date(clock.instant(b.start)),
      group: b.group,
      count: b.count,
      spam: b.spam,
      complaints: b.complaints,
      complaintShare: real > 0 ? round(b.complaints / real, 4) : 0,
      meanSentiment: real > 0 ? round(b.sentimentSum / real, 4) : 0,
      netSentiment: real > 0 ? round(((b.positive - b.negative) / real) * 100, 1) : 0,
      positive: b.positive,
      neutral: b.neutral,
      negative: b.negative,
      p1: b.p1,
      p2: b.p2,
      categoryCounts: { ...b.categories },
      topCategories,
      incidents: incidentsOf(b, period),
    };
  }

  return {
    add,
    rows,
    get undated() {
      return undated;
    },
    get added() {
      return added;
    },
  };
}

/**
 * Summarise assessments over time: one row per period (and group) with counts, complaint share,
 * mean sentiment, a net sentiment score (share positive minus share negative, -100..100), P1/P2
 * counts, top categories and incidents. Periods come from `mention.createdAt` (a Date, or an ISO
 * string after a JSON round trip); mentions without one are skipped unless `undated` gives a date.
 *
 * @example
 * ```ts
 * import { readJsonl, scoreBatch, summarize } from 'webcare';
 * const { assessments } = await scoreBatch(readJsonl('mentions.jsonl')).collect();
 * const daily = summarize(assessments, { by: 'day', timeZone: 'Europe/Amsterdam' });
 * console.table(daily.map(({ period, count, complaintShare, netSentiment }) => ({ period, count, complaintShare, netSentiment })));
 * const perCategory = summarize(assessments, { by: 'week', groupBy: 'category' });
 * ```
 */
export function summarize(assessments: Iterable<Assessment>, options: SummarizeOptions = {}): SummaryRow[] {
  const s = createSummarizer(options);
  for (const a of assessments) s.add(a);
  return s.rows();
}

/**
 * All incidents of a summary, oldest first.
 *
 * @example
 * ```ts
 * import { incidentsOf, summarize, type Assessment } from 'webcare';
 * declare const assessments: Assessment[];
 * for (const i of incidentsOf(summarize(assessments))) console.log(i.category, i.start, i.complaints);
 * ```
 */
export function incidentsOf(rows: readonly SummaryRow[]): SummaryIncident[] {
  return rows
    .flatMap((r) => r.incidents)
    .sort((x, y) => x.start.getTime() - y.start.getTime() || x.category.localeCompare(y.category));
}
