// Retail calendar of Chinese e-commerce: Spring Festival (年货节 before it, logistics pause during
// it), 3.8, 520, 618, Double 11 and Double 12. Turns it into a daily purchase-intensity
// multiplier (local Asia/Shanghai days) normalised to mean 1 over the simulated window, and
// an hour-of-day profile. Pure: no clock, the window is passed in.

export const SECONDS_PER_DAY = 86_400;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
export const LOCAL_OFFSET_SECONDS = 8 * 3600;

/** Spring Festival (农历正月初一) dates, Gregorian, by year. */
export const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2015: '02-19',
  2016: '02-08',
  2017: '01-28',
  2018: '02-16',
  2019: '02-05',
  2020: '01-25',
  2021: '02-12',
  2022: '02-01',
  2023: '01-22',
  2024: '02-10',
  2025: '01-29',
  2026: '02-17',
  2027: '02-06',
  2028: '01-26',
  2029: '02-13',
  2030: '02-03',
  2031: '01-23',
  2032: '02-11',
  2033: '01-31',
  2034: '02-19',
  2035: '02-08',
};

/** Local (UTC+8) day number of a Unix time in seconds. */
export function localDay(sec: number): number {
  return Math.floor((sec + LOCAL_OFFSET_SECONDS) / SECONDS_PER_DAY);
}

/** Day number (days since 1970-01-01) of a calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** Spring Festival day number; years outside the table fall back to 4 February (mid-range). */
export function springFestivalDay(year: number): number {
  const md = SPRING_FESTIVAL[year];
  if (md === undefined) return dayNumber(year, 2, 4);
  return dayNumber(year, Number(md.slice(0, 2)), Number(md.slice(3, 5)));
}

/** Raw (un-normalised) purchase-intensity multiplier of one calendar day. */
export function rawDayMultiplier(day: number): number {
  const date = new Date(day * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const weekday = date.getUTCDay();
  let mult = weekday === 0 || weekday === 6 ? 1.1 : 1;

  // Spring Festival: this year's, or next year's when it falls in late December/January.
  for (const sfYear of [y, y + 1]) {
    const k = day - springFestivalDay(sfYear);
    if (k >= -25 && k <= -8) mult *= 1.5; // 年货节
    else if (k >= -7 && k <= -1) mult *= 0.9;
    else if (k >= 0 && k <= 6) mult *= 0.55; // couriers and shops closed
    else if (k >= 7 && k <= 14) mult *= 0.85;
  }

  if (m === 3 && (d === 7 || d === 8)) mult *= 1.6; // 女神节
  if (m === 5 && d === 20) mult *= 1.4; // 520
  if (m === 6) {
    if (d <= 3) mult *= 1.8;
    else if (d <= 15) mult *= 1.25;
    else if (d <= 17) mult *= 1.8;
    else if (d === 18) mult *= 3.5;
    else if (d <= 20) mult *= 1.2;
  }
  if (m === 10 && d >= 20) mult *= 1.35; // Double 11 pre-sale
  if (m === 11) {
    if (d <= 3) mult *= 1.9;
    else if (d <= 9) mult *= 1.3;
    else if (d === 10) mult *= 1.8;
    else if (d === 11) mult *= 6;
    else if (d <= 13) mult *= 1.3;
  }
  if (m === 12) {
    if (d === 10 || d === 11) mult *= 1.4;
    else if (d === 12) mult *= 2.5;
  }
  return mult;
}

/** A named promotion on a day, or null: drives discounts and coupon events. */
export function promotionOf(day: number): '618' | 'double11' | 'double12' | 'new_year' | null {
  const date = new Date(day * 86_400_000);
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  if (m === 6 && d <= 20) return '618';
  if ((m === 10 && d >= 20) || (m === 11 && d <= 13)) return 'double11';
  if (m === 12 && d >= 10 && d <= 12) return 'double12';
  const k = day - springFestivalDay(date.getUTCFullYear());
  const kNext = day - springFestivalDay(date.getUTCFullYear() + 1);
  if ((k >= -25 && k <= -8) || (kNext >= -25 && kNext <= -8)) return 'new_year';
  return null;
}

export interface SeasonCalendar {
  /** First local day of the window. */
  readonly firstDay: number;
  /** Multiplier per local day, normalised so the mean over the window is 1. */
  readonly multipliers: Float64Array;
  readonly max: number;
  /** Promotion name by local day index (null outside promotions). */
  readonly promotions: readonly (string | null)[];
}

export function buildSeasonCalendar(startSec: number, endSec: number): SeasonCalendar {
  const firstDay = localDay(startSec);
  const lastDay = localDay(endSec);
  const n = lastDay - firstDay + 1;
  const multipliers = new Float64Array(n);
  const promotions: (string | null)[] = new Array<string | null>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = rawDayMultiplier(firstDay + i);
    multipliers[i] = v;
    promotions[i] = promotionOf(firstDay + i);
    sum += v;
  }
  const mean = sum / n;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = (multipliers[i] ?? 0) / mean;
    multipliers[i] = v;
    if (v > max) max = v;
  }
  return { firstDay, multipliers, max, promotions };
}

/** Multiplier at a Unix time (seconds); 1 outside the window. */
export function seasonAt(cal: SeasonCalendar, sec: number): number {
  return cal.multipliers[localDay(sec) - cal.firstDay] ?? 1;
}

export function promotionAt(cal: SeasonCalendar, sec: number): string | null {
  return cal.promotions[localDay(sec) - cal.firstDay] ?? null;
}

/** Relative order volume by local hour: quiet at night, lunch bump, evening peak. */
export const ORDER_HOUR_WEIGHTS: readonly number[] = [
  1.2, 0.6, 0.3, 0.15, 0.1, 0.15, 0.4, 0.9, 1.3, 1.6, 1.9, 2.0, 2.2, 1.9, 1.7, 1.7, 1.7, 1.6, 1.8, 2.3, 2.9,
  3.2, 2.8, 1.9,
];

/** Double 11 starts at midnight: the first hour is the busiest of the year. */
export const DOUBLE11_HOUR_WEIGHTS: readonly number[] = ORDER_HOUR_WEIGHTS.map((w, h) =>
  h === 0 ? 10 : h === 1 ? 3 : w,
);

/** Shops open 10:00-22:00. */
export const STORE_HOUR_WEIGHTS: readonly number[] = ORDER_HOUR_WEIGHTS.map((w, h) =>
  h >= 10 && h <= 21 ? w : 0,
);
