import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpectedPurchases } from './bg-nbd-predict.js';
import { customerLifetimeValue, customerLifetimeValues, discountedExpectedPurchases, mapDistinctRows, type PurchaseModel } from './clv.js';
import { summaryFromRows } from './summary.js';

const bgParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const bgNbd: PurchaseModel = { kind: 'bg-nbd', params: bgParams };
const paretoNbd: PurchaseModel = { kind: 'pareto-nbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } };
const monthly = { periods: 12, periodLength: 52 / 12, discountRate: 0.01 };

describe('customer lifetime value', () => {
  it('is the discounted sum of expected purchases per period times spend and margin', () => {
    const [x, tx, T] = [2, 30.43, 38.86];
    let manual = 0;
    for (let k = 1; k <= 12; k++) {
      const inPeriod = bgNbdConditionalExpectedPurchases(bgParams, x, tx, T, (k * 52) / 12) - bgNbdConditionalExpectedPurchases(bgParams, x, tx, T, ((k - 1) * 52) / 12);
      manual += inPeriod / 1.01 ** k;
    }
    expect(customerLifetimeValue(bgNbd, x, tx, T, 35.17, { ...monthly, margin: 0.3 })).toBeCloseTo(0.3 * 35.17 * manual, 10);
  });

  it('without discounting equals spend times expected purchases over the horizon', () => {
    const value = customerLifetimeValue(paretoNbd, 26, 30.86, 31, 10, { periods: 12, periodLength: 52 / 12, discountRate: 0 });
    expect(value).toBeCloseTo(10 * 25.46, 0);
    expect(discountedExpectedPurchases(paretoNbd, 26, 30.86, 31, { periods: 12, periodLength: 52 / 12, discountRate: 0 })).toBeCloseTo(25.4585, 3);
  });

  it('is never negative or NaN, and zero for a customer who is surely gone', () => {
    expect(customerLifetimeValue(bgNbd, 1000, 10, 100, 50, monthly)).toBe(0);
    expect(customerLifetimeValue(bgNbd, 0, 0, 39, 0, monthly)).toBe(0);
    expect(customerLifetimeValue({ kind: 'bg-nbd', params: { r: 1e-8, alpha: 1e8, a: 1e8, b: 1e-8 } }, 5, 1, 39, 20, monthly)).toBeGreaterThanOrEqual(0);
    expect(() => customerLifetimeValue(bgNbd, 0, 0, 39, -1, monthly)).toThrow(RangeError);
    expect(() => customerLifetimeValue(bgNbd, 0, 0, 39, 1, { ...monthly, discountRate: -0.1 })).toThrow(RangeError);
  });

  it('computes every customer of a summary once per distinct row', () => {
    const s = summaryFromRows([
      { x: 2, tx: 30.43, T: 38.86 },
      { x: 0, tx: 0, T: 38.86 },
      { x: 2, tx: 30.43, T: 38.86 },
    ]);
    const values = customerLifetimeValues(bgNbd, s, Float64Array.of(10, 20, 30), monthly);
    expect(values[0]).toBeCloseTo(customerLifetimeValue(bgNbd, 2, 30.43, 38.86, 10, monthly), 12);
    expect(values[2]).toBeCloseTo(3 * (values[0] as number), 12);
    expect(values[1]).toBeCloseTo(customerLifetimeValue(bgNbd, 0, 0, 38.86, 20, monthly), 12);
    const pAlive = mapDistinctRows(s, (x) => x);
    expect(Array.from(pAlive)).toEqual([2, 0, 2]);
  });

  it('sums BG/NBD once per (x, T) but scales the sum by the P(alive) of each customer', () => {
    // same x and T, different tx (so different P(alive)); another T; another x
    const rows = [
      { x: 3, tx: 10, T: 40 }, { x: 3, tx: 35, T: 40 }, { x: 3, tx: 10, T: 52 }, { x: 1, tx: 10, T: 40 }, { x: 3, tx: 35, T: 40 },
    ];
    const values = customerLifetimeValues(bgNbd, summaryFromRows(rows), 1, monthly);
    rows.forEach((r, i) => expect(values[i]).toBe(discountedExpectedPurchases(bgNbd, r.x, r.tx, r.T, monthly)));
    expect(values[0]).not.toBe(values[1]);
  });

  it('works for BG/BB in whole opportunities', () => {
    const model: PurchaseModel = { kind: 'bg-bb', params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } };
    const value = customerLifetimeValue(model, 3, 4, 6, 50, { periods: 5, periodLength: 1, discountRate: 0.1 });
    expect(value).toBeGreaterThan(0);
    expect(() => customerLifetimeValue(model, 3, 4, 6, 50, { periods: 5, periodLength: 0.5, discountRate: 0.1 })).toThrow(RangeError);
  });
});
