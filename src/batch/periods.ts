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
/** The largest distance from 1970 a Date can hold, in ms. */
const MAX_TIME = 8.64e15;
/** A time clamped to what a Date can hold. */
const clampTime = (t: number) => Math.min(MAX_TIME, Math.max(-MAX_TIME, t));

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
      // Clamped to the range of Date: a period start next to the first or last representable
      // instant is looked up a little beyond it.
      const at = clampTime(slot * SLOT);
      const p: Record<string, number> = {};
      for (const part of this.format.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
      // The wall clock's time of day against UTC's; an offset is less than a day, so a different
      // day of the month means the day before or after. (Not the wall year: Date.UTC reads years
      // 0-99 as 1900-1999, and the formatter writes 272 BC as 272.)
      const u = new Date(at);
      let minutes = (p.hour ?? 0) * 60 + (p.minute ?? 0) - (u.getUTCHours() * 60 + u.getUTCMinutes());
      if (p.day !== u.getUTCDate()) minutes += minutes < 0 ? 24 * 60 : -24 * 60;
      off = minutes * MINUTE;
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

/** Days before the first of each month in a common year. */
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const mod = (a: number, n: number) => ((a % n) + n) % n;

/** A year as ISO 8601 writes it: four digits, or a sign and six outside 0000-9999. */
function isoYear(y: number): string {
  return y >= 0 && y <= 9999 ? pad(y, 4) : `${y < 0 ? '-' : '+'}${pad(Math.abs(y), 6)}`;
}

/** Label of a period: `2026-11-20`, `2026-11-20 14:00`, or the ISO week `2026-W47`. */
export function periodLabel(start: number, unit: PeriodUnit): string {
  // A wall clock behind UTC at the first representable instant reads before it: label that
  // period by the first day a Date can hold.
  const d = new Date(clampTime(start));
  const date = `${isoYear(d.getUTCFullYear())}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (unit === 'day') return date;
  if (unit === 'hour') return `${date} ${pad(d.getUTCHours())}:00`;
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(clampTime(start + 3 * DAY));
  const year = thursday.getUTCFullYear();
  // Its day of the year, from the calendar (a Date for 1 January may not exist near the limits).
  const month = thursday.getUTCMonth();
  const leap = mod(year, 4) === 0 && (mod(year, 100) !== 0 || mod(year, 400) === 0);
  const dayOfYear = (DAYS_BEFORE[month] as number) + thursday.getUTCDate() + (leap && month > 1 ? 1 : 0);
  const week = Math.floor((dayOfYear - 1) / 7) + 1;
  return `${isoYear(year)}-W${pad(week)}`;
}

export { DAY, HOUR, MINUTE };
