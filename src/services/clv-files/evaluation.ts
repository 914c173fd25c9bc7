// Holdout figures for a fitted purchase model: totals, per-customer error and correlation,
// the classic "conditional expectations by calibration frequency" table and the weekly tracking
// of cumulative repeat purchases (Fader, Hardie & Lee 2005, figures 2-4). Pure functions over
// typed arrays.

export interface AccuracyFigures {
  /** predicted (or actual) repeat purchases in the holdout, summed over customers */
  readonly repeatPurchases: number;
  /** mean over customers of |predicted - actual| */
  readonly meanAbsoluteError: number;
  /** Pearson correlation of predicted and actual across customers (null when either is constant) */
  readonly correlation: number | null;
}

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const n = actual.length;
  if (n === 0) return Number.NaN;
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.abs((predicted[i] as number) - (actual[i] as number));
  return total / n;
}

/** Pearson correlation (two-pass, so large means do not cancel); null when a side has no variance. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n < 2 || b.length !== n) return null;
  const ma = sum(a) / n;
  const mb = sum(b) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (!(saa > 0) || !(sbb > 0)) return null;
  return sab / Math.sqrt(saa * sbb);
}

export function accuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>): AccuracyFigures {
  return { repeatPurchases: sum(predicted), meanAbsoluteError: meanAbsoluteError(predicted, actual), correlation: pearson(predicted, actual) };
}

/**
 * The naive baseline: each customer keeps buying at their calibration repeat rate x / T for the
 * holdout length (0 when T = 0, i.e. the first purchase was on the calibration end).
 */
export function baselinePredictions(x: Float64Array, T: Float64Array, holdoutLength: number): Float64Array {
  return Float64Array.from(x, (xi, i) => {
    const Ti = T[i] as number;
    return Ti > 0 ? (xi / Ti) * holdoutLength : 0;
  });
}

export interface FrequencyRow {
  /** calibration repeat purchases x; the last row holds x >= this value */
  readonly x: number;
  readonly orMore: boolean;
  readonly customers: number;
  /** mean holdout repeat purchases of these customers */
  readonly actual: number;
  readonly predicted: number;
  readonly baseline: number;
}

/** Mean actual and predicted holdout purchases by calibration frequency 0, 1, ..., top-1, top+. */
export function byFrequency(x: Float64Array, actual: Float64Array, predicted: Float64Array, baseline: Float64Array, top = 7): FrequencyRow[] {
  const n = top + 1;
  const count = new Float64Array(n);
  const act = new Float64Array(n);
  const pred = new Float64Array(n);
  const base = new Float64Array(n);
  for (let i = 0; i < x.length; i++) {
    const k = Math.min(top, x[i] as number);
    count[k] = (count[k] as number) + 1;
    act[k] = (act[k] as number) + (actual[i] as number);
    pred[k] = (pred[k] as number) + (predicted[i] as number);
    base[k] = (base[k] as number) + (baseline[i] as number);
  }
  const rows: FrequencyRow[] = [];
  for (let k = 0; k < n; k++) {
    const c = count[k] as number;
    if (c === 0) continue;
    rows.push({ x: k, orMore: k === top, customers: c, actual: (act[k] as number) / c, predicted: (pred[k] as number) / c, baseline: (base[k] as number) / c });
  }
  return rows;
}

export interface TrackingInput {
  /** distinct first-purchase days (day numbers) of the customers, and how many customers each */
  readonly birthDays: Float64Array;
  readonly birthCounts: Float64Array;
  /** days with repeat purchases (after the customer's first day, up to the holdout end) and their counts */
  readonly repeatDays: Float64Array;
  readonly repeatCounts: Float64Array;
  readonly calibrationEnd: number;
  readonly holdoutEnd: number;
  /** days per model time unit (7 for weeks) */
  readonly unitDays: number;
  /** E[X(t)] of a new customer, t in model units */
  readonly expected: (t: number) => number;
  /** sum over customers of their calibration repeat rate x / T, per model unit (for the baseline) */
  readonly baselineRate: number;
}

export interface TrackingWeek {
  /** 1 = the week holding the first first purchase; the calibration end closes a week */
  readonly week: number;
  /** last day of the week (the holdout end for a final partial week) */
  readonly end: string;
  readonly holdout: boolean;
  /** cumulative repeat purchases to the end of the week */
  readonly actual: number;
  /** sum over customers of E[X(t)], t = time from their first purchase to the end of the week */
  readonly predicted: number;
  /** holdout weeks: actual at the calibration end plus every customer at their calibration rate */
  readonly baseline: number | null;
}

/**
 * Weekly cumulative repeat purchases, actual against the model's unconditional expectation for a
 * cohort with these first-purchase days. Weeks are aligned so that one ends on the calibration end.
 */
export function trackingSeries(input: TrackingInput, isoDate: (day: number) => string): TrackingWeek[] {
  const { birthDays, birthCounts, calibrationEnd, holdoutEnd } = input;
  if (birthDays.length === 0) return [];
  let firstBirth = Number.POSITIVE_INFINITY;
  birthDays.forEach((d) => (firstBirth = Math.min(firstBirth, d)));
  const ends: number[] = [];
  for (let e = calibrationEnd - 7 * Math.floor((calibrationEnd - firstBirth) / 7); e <= holdoutEnd; e += 7) ends.push(e);
  if (ends[ends.length - 1] !== holdoutEnd) ends.push(holdoutEnd);
  // E[X(t)] only ever needs whole-day offsets: compute each once
  const cache = new Map<number, number>();
  const expectedAt = (days: number): number => {
    let v = cache.get(days);
    if (v === undefined) {
      v = days > 0 ? input.expected(days / input.unitDays) : 0;
      cache.set(days, v);
    }
    return v;
  };
  const order = Array.from(input.repeatDays.keys()).sort((p, q) => (input.repeatDays[p] as number) - (input.repeatDays[q] as number));
  let at = 0;
  let actual = 0;
  let actualAtEnd = Number.NaN;
  const weeks: TrackingWeek[] = [];
  ends.forEach((end, w) => {
    while (at < order.length && (input.repeatDays[order[at] as number] as number) <= end) {
      actual += input.repeatCounts[order[at] as number] as number;
      at++;
    }
    if (end === calibrationEnd) actualAtEnd = actual;
    let predicted = 0;
    for (let b = 0; b < birthDays.length; b++) {
      const offset = end - (birthDays[b] as number);
      if (offset > 0) predicted += (birthCounts[b] as number) * expectedAt(offset);
    }
    const holdout = end > calibrationEnd;
    const baseline = holdout ? actualAtEnd + input.baselineRate * ((end - calibrationEnd) / input.unitDays) : null;
    weeks.push({ week: w + 1, end: isoDate(end), holdout, actual, predicted, baseline });
  });
  return weeks;
}
