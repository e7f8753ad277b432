/**
 * The dashboard chart's time series: mentions, complaints and sentiment per minute, re-bucketed on
 * request into at most 60 buckets (one minute to a week each). Memory grows with the time span
 * of the feed, not with the number of mentions.
 * @module
 */
import type { Assessment } from '../types.js';

/** One bucket of the chart's time series. */
export interface SummaryBucket {
  /** ISO 8601 start of the bucket. */
  start: string;
  count: number;
  complaints: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Mean sentiment score (-1..1) of the mentions in the bucket; 0 when empty. */
  meanSentiment: number;
}

interface Agg {
  count: number;
  complaints: number;
  negative: number;
  neutral: number;
  positive: number;
  sentimentSum: number;
}

/** Bucket sizes the chart may use, in minutes; the smallest that keeps <= 60 buckets wins. */
const BUCKET_MINUTES = [1, 5, 15, 30, 60, 180, 360, 720, 1440, 10080];
const MAX_BUCKETS = 60;

const empty = (): Agg => ({ count: 0, complaints: 0, negative: 0, neutral: 0, positive: 0, sentimentSum: 0 });

/**
 * Create an empty series.
 *
 * @example
 * ```ts
 * const series = createSeries();
 * series.add(scoreMention('Storing!'), Date.now());
 * series.buckets().buckets[0]?.count; // 1
 * ```
 */
export function createSeries(): {
  add(a: Assessment, t: number): void;
  buckets(): { bucketMinutes: number; buckets: SummaryBucket[] };
} {
  const minutes = new Map<number, Agg>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  return {
    add(a, t) {
      const minute = Math.floor(t / 60_000);
      let agg = minutes.get(minute);
      if (agg === undefined) minutes.set(minute, (agg = empty()));
      agg.count += 1;
      agg[a.sentiment.label] += 1;
      agg.sentimentSum += a.sentiment.score;
      if (a.complaint.isComplaint) agg.complaints += 1;
      if (minute < first) first = minute;
      if (minute > last) last = minute;
    },
    buckets() {
      if (minutes.size === 0) return { bucketMinutes: 1, buckets: [] };
      const bucketMinutes = BUCKET_MINUTES.find((b) => (last - first) / b < MAX_BUCKETS) ?? 10080;
      const base = Math.floor(first / bucketMinutes);
      const acc = Array.from({ length: Math.floor(last / bucketMinutes) - base + 1 }, empty);
      for (const [minute, agg] of minutes) {
        const b = acc[Math.floor(minute / bucketMinutes) - base];
        if (b === undefined) continue;
        b.count += agg.count;
        b.complaints += agg.complaints;
        b.negative += agg.negative;
        b.neutral += agg.neutral;
        b.positive += agg.positive;
        b.sentimentSum += agg.sentimentSum;
      }
      return {
        bucketMinutes,
        buckets: acc.map((b, i) => ({
          start: new Date((base + i) * bucketMinutes * 60_000).toISOString(),
          count: b.count,
          complaints: b.complaints,
          negative: b.negative,
          neutral: b.neutral,
          positive: b.positive,
          meanSentiment: b.count === 0 ? 0 : Math.round((b.sentimentSum / b.count) * 1000) / 1000,
        })),
      };
    },
  };
}
