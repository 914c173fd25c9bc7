// Customer lifetime value over a finite horizon with discounting, as in Fader, Hardie & Lee
// (2005, "RFM and CLV") and the usual practice of discounting expected purchases period by period:
//
//   CLV = margin * E[spend] * sum_{k=1}^{K} (E[Y(k D)] - E[Y((k-1) D)]) / (1 + d)^k
//
// where E[Y(t)] is the model's expected number of purchases in (T, T + t] for this customer,
// D the period length in the model's time unit (e.g. 52/12 weeks for monthly discounting),
// K the number of periods and d the discount rate per period. Purchases made during period k
// are discounted by (1 + d)^k (end-of-period convention). Each increment is clamped at 0, so the
// value is never negative.

import type { BgNbdParams } from './bg-nbd.js';
import { bgNbdConditionalExpectedPurchases, bgNbdExpectedPurchasesIfAlive, bgNbdProbabilityAlive } from './bg-nbd-predict.js';
import type { BgBbParams } from './bg-bb.js';
import { bgBbConditionalExpectedPurchases } from './bg-bb.js';
import { compressSummaryOnce, expandToRows, type CompressedSummary } from './compress.js';
import type { ParetoNbdParams } from './pareto-nbd.js';
import { paretoNbdConditionalExpectedPurchases } from './pareto-nbd-predict.js';
import type { CustomerSummary } from './summary.js';

export type PurchaseModel =
  | { readonly kind: 'bg-nbd'; readonly params: BgNbdParams }
  | { readonly kind: 'pareto-nbd'; readonly params: ParetoNbdParams }
  /** discrete opportunities: tx and T are t_x and n; the period length must be a whole number */
  | { readonly kind: 'bg-bb'; readonly params: BgBbParams };

export interface DiscountOptions {
  /** number of periods K in the horizon (e.g. 12 for a year of monthly periods) */
  readonly periods: number;
  /** length D of one period in the model's time unit (e.g. 52 / 12 when the model is in weeks) */
  readonly periodLength: number;
  /** discount rate d per period, >= 0 (e.g. 0.01 a month) */
  readonly discountRate: number;
}

export interface ClvOptions extends DiscountOptions {
  /** share of spend that is profit (default 1: value in revenue) */
  readonly margin?: number;
}

function assertDiscount(o: DiscountOptions): void {
  if (!Number.isInteger(o.periods) || o.periods < 0) throw new RangeError(`CLV: periods must be a non-negative integer, got ${o.periods}`);
  if (!(o.periodLength > 0) || !Number.isFinite(o.periodLength)) throw new RangeError(`CLV: periodLength must be > 0, got ${o.periodLength}`);
  if (!(o.discountRate >= 0) || !Number.isFinite(o.discountRate)) throw new RangeError(`CLV: discountRate must be >= 0, got ${o.discountRate}`);
}

/** E[Y(t) | x, tx, T] for the chosen model. */
export function conditionalExpectedPurchases(model: PurchaseModel, x: number, tx: number, T: number, t: number): number {
  switch (model.kind) {
    case 'bg-nbd':
      return bgNbdConditionalExpectedPurchases(model.params, x, tx, T, t);
    case 'pareto-nbd':
      return paretoNbdConditionalExpectedPurchases(model.params, x, tx, T, t);
    case 'bg-bb':
      if (!Number.isInteger(t)) throw new RangeError(`CLV: BG/BB horizons must be whole opportunities, got ${t}`);
      return bgBbConditionalExpectedPurchases(model.params, x, tx, T, t);
  }
}

/** sum_{k=1}^{K} max(0, E[Y(k D)] - E[Y((k-1) D)]) / (1 + d)^k for one customer. */
export function discountedExpectedPurchases(model: PurchaseModel, x: number, tx: number, T: number, options: DiscountOptions): number {
  assertDiscount(options);
  // BG/NBD's E[Y(t)] is P(alive) times E[Y(t) | alive]: P(alive) does not depend on t, so it is
  // computed once and the sum runs over the second factor (a third of the work per period).
  if (model.kind === 'bg-nbd' && options.periods > 0) {
    const params = model.params;
    return countOrZero(bgNbdProbabilityAlive(params, x, tx, T) * discountedIncrements((t) => bgNbdExpectedPurchasesIfAlive(params, x, T, t), options));
  }
  return countOrZero(discountedIncrements((t) => conditionalExpectedPurchases(model, x, tx, T, t), options));
}

