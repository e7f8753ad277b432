/**
 * Calendar periods (hour, day, ISO week) in an IANA time zone, without a date library. Work is
 * done in "wall-clock milliseconds" (the local date and time read as if it were UTC), where every
 * day has 24 hours, so stepping and labelling are plain arithmetic; only period starts are turned
 * back into real instants.
 * @module
 */
import { invalidConfig } from '../errors.js';

/**
 * The length of a summary period.
 * @example
 * ```ts
 * import { summarize, type Assessment, type PeriodUnit } from 'webcare';
 * declare const assessments: Assessment[];
 * const by: PeriodUnit = 'week'; // rows labelled like '2026-W47' (ISO weeks)
 * const weekly = summarize(assessments, { by, timeZone: 'Europe/Amsterdam' });
 * ```
 */
export type PeriodUnit = 'hour' | 'day' | 'week';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** UTC offsets change on quarter hours at the finest, so one lookup per slot is exact. */
const SLOT = 15 * MINUTE;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Converts instants to wall-clock time in one time zone, caching the offset per 15 minutes. */
export class PeriodClock {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();

  constructor(timeZone = 'UTC') {
    if (typeof timeZone !== 'string' || timeZone === '') throw invalidConfig('timeZone', 'an IANA time zone', timeZone);
    this.timeZone = timeZone;
    if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
      this.format = undefined;
      return;
    }
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      throw invalidConfig('timeZone', 'an IANA time zone such as Europe/Amsterdam', timeZone);
    }
  }

  /** Milliseconds to add to an instant to get its wall-clock time. */
  offset(t: number): number {
    if (this.format === undefined) return 0;
    const slot = Math.floor(t / SLOT);
    let off = this.offsets.get(slot);
    if (off === undefined) {
      const at = slot * SLOT;
      const p: Record<string, number> = {};
      for (const part of this.format.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
      const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
      off = wall - at;
      if (this.offsets.size > 100_000) this.offsets.clear(); // bounded, even over centuries of data
      this.offsets.set(slot, off);
    }
    return off;
  }

  /** Wall-clock milliseconds of an instant. */
  wall(t: number): number {
    return t + this.offset(t);
  }

  /** The instant at which the wall clock shows `wall` (the later one if it repeats, DST aside). */
  instant(wall: number): number {
    const guess = wall - this.offset(wall);
    return wall - this.offset(guess);
  }
}

/** Start of the period containing a wall-clock time, in wall-clock ms. */
export function periodStart(wall: number, unit: PeriodUnit): number {
  if (unit === 'hour') return Math.floor(wall / HOUR) * HOUR;
  const day = Math.floor(wall / DAY);
  if (unit === 'day') return day * DAY;
  // 1970-01-01 was a Thursday; ISO weeks start on Monday.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return (day - weekday) * DAY;
}

/** The next period's start, in wall-clock ms. */
export function nextPeriod(start: number, unit: PeriodUnit): number {
  return start + (unit === 'hour' ? HOUR : unit === 'day' ? DAY : 7 * DAY);
}

/** Label of a period: `2026-11-20`, `2026-11-20 14:00`, or the ISO week `2026-W47`. */
export function periodLabel(start: number, unit: PeriodUnit): string {
  const d = new Date(start);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (unit === 'day') return date;
  if (unit === 'hour') return `${date} ${pad(d.getUTCHours())}:00`;
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(start + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${pad(week)}`;
}

export { DAY, HOUR, MINUTE };
