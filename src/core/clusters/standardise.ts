// Puts features on one scale before clustering: skewed ones (money, counts, days) through a
// signed log1p first, then every column to mean 0 and standard deviation 1. Missing values
// (NaN) take the column's median, so a customer without a prediction lands in the middle.
export type Transform = 'log1p' | 'none';

export interface Standardised {
  /** row-major n x d */
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  /** per column, in transformed units */
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  /** per column, how many values were missing and filled */
  readonly filled: Int32Array;
}

export function transformValue(v: number, t: Transform): number {
  if (t === 'none') return v;
  return v < 0 ? -Math.log1p(-v) : Math.log1p(v);
}

/** Columns (one Float64Array each, equal lengths) to a row-major standardised matrix. */
export function standardise(columns: readonly Float64Array[], transforms: readonly Transform[]): Standardised {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  const data = new Float64Array(n * d);
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  const filled = new Int32Array(d);
  for (let c = 0; c < d; c++) {
    const col = columns[c] as Float64Array;
    if (col.length !== n) throw new Error('standardise: columns differ in length');
    const t = transforms[c] ?? 'none';
    const tv = new Float64Array(n);
    const present: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      tv[i] = Number.isFinite(v) ? transformValue(v, t) : Number.NaN;
      if (Number.isFinite(v)) present.push(tv[i] as number);
    }
    present.sort((a, b) => a - b);
    const median = present.length === 0 ? 0 : (present[(present.length - 1) >> 1] as number + (present[present.length >> 1] as number)) / 2;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(tv[i] as number)) {
        tv[i] = median;
        filled[c] = (filled[c] as number) + 1;
      }
      sum += tv[i] as number;
    }
    const m = n > 0 ? sum / n : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += ((tv[i] as number) - m) ** 2;
    // A constant column carries no information: sd 1 keeps it at 0 rather than dividing by 0.
    const s = n > 1 ? Math.sqrt(ss / n) : 0;
    const scale = s > 1e-12 ? s : 1;
    mean[c] = m;
    sd[c] = scale;
    for (let i = 0; i < n; i++) data[i * d + c] = ((tv[i] as number) - m) / scale;
  }
  return { data, n, d, mean, sd, filled };
}
