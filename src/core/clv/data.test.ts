import { describe, expect, it } from 'vitest';
import { compressSummary, compressSummaryOnce, expandToRows, uniqueRows } from './compress.js';
import { summaryFromRows, totalWeight, validateSummary } from './summary.js';
import { dayNumber, summarizeTransactions } from './transactions.js';

describe('compressSummary', () => {
  it('merges identical rows, sums weights, sorts by x and maps rows back', () => {
    const s = summaryFromRows([
      { x: 2, tx: 5, T: 10 },
      { x: 0, tx: 0, T: 10 },
      { x: 2, tx: 5, T: 10 },
      { x: 0, tx: 0, T: 8 },
      { x: 0, tx: -0, T: 10 },
    ]);
    const c = compressSummary(s);
    expect(Array.from(c.x)).toEqual([0, 0, 2]);
    expect(Array.from(c.T)).toEqual([8, 10, 10]);
    expect(Array.from(c.weight)).toEqual([1, 2, 2]);
    expect(Array.from(c.rowOf)).toEqual([2, 1, 2, 0, 1]);
    expect(Array.from(expandToRows(Float64Array.of(10, 20, 30), c.rowOf))).toEqual([30, 20, 30, 10, 20]);
    expect(totalWeight(c)).toBe(5);
  });

  it('keeps input weights and an optional spend column in the key', () => {
    const s = { ...summaryFromRows([{ x: 1, tx: 1, T: 2 }, { x: 1, tx: 1, T: 2 }, { x: 1, tx: 1, T: 2 }]), weight: Float64Array.of(2, 3, 4) };
    const c = compressSummary(s, { spend: Float64Array.of(5, 5, 7) });
    expect(Array.from(c.weight)).toEqual([5, 4]);
    expect(Array.from(c.zbar ?? [])).toEqual([5, 7]);
  });

  it('handles a large input in linear time', () => {
    const n = 200_000;
    const cols = [Float64Array.from({ length: n }, (_, i) => i % 7), Float64Array.from({ length: n }, (_, i) => i % 11)];
    const u = uniqueRows(cols);
    expect(u.weight.length).toBe(77);
    expect(u.weight.reduce((a, b) => a + b, 0)).toBe(n);
  });

  // Packed-rank sort for few distinct values per column, comparison sort when the packed key
  // would not be exact (many distinct values in four columns): both must agree with a plain check.
  it.each([
    { name: 'few distinct values per column', columns: 3, levels: 40 },
    { name: 'too many to pack into one number', columns: 4, levels: 5000 },
  ])('sorts distinct rows lexicographically with their weights: $name', ({ columns, levels }) => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const n = 20_000;
    const cols = Array.from({ length: columns }, () => Float64Array.from({ length: n }, () => ((next() % levels) - levels / 2) / 7));
    const weight = Float64Array.from({ length: n }, () => 1 + (next() % 3));
    const u = uniqueRows(cols, weight);
    const m = u.weight.length;
    const key = (get: (c: number) => number) => Array.from({ length: columns }, (_, c) => get(c)).join(',');
    const expected = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = key((c) => cols[c]?.[i] as number);
      expected.set(k, (expected.get(k) ?? 0) + (weight[i] as number));
    }
    expect(m).toBe(expected.size);
    for (let r = 0; r < m; r++) {
      expect(u.weight[r]).toBe(expected.get(key((c) => u.columns[c]?.[r] as number)));
      if (r === 0) continue;
      let c = 0;
      while (c < columns && u.columns[c]?.[r] === u.columns[c]?.[r - 1]) c++;
      expect(c).toBeLessThan(columns); // distinct
      expect(u.columns[c]?.[r] as number).toBeGreaterThan(u.columns[c]?.[r - 1] as number); // ascending
    }
    for (let i = 0; i < n; i += 97) {
      expect(key((c) => u.columns[c]?.[u.rowOf[i] as number] as number)).toBe(key((c) => cols[c]?.[i] as number));
    }
  });
});