/** The discounted, non-negative increments of a cumulative expectation E over the periods. */
function discountedIncrements(expected: (t: number) => number, options: DiscountOptions): number {
  let previous = 0;
  let total = 0;
  let discount = 1;
  for (let k = 1; k <= options.periods; k++) {
    discount /= 1 + options.discountRate;
    const current = expected(k * options.periodLength);
    total += Math.max(0, current - previous) * discount;
    previous = Math.max(previous, current);
  }
  return total;
}

function countOrZero(v: number): number {
  return v > 0 && Number.isFinite(v) ? v : 0;
}

/**
 * discountedExpectedPurchases as a function over many customers. BG/NBD's sum over the periods
 * (of E[Y(t) | alive]) depends on x and T but not on tx, so it is summed once per (x, T) pair
 * and scaled by each customer's P(alive): the 1M demo has about ten times fewer pairs than
 * distinct (x, tx, T) rows, and the sum is most of the work (a 2F1 per period).
 */
function discountedPurchasesOf(model: PurchaseModel, options: DiscountOptions): (x: number, tx: number, T: number) => number {
  assertDiscount(options);
  if (model.kind !== 'bg-nbd' || options.periods === 0) return (x, tx, T) => discountedExpectedPurchases(model, x, tx, T, options);
  const params = model.params;
  const ifAlive = perPair((x, T) => discountedIncrements((t) => bgNbdExpectedPurchasesIfAlive(params, x, T, t), options));
  return (x, tx, T) => countOrZero(bgNbdProbabilityAlive(params, x, tx, T) * ifAlive(x, T));
}

/** `f` remembered per (x, T) pair. */
export function perPair(f: (x: number, T: number) => number): (x: number, T: number) => number {
  const byX = new Map<number, Map<number, number>>();
  return (x, T) => {
    let byT = byX.get(x);
    if (!byT) {
      byT = new Map();
      byX.set(x, byT);
    }
    let v = byT.get(T);
    if (v === undefined) {
      v = f(x, T);
      byT.set(T, v);
    }
    return v;
  };
}

function assertSpend(spend: number, margin: number): void {
  if (!(spend >= 0) || !Number.isFinite(spend)) throw new RangeError(`CLV: expected spend must be a finite number >= 0, got ${spend}`);
  if (!(margin >= 0) || !Number.isFinite(margin)) throw new RangeError(`CLV: margin must be a finite number >= 0, got ${margin}`);
}

/** CLV of one customer with expected spend per transaction `spend` (e.g. Gamma-Gamma's). */
export function customerLifetimeValue(model: PurchaseModel, x: number, tx: number, T: number, spend: number, options: ClvOptions): number {
  const margin = options.margin ?? 1;
  assertSpend(spend, margin);
  return margin * spend * discountedExpectedPurchases(model, x, tx, T, options);
}

/**
 * CLV of every customer of a summary. The discounted purchase count depends only on (x, tx, T),
 * so it is computed once per distinct row; spend is one value for all or one per customer.
 */
export function customerLifetimeValues(model: PurchaseModel, summary: CustomerSummary, spend: number | Float64Array, options: ClvOptions): Float64Array {
  const margin = options.margin ?? 1;
  const n = summary.x.length;
  if (typeof spend !== 'number' && spend.length !== n) throw new RangeError(`CLV: spend has ${spend.length} values for ${n} customers`);
  const distinct = distinctOf(summary);
  const counts = new Float64Array(distinct.x.length);
  const purchases = discountedPurchasesOf(model, options);
  for (let i = 0; i < counts.length; i++) counts[i] = purchases(distinct.x[i] as number, distinct.tx[i] as number, distinct.T[i] as number);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = typeof spend === 'number' ? spend : (spend[i] as number);
    assertSpend(m, margin);
    out[i] = margin * m * (counts[distinct.rowOf[i] as number] as number);
  }
  return out;
}

/** Apply a per-customer function once per distinct (x, tx, T) row and spread the results back. */
export function mapDistinctRows(summary: CustomerSummary, f: (x: number, tx: number, T: number) => number): Float64Array {
  const distinct = distinctOf(summary);
  const values = new Float64Array(distinct.x.length);
  for (let i = 0; i < values.length; i++) values[i] = f(distinct.x[i] as number, distinct.tx[i] as number, distinct.T[i] as number);
  return expandToRows(values, distinct.rowOf);
}

function distinctOf(summary: CustomerSummary): CompressedSummary {
  return compressSummaryOnce({ x: summary.x, tx: summary.tx, T: summary.T });
}
