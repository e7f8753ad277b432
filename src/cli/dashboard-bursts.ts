/**
 * Burst detection for the dashboard: `threshold` or more complaints in one category whose
 * `createdAt` fall within `windowMinutes` of each other open an incident (an outage, a failed
 * delivery round). Only mentions with a real `createdAt` count: arrival time in a replayed file
 * says nothing about when people complained. `other` is not a topic, so it never bursts.
 * @module
 */
import type { Category } from '../types.js';

/** A burst of complaints in one category, shown as a banner. */
export interface Incident {
  /** Stable while the incident grows, so the page updates one banner instead of adding many. */
  id: string;
  category: Category;
  /** Complaints that make up the incident so far. */
  count: number;
  threshold: number;
  windowMinutes: number;
  /** ISO 8601 `createdAt` of the first and last complaint in it. */
  firstAt: string;
  lastAt: string;
  /** Ids of the mentions that make it up (the first 100). */
  mentionIds: string[];
  /** Who detected it: the dashboard's own detector or the monitor. */
  detectedBy: 'dashboard' | 'monitor';
}

/** Options of the burst detector. */
export interface BurstOptions {
  /** Complaints in one category within the window that make an incident. Default 5. */
  threshold?: number;
  /** Window in minutes. Default 30. */
  windowMinutes?: number;
}

interface Point {
  t: number;
  id: string;
}

interface Track {
  points: Point[];
  active?: Incident & { first: number; last: number };
}

const MAX_IDS = 100;
/** Points kept per category; older ones cannot be in any window near new mentions. */
const MAX_POINTS = 5000;

function lowerBound(points: Point[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((points[mid] as Point).t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(points: Point[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((points[mid] as Point).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Create a burst detector. `add` returns the incident a complaint opened or grew, if any.
 *
 * @example
 * ```ts
 * const bursts = createBurstDetector({ threshold: 3, windowMinutes: 10 });
 * const t = Date.parse('2026-01-05T08:00:00Z');
 * bursts.add('disruption', t, 'a');
 * bursts.add('disruption', t + 60_000, 'b');
 * bursts.add('disruption', t + 120_000, 'c')?.count; // 3
 * ```
 */
export function createBurstDetector(options: BurstOptions = {}): {
  add(category: Category, t: number, id: string): Incident | undefined;
} {
  const threshold = options.threshold ?? 5;
  const windowMinutes = options.windowMinutes ?? 30;
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw new Error(`burst threshold must be an integer of at least 2, received ${threshold}`);
  }
  if (!Number.isFinite(windowMinutes) || windowMinutes <= 0) {
    throw new Error(`burst window must be a positive number of minutes, received ${windowMinutes}`);
  }
  const w = windowMinutes * 60_000;
  const tracks = new Map<Category, Track>();

  const publish = (a: NonNullable<Track['active']>): Incident => ({
    id: a.id,
    category: a.category,
    count: a.count,
    threshold,
    windowMinutes,
    firstAt: new Date(a.first).toISOString(),
    lastAt: new Date(a.last).toISOString(),
    mentionIds: [...a.mentionIds],
    detectedBy: 'dashboard',
  });

  return {
    add(category, t, id) {
      if (category === 'other' || !Number.isFinite(t)) return undefined;
      let track = tracks.get(category);
      if (track === undefined) tracks.set(category, (track = { points: [] }));
      const { points } = track;
      points.splice(upperBound(points, t), 0, { t, id });
      if (points.length > MAX_POINTS) points.splice(0, points.length - MAX_POINTS);

      const a = track.active;
      // Still within a window of the running incident: it grows (the outage goes on).
      if (a !== undefined && t >= a.first - w && t <= a.last + w) {
        a.count += 1;
        a.first = Math.min(a.first, t);
        a.last = Math.max(a.last, t);
        if (a.mentionIds.length < MAX_IDS) a.mentionIds.push(id);
        return publish(a);
      }
      // Feeds are not always in time order, so try every window that contains t: each one
      // starts at a point between t - w and t (a handful, as no incident is running here).
      const end = upperBound(points, t);
      for (let i = lowerBound(points, t - w); i < end; i++) {
        const start = (points[i] as Point).t;
        const hi = upperBound(points, start + w);
        if (hi - i < threshold) continue;
        const members = points.slice(i, hi);
        const last = (members[members.length - 1] as Point).t;
        track.active = {
          id: `${category}-${new Date(start).toISOString()}`,
          category,
          count: members.length,
          threshold,
          windowMinutes,
          firstAt: '',
          lastAt: '',
          mentionIds: members.slice(0, MAX_IDS).map((p) => p.id),
          detectedBy: 'dashboard',
          first: start,
          last,
        };
        return publish(track.active);
      }
      return undefined;
    },
  };
}
