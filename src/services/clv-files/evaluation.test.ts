import { describe, expect, it } from 'vitest';
import { accuracy, baselinePredictions, byFrequency, pearson, trackingSeries } from './evaluation.js';

const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

describe('holdout figures', () => {
  it('Pearson correlation, MAE and totals', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1e9 + 1, 1e9 + 2, 1e9 + 3], [1, 2, 4])).toBeCloseTo(0.9819805060619657, 9);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(accuracy(Float64Array.of(1, 2), Float64Array.of(2, 2))).toEqual({ repeatPurchases: 3, meanAbsoluteError: 0.5, correlation: null });
  });

  it('baseline keeps the calibration rate; T = 0 predicts nothing', () => {
    expect([...baselinePredictions(Float64Array.of(2, 0, 3), Float64Array.of(10, 5, 0), 5)]).toEqual([1, 0, 0]);
  });

  it('groups by calibration frequency with a final x+ row', () => {
    const x = Float64Array.of(0, 0, 1, 5, 9);
    const rows = byFrequency(x, Float64Array.of(0, 1, 1, 4, 8), Float64Array.of(0.5, 0.5, 1, 3, 7), new Float64Array(5), 3);
    expect(rows.map((r) => [r.x, r.orMore, r.customers, r.actual, r.predicted])).toEqual([
      [0, false, 2, 0.5, 0.5],
      [1, false, 1, 1, 1],
      [3, true, 2, 6, 5],
    ]);
  });

  it('tracking weeks end on the calibration end, with a partial last week at the holdout end', () => {
    // two customers born on days 100 and 103; repeat purchases on days 104, 110 (calibration) and 120 (holdout)
    const weeks = trackingSeries(
      {
        birthDays: Float64Array.of(100, 103),
        birthCounts: Float64Array.of(1, 1),
        repeatDays: Float64Array.of(120, 104, 110),
        repeatCounts: Float64Array.of(1, 1, 1),
        calibrationEnd: 113,
        holdoutEnd: 124,
        unitDays: 7,
        expected: (t) => t, // one purchase a week
        baselineRate: 0.5,
      },
      iso,
    );
    expect(weeks.map((w) => [w.week, w.end, w.holdout, w.actual])).toEqual([
      [1, iso(106), false, 1],
      [2, iso(113), false, 2],
      [3, iso(120), true, 3],
      [4, iso(124), true, 3],
    ]);
    expect(weeks[0]?.predicted).toBeCloseTo(6 / 7 + 3 / 7, 12);
    expect(weeks[1]?.baseline).toBeNull();
    expect(weeks[2]?.baseline).toBeCloseTo(2 + 0.5, 12);
    expect(weeks[3]?.baseline).toBeCloseTo(2 + 0.5 * (11 / 7), 12);
  });
});
