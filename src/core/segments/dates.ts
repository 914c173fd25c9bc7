// Date arithmetic for rules, done in TypeScript so the SQL only ever compares against bound
// values. Timestamps are UTC in storage; whole days (`between` windows, absolute dates, "today"
// for birthdays) are days in the business time zone.
import type { Window } from './rule-schema.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year ?? 0, m: parts.month ?? 0, d: parts.day ?? 0, h: parts.hour ?? 0, min: parts.minute ?? 0, s: parts.second ?? 0 };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return ymd(Date.UTC(w.y, w.m - 1, w.d));
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

/** The UTC instant at which a calendar date starts in a time zone. */
export function startOfDay(date: string, timeZone: string): Date {
  const guess = parseYmd(date);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

export function addDays(date: string, days: number): string {
  return ymd(parseYmd(date) + days * DAY_MS);
}

function parseYmd(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A Date as the text both engines cast to TIMESTAMP (UTC wall time, millisecond precision). */
export function sqlTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** A time range: `from` inclusive (when given), `to` inclusive or exclusive. */
export interface TimeRange {
  readonly from: Date | undefined;
  readonly to: Date;
  readonly toInclusive: boolean;
}

/** The range a window covers; no window means all time up to now. */
export function windowRange(w: Window | undefined, now: Date, timeZone: string): TimeRange {
  if (w === undefined) return { from: undefined, to: now, toInclusive: true };
  if (w.type === 'last_days') return { from: new Date(now.getTime() - w.days * DAY_MS), to: now, toInclusive: true };
  return { from: startOfDay(w.from, timeZone), to: startOfDay(addDays(w.to, 1), timeZone), toInclusive: false };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** month * 100 + day, the key birthday-style conditions compare on. */
function monthDay(date: string): number {
  return Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/**
 * The month-day ranges (inclusive, as month * 100 + day) a yearly date such as a birthday must
 * fall in to recur within `days` days after (or before) `today`, today included. A window that
 * crosses the year end gives two ranges; one of a year or more covers everything ('all').
 * In a non-leap year 29 February counts as falling on the 28th.
 */
export function annualRanges(today: string, direction: 'next' | 'last', days: number): 'all' | Array<readonly [number, number]> {
  if (days + 1 >= 366) return 'all';
  const first = direction === 'next' ? today : addDays(today, -days);
  const last = direction === 'next' ? addDays(today, days) : today;
  const start = monthDay(first);
  let end = monthDay(last);
  if (end === 228 && !isLeap(Number(last.slice(0, 4)))) end = 229;
  return start <= end ? [[start, end]] : [[start, 1231], [101, end]];
}