describe('compressSummaryOnce', () => {
  it('compresses the same column arrays once, and never mistakes other arrays or weights for them', () => {
    const s = { x: Float64Array.of(1, 1, 0), tx: Float64Array.of(2, 2, 0), T: Float64Array.of(5, 5, 5) };
    const first = compressSummaryOnce(s);
    expect(first.x.length).toBe(2);
    expect(compressSummaryOnce({ x: s.x, tx: s.tx, T: s.T })).toBe(first);
    const copy = compressSummaryOnce({ x: Float64Array.from(s.x), tx: s.tx, T: s.T });
    expect(copy).not.toBe(first);
    expect(Array.from(copy.weight)).toEqual(Array.from(first.weight));
    const weighted = compressSummaryOnce({ ...s, weight: Float64Array.of(3, 1, 2) });
    expect(weighted).not.toBe(first);
    expect(Array.from(weighted.weight)).toEqual([2, 4]);
  });
});

describe('validateSummary', () => {
  it('rejects impossible rows with the row number', () => {
    expect(() => validateSummary(summaryFromRows([{ x: 1, tx: 5, T: 4 }]))).toThrow(/row 0.*tx must be <= T/);
    expect(() => validateSummary(summaryFromRows([{ x: 1.5, tx: 1, T: 4 }]))).toThrow(/integer/);
    expect(() => validateSummary(summaryFromRows([{ x: 0, tx: 1, T: 4 }]))).toThrow(/tx must be 0/);
    expect(() => validateSummary(summaryFromRows([{ x: 1, tx: Number.NaN, T: 4 }]))).toThrow(/non-finite/);
    expect(() => validateSummary({ x: Float64Array.of(1), tx: Float64Array.of(1, 2), T: Float64Array.of(3) })).toThrow(/lengths/);
  });
});

describe('summarizeTransactions', () => {
  const d = (s: string): number => dayNumber(s);

  it('follows the literature conventions', () => {
    const out = summarizeTransactions(
      [
        // same-day purchases merge; the first purchase is not counted
        [d('1997-01-01'), d('1997-01-01'), d('1997-01-15'), d('1997-01-29')],
        // only one purchase day: x = 0, tx = 0
        [d('1997-02-01'), d('1997-02-01')],
        // first purchase after the calibration end: left out
        [d('1997-10-01')],
        // purchases after the end are ignored; the end day itself counts
        [d('1997-09-02'), d('1997-09-30'), d('1997-10-05')],
      ],
      { calibrationEnd: d('1997-09-30'), unit: 'weeks' },
      [
        [10, 5, 20, 40],
        [7, 8],
        [1],
        [3, 4, 100],
      ],
    );
    expect(Array.from(out.customer)).toEqual([0, 1, 3]);
    expect(Array.from(out.x)).toEqual([2, 0, 1]);
    expect(out.tx[0]).toBeCloseTo(4, 12);
    expect(out.T[0]).toBeCloseTo(272 / 7, 12);
    expect(out.tx[1]).toBe(0);
    expect(out.tx[2]).toBeCloseTo(4, 12);
    expect(Array.from(out.zbar ?? [])).toEqual([30, 0, 4]);
  });

  it('measures in days, weeks or months', () => {
    const days = [[d('2024-01-01'), d('2024-03-01')]];
    const end = d('2024-12-31');
    expect(summarizeTransactions(days, { calibrationEnd: end, unit: 'days' }).tx[0]).toBe(60);
    expect(summarizeTransactions(days, { calibrationEnd: end, unit: 'months' }).tx[0]).toBeCloseTo(60 / (365.25 / 12), 12);
  });

  it('parses dates strictly', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber(19970101)).toBe(dayNumber('1997-01-01'));
    expect(dayNumber(new Date('1997-01-01T23:59:00Z'))).toBe(dayNumber('1997-01-01'));
    expect(() => dayNumber('1997-02-30')).toThrow(RangeError);
    expect(() => dayNumber('yesterday')).toThrow(RangeError);
  });
});
