// The per-customer summary every buy-till-you-die model is fitted on, stored column-wise in
// typed arrays so that a million customers take 24 MB and no per-customer objects.

/**
 * Repeat-purchase summary: for customer i, x[i] = number of repeat purchases (the first purchase
 * is not counted), tx[i] = time of the last purchase and T[i] = time of the end of observation,
 * both measured from the first purchase in the same unit (weeks in the literature). weight[i],
 * when present, is how many identical customers row i stands for.
 */
export interface CustomerSummary {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight?: Float64Array;
}

/** Build a summary from plain rows (convenient for small inputs and tests). */
export function summaryFromRows(rows: readonly { readonly x: number; readonly tx: number; readonly T: number; readonly weight?: number }[]): CustomerSummary {
  const hasWeight = rows.some((r) => r.weight !== undefined);
  const base = {
    x: Float64Array.from(rows, (r) => r.x),
    tx: Float64Array.from(rows, (r) => r.tx),
    T: Float64Array.from(rows, (r) => r.T),
  };
  return hasWeight ? { ...base, weight: Float64Array.from(rows, (r) => r.weight ?? 1) } : base;
}

/** Number of rows. */
export function summaryLength(s: CustomerSummary): number {
  return s.x.length;
}

/** Sum of the weights (the number of customers represented). */
export function totalWeight(s: { readonly x: Float64Array; readonly weight?: Float64Array }): number {
  if (!s.weight) return s.x.length;
  let total = 0;
  for (let i = 0; i < s.weight.length; i++) total += s.weight[i] as number;
  return total;
}

/**
 * Throws RangeError on the first row that no model accepts: arrays of different lengths,
 * non-finite values, x < 0 or not an integer, tx < 0, tx > T, x = 0 with tx != 0, or weight < 0.
 */
export function validateSummary(s: CustomerSummary): void {
  const n = s.x.length;
  if (s.tx.length !== n || s.T.length !== n || (s.weight && s.weight.length !== n)) {
    throw new RangeError(`summary columns have different lengths: x ${n}, tx ${s.tx.length}, T ${s.T.length}, weight ${s.weight?.length ?? '-'}`);
  }
  for (let i = 0; i < n; i++) {
    const x = s.x[i] as number;
    const tx = s.tx[i] as number;
    const T = s.T[i] as number;
    const w = s.weight ? (s.weight[i] as number) : 1;
    const problem =
      !Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(T) || !Number.isFinite(w)
        ? 'non-finite value'
        : x < 0 || !Number.isInteger(x)
          ? 'x must be a non-negative integer'
          : tx < 0
            ? 'tx must be >= 0'
            : tx > T
              ? 'tx must be <= T'
              : x === 0 && tx !== 0
                ? 'tx must be 0 when x is 0'
                : w < 0
                  ? 'weight must be >= 0'
                  : undefined;
    if (problem) throw new RangeError(`summary row ${i} (x=${x}, tx=${tx}, T=${T}, weight=${w}): ${problem}`);
  }
}
