/**
 * The dashboard's category chart, drawn by the library's own `summarize` and `chart` (the data
 * team's API), so the page and a notebook show the same picture. Periods are hours, or days once
 * the feed spans more than three days. Only mentions with a `createdAt` are counted, as in
 * `summarize`.
 * @module
 */
import { chart } from '../batch/chart.js';
import { type Summarizer, createSummarizer } from '../batch/summarize.js';
import type { Assessment } from '../types.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Create a category chart fed one assessment at a time.
 *
 * @example
 * ```ts
 * const report = createCategoryChart();
 * report.add(scoreMention({ text: 'Storing!', createdAt: '2026-03-02T08:00:00Z' }));
 * report.svg(); // '<svg ...>' or undefined before the first dated mention
 * ```
 */
export function createCategoryChart(): { add(a: Assessment): void; svg(): string | undefined } {
  // Both grains are kept, as the span is only known at the end; each is bounded by the span.
  const hourly: Summarizer = createSummarizer({ by: 'hour' });
  const daily: Summarizer = createSummarizer({ by: 'day' });
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  return {
    add(a) {
      const t = a.mention.createdAt?.getTime();
      if (t === undefined || !Number.isFinite(t)) return;
      hourly.add(a);
      daily.add(a);
      if (t < first) first = t;
      if (t > last) last = t;
    },
    svg() {
      if (first > last) return undefined;
      const byDay = last - first > 3 * DAY_MS;
      return chart(byDay ? daily.rows() : hourly.rows(), {
        kind: 'stacked-bar',
        metric: 'categories',
        title: byDay ? 'Complaints per category per day' : 'Complaints per category per hour',
        width: 480,
        height: 260,
      });
    },
  };
}
