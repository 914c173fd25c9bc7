import { describe, expect, it } from 'vitest';
import {
  buildSeasonCalendar,
  dayNumber,
  localDay,
  promotionOf,
  rawDayMultiplier,
  seasonAt,
  SPRING_FESTIVAL,
  springFestivalDay,
} from './calendar.js';
import { formatCents, formatDay, TimestampFormatter } from './format.js';
import { Rng } from './prng.js';

const sec = (iso: string): number => Date.parse(iso) / 1000;

describe('retail calendar', () => {
  it('knows Spring Festival for every year a default history can cover', () => {
    for (let y = 2015; y <= 2035; y++) expect(SPRING_FESTIVAL[y]).toMatch(/^(01|02)-\d\d$/);
    expect(formatDay(springFestivalDay(2024))).toBe('2024-02-10');
    expect(formatDay(springFestivalDay(2025))).toBe('2025-01-29');
    // Outside the table a mid-range date keeps the shape of the year.
    expect(formatDay(springFestivalDay(2050))).toBe('2050-02-04');
  });

  it('peaks on Double 11, then 618, and dips during the Spring Festival holiday', () => {
    const d11 = rawDayMultiplier(dayNumber(2024, 11, 11));
    const d618 = rawDayMultiplier(dayNumber(2024, 6, 18));
    const d12 = rawDayMultiplier(dayNumber(2024, 12, 12));
    const ordinary = rawDayMultiplier(dayNumber(2024, 9, 10));
    const holiday = rawDayMultiplier(springFestivalDay(2024) + 2);
    const nianhuo = rawDayMultiplier(springFestivalDay(2024) - 15);
    expect(d11).toBeGreaterThan(d618);
    expect(d618).toBeGreaterThan(d12);
    expect(d12).toBeGreaterThan(ordinary);
    expect(holiday).toBeLessThan(ordinary);
    expect(nianhuo).toBeGreaterThan(ordinary);
    expect(promotionOf(dayNumber(2024, 11, 11))).toBe('double11');
    expect(promotionOf(dayNumber(2024, 6, 18))).toBe('618');
    expect(promotionOf(dayNumber(2024, 9, 10))).toBeNull();
  });

  it('normalises the multipliers to mean 1 over the window', () => {
    const cal = buildSeasonCalendar(sec('2022-06-30T00:00:00Z'), sec('2025-06-30T00:00:00Z'));
    const mean = cal.multipliers.reduce((s, v) => s + v, 0) / cal.multipliers.length;
    expect(mean).toBeCloseTo(1, 9);
    const double11s = ['2022', '2023', '2024'].map((y) => seasonAt(cal, sec(`${y}-11-11T04:00:00Z`)));
    expect(cal.max).toBe(Math.max(...double11s));
    expect(seasonAt(cal, sec('2030-01-01T00:00:00Z'))).toBe(1);
  });

  it('counts local days in UTC+8', () => {
    expect(localDay(sec('2024-11-10T16:30:00Z'))).toBe(dayNumber(2024, 11, 11));
    expect(localDay(sec('2024-11-10T15:59:59Z'))).toBe(dayNumber(2024, 11, 10));
  });
});

describe('formatting', () => {
  it('formats timestamps exactly like toISOString without milliseconds', () => {
    const start = sec('2022-01-01T00:00:00Z');
    const end = sec('2025-12-31T23:59:59Z');
    const f = new TimestampFormatter(start, end);
    const r = new Rng(9);
    for (let i = 0; i < 2000; i++) {
      const t = Math.floor(r.between(start - 86_400 * 30, end + 86_400 * 30));
      expect(f.iso(t)).toBe(new Date(t * 1000).toISOString().replace('.000Z', 'Z'));
    }
  });

  it('formats cents with two decimals', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(990)).toBe('9.90');
    expect(formatCents(123456)).toBe('1234.56');
    expect(formatCents(-250)).toBe('-2.50');
  });
});
