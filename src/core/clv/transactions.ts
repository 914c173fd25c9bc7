// From per-customer purchase dates to the (x, tx, T) summary, with the conventions of the
// buy-till-you-die literature (Fader, Hardie & Lee 2005; the CDNOW data sets):
// - purchases on the same calendar day are one transaction (their values are added);
// - the first purchase starts the clock and is not counted: x = number of later purchase days;
// - tx = time from the first to the last purchase, T = time from the first purchase to the end
//   of the calibration period (inclusive), in days, weeks (7 days) or months (365.25/12 days);
// - zbar = mean value of the repeat transactions (0 when x = 0), as used by Gamma-Gamma.
// Purchases after the calibration end are ignored; customers whose first purchase is after it
// are left out (the `customer` column says which input each row came from).

import type { CustomerSummary } from './summary.js';

export type TimeUnit = 'days' | 'weeks' | 'months';

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7, months: 365.25 / 12 };

const MS_PER_DAY = 86_400_000;

/**
 * Whole days since 1970-01-01 (UTC) of a date given as 'YYYY-MM-DD', 'YYYYMMDD', a number
 * YYYYMMDD, or a Date (its UTC calendar day). Throws RangeError on anything else.
 */
export function dayNumber(date: string | number | Date): number {
  if (date instanceof Date) {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) throw new RangeError('dayNumber: invalid Date');
    return Math.floor(ms / MS_PER_DAY);
  }
  const text = String(date).trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`dayNumber: expected YYYY-MM-DD or YYYYMMDD, got '${text}'`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`dayNumber: no such date '${text}'`);
  return ms / MS_PER_DAY;
}

export interface SummarizeOptions {
  /** last day (inclusive) of the calibration period, as a day number (see dayNumber) */
  readonly calibrationEnd: number;
  /** unit of tx and T (default 'weeks') */
  readonly unit?: TimeUnit;
}

export interface TransactionSummary extends CustomerSummary {
  /** index into the input lists of the customer each row describes */
  readonly customer: Uint32Array;
  /** mean value of repeat transactions; present when values were given */
  readonly zbar?: Float64Array;
}

/**
 * Summarise customers' purchase days (day numbers, any order; fractions are floored to the day).
 * values, when given, holds each purchase's monetary value, parallel to days.
 */
export function summarizeTransactions(
  days: readonly ArrayLike<number>[],
  options: SummarizeOptions,
  values?: readonly ArrayLike<number>[],
): TransactionSummary {
  const unit = DAYS_PER_UNIT[options.unit ?? 'weeks'];
  const end = Math.floor(options.calibrationEnd);
  if (!Number.isFinite(end)) throw new RangeError('summarizeTransactions: calibrationEnd must be a finite day number');
  if (values && values.length !== days.length) throw new RangeError('summarizeTransactions: values must be parallel to days');
  const customer: number[] = [];
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const zbars: number[] = [];
  for (let c = 0; c < days.length; c++) {
    const list = days[c] as ArrayLike<number>;
    const vals = values?.[c];
    if (vals && vals.length !== list.length) throw new RangeError(`summarizeTransactions: customer ${c} has ${list.length} days but ${vals.length} values`);
    // merge same-day purchases, keeping only those on or before the calibration end
    const byDay = new Map<number, number>();
    for (let i = 0; i < list.length; i++) {
      const d = Math.floor(list[i] as number);
      if (!Number.isFinite(d)) throw new RangeError(`summarizeTransactions: customer ${c} has a non-finite day`);
      if (d > end) continue;
      byDay.set(d, (byDay.get(d) ?? 0) + (vals ? (vals[i] as number) : 0));
    }
    if (byDay.size === 0) continue;
    const sorted = [...byDay.keys()].sort((p, q) => p - q);
    const first = sorted[0] as number;
    const last = sorted[sorted.length - 1] as number;
    customer.push(c);
    xs.push(sorted.length - 1);
    txs.push((last - first) / unit);
    Ts.push((end - first) / unit);
    if (vals) {
      let total = 0;
      for (const d of sorted.slice(1)) total += byDay.get(d) as number;
      zbars.push(sorted.length > 1 ? total / (sorted.length - 1) : 0);
    }
  }
  const base = {
    customer: Uint32Array.from(customer),
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
  };
  return values ? { ...base, zbar: Float64Array.from(zbars) } : base;
}
