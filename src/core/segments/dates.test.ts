import { describe, expect, it } from 'vitest';
import { addDays, annualRanges, localDate, sqlTimestamp, startOfDay, windowRange } from './dates.js';

describe('rule dates', () => {
  it('takes "today" in the business time zone', () => {
    expect(localDate(new Date('2024-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-01-01');
    expect(localDate(new Date('2024-12-31T16:30:00Z'), 'UTC')).toBe('2024-12-31');
  });

  it('starts a day at local midnight, also across daylight saving', () => {
    expect(startOfDay('2025-01-01', 'Asia/Shanghai').toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(startOfDay('2025-03-09', 'America/New_York').toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(startOfDay('2025-03-10', 'America/New_York').toISOString()).toBe('2025-03-10T04:00:00.000Z');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('turns windows into ranges', () => {
    const now = new Date('2025-06-15T04:00:00Z');
    expect(windowRange({ type: 'last_days', days: 2 }, now, 'Asia/Shanghai')).toEqual({ from: new Date('2025-06-13T04:00:00Z'), to: now, toInclusive: true });
    expect(windowRange({ type: 'between', from: '2025-06-01', to: '2025-06-01' }, now, 'Asia/Shanghai')).toEqual({
      from: new Date('2025-05-31T16:00:00Z'),
      to: new Date('2025-06-01T16:00:00Z'),
      toInclusive: false,
    });
    expect(windowRange(undefined, now, 'Asia/Shanghai')).toEqual({ from: undefined, to: now, toInclusive: true });
    expect(sqlTimestamp(now)).toBe('2025-06-15 04:00:00.000');
  });

  it('finds month-day ranges for yearly dates, across the year end and around 29 February', () => {
    expect(annualRanges('2025-06-15', 'next', 7)).toEqual([[615, 622]]);
    expect(annualRanges('2024-12-28', 'next', 7)).toEqual([[1228, 1231], [101, 104]]);
    expect(annualRanges('2025-01-02', 'last', 3)).toEqual([[1230, 1231], [101, 102]]);
    expect(annualRanges('2025-02-21', 'next', 7)).toEqual([[221, 229]]);
    expect(annualRanges('2024-02-21', 'next', 7)).toEqual([[221, 228]]);
    expect(annualRanges('2025-06-15', 'next', 0)).toEqual([[615, 615]]);
    expect(annualRanges('2025-06-15', 'next', 365)).toBe('all');
    expect(annualRanges('2025-01-02', 'next', 364)).toEqual([[102, 1231], [101, 101]]);
  });
});
