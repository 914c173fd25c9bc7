// Churn features as column-major typed arrays, and the deterministic preprocessing fitted on the
// training rows and applied unchanged to any other rows: a log1p transform for skewed counts and
// money, median imputation of missing values (with a 0/1 "was missing" column where the absence
// itself is informative), and standardisation to mean 0 and standard deviation 1.

/** The per-customer features the scoring service computes as of a cutoff day. */
export const CHURN_FEATURE_NAMES = [
  'recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_interval_days', 'recency_ratio', 'spend_trend',
  'category_breadth', 'complaints_60d', 'nps_latest', 'detractor', 'events_30d', 'p_alive',
] as const;
export type ChurnFeatureName = (typeof CHURN_FEATURE_NAMES)[number];

/** One Float64Array per feature, all of length = customers; NaN marks a missing value. */
export type ChurnFeatures = Readonly<Record<ChurnFeatureName, Float64Array>>;
/** Any named feature columns (ChurnFeatures is one). */
export type RawFeatures = Readonly<Record<string, Float64Array>>;

export type FeatureTransform = 'identity' | 'log1p';

export interface FeatureSpec {
  readonly name: string;
  readonly transform: FeatureTransform;
  /** add a 0/1 column `${name}_missing` (missing = NaN or infinite) */
  readonly missingIndicator: boolean;
}

/**
 * The supervised model's inputs: every feature except p_alive, which enters the risk through
 * the second stage (risk.ts). avg_interval_days and nps_latest get missing indicators (one
 * order only; never answered the survey); recency_ratio is missing for exactly the same
 * customers as avg_interval_days, so a second indicator would be a duplicate column.
 * 12 features + 2 indicators = 14 model columns.
 */
export const DEFAULT_MODEL_FEATURES: readonly FeatureSpec[] = [
  { name: 'recency_days', transform: 'log1p', missingIndicator: false },
  { name: 'frequency', transform: 'log1p', missingIndicator: false },
  { name: 'monetary', transform: 'log1p', missingIndicator: false },
  { name: 'tenure_days', transform: 'log1p', missingIndicator: false },
  { name: 'avg_interval_days', transform: 'log1p', missingIndicator: true },
  { name: 'recency_ratio', transform: 'log1p', missingIndicator: false },
  { name: 'spend_trend', transform: 'identity', missingIndicator: false },
  { name: 'category_breadth', transform: 'log1p', missingIndicator: false },
  { name: 'complaints_60d', transform: 'log1p', missingIndicator: false },
  { name: 'nps_latest', transform: 'identity', missingIndicator: true },
  { name: 'detractor', transform: 'identity', missingIndicator: false },
  { name: 'events_30d', transform: 'log1p', missingIndicator: false },
];

/** Column-major design matrix: columns[j][i] is feature names[j] of row i. */
export interface FeatureMatrix {
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly rows: number;
}

export type ColumnKind = 'value' | 'missing';

/** How one model column is made from a raw feature; fill, mean and scale come from training rows. */
export interface ColumnScaler {
  readonly name: string;
  readonly source: string;
  readonly kind: ColumnKind;
  readonly transform: FeatureTransform;
  /** replacement for missing values, on the transformed scale (training median) */
  readonly fill: number;
  readonly mean: number;
  /** training standard deviation, or 1 for a constant column */
  readonly scale: number;
}

export interface Preprocessor {
  readonly columns: readonly ColumnScaler[];
}

export function featureMatrix(names: readonly string[], columns: readonly Float64Array[]): FeatureMatrix {
  if (names.length !== columns.length) throw new RangeError(`featureMatrix: ${names.length} names for ${columns.length} columns`);
  const rows = columns[0]?.length ?? 0;
  for (let j = 0; j < columns.length; j++) {
    if ((columns[j] as Float64Array).length !== rows) throw new RangeError(`featureMatrix: column ${names[j]} has ${(columns[j] as Float64Array).length} rows, expected ${rows}`);
  }
  return { names, columns, rows };
}

/** sign(x) log(1 + |x|): log1p for counts and money, odd so refunds (negatives) stay ordered. */
export function signedLog1p(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

function transformed(x: number, transform: FeatureTransform): number {
  return transform === 'log1p' ? signedLog1p(x) : x;
}

/** The raw column by name, checked for length. */
export function rawColumn(raw: RawFeatures, name: string, length?: number): Float64Array {
  const column = raw[name];
  if (column === undefined) throw new RangeError(`missing feature column ${name}`);
  if (length !== undefined && column.length !== length) throw new RangeError(`feature column ${name} has ${column.length} rows, expected ${length}`);
  return column;
}

/** values[rows[k]] for each k (a copy). */
export function selectRows(values: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k] as number];
    if (v === undefined) throw new RangeError(`row ${rows[k]} out of range (${values.length} rows)`);
    out[k] = v;
  }
  return out;
}

/**
 * Median of the finite values (NaN when there are none), by Hoare's quickselect with a
 * median-of-three pivot: O(n) expected and deterministic. The input is not modified.
 */
export function median(values: ArrayLike<number>): number {
  let n = 0;
  const a = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) a[n++] = v;
  }
  if (n === 0) return Number.NaN;
  const hi = select(a, n, n >> 1);
  // for an even count, the lower middle is the maximum of the part left of the upper middle
  if (n % 2 === 1) return hi;
  let lo = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) lo = Math.max(lo, a[i] as number);
  return (lo + hi) / 2;
}

/** The k-th smallest of a[0..n), partially reordering a so that a[0..k) <= a[k]. */
function select(a: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    const x = a[left] as number, y = a[mid] as number, z = a[right] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left, j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

function meanAndScale(column: Float64Array): { mean: number; scale: number } {
  const n = column.length;
  if (n === 0) return { mean: 0, scale: 1 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += column[i] as number;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((column[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  return { mean, scale: sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1 };
}

/** Standardised values of one model column for the given rows (all when omitted). */
function columnValues(source: Float64Array, c: ColumnScaler, rows?: ArrayLike<number>): Float64Array {
  const n = rows === undefined ? source.length : rows.length;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = source[rows === undefined ? k : (rows[k] as number)];
    if (x === undefined) throw new RangeError(`row ${rows?.[k]} out of range (${source.length} rows)`);
    out[k] = standardizeValue(c, x);
  }
  return out;
}

/** Fits fills, means and scales on the training rows (all rows when rows is omitted). */
export function fitPreprocessor(raw: RawFeatures, specs: readonly FeatureSpec[] = DEFAULT_MODEL_FEATURES, rows?: ArrayLike<number>): Preprocessor {
  const columns: ColumnScaler[] = [];
  let length: number | undefined;
  for (const spec of specs) {
    const source = rawColumn(raw, spec.name, length);
    length = source.length;
    const subset = rows === undefined ? source : selectRows(source, rows);
    const t = new Float64Array(subset.length);
    for (let i = 0; i < subset.length; i++) t[i] = transformed(subset[i] as number, spec.transform);
    const m = median(t);
    const fill = Number.isNaN(m) ? 0 : m;
    // the transform maps finite values to finite values, so t is finite exactly where x is present
    const missing = spec.missingIndicator ? new Float64Array(t.length) : undefined;
    for (let i = 0; i < t.length; i++) {
      if (Number.isFinite(t[i] as number)) continue;
      t[i] = fill;
      if (missing !== undefined) missing[i] = 1;
    }
    columns.push({ name: spec.name, source: spec.name, kind: 'value', transform: spec.transform, fill, ...meanAndScale(t) });
    if (missing !== undefined) {
      columns.push({ name: `${spec.name}_missing`, source: spec.name, kind: 'missing', transform: spec.transform, fill, ...meanAndScale(missing) });
    }
  }
  return { columns };
}

/** The standardised value of one model column for one raw value. */
export function standardizeValue(column: ColumnScaler, raw: number): number {
  const present = Number.isFinite(raw);
  const v = column.kind === 'missing' ? (present ? 0 : 1) : present ? transformed(raw, column.transform) : column.fill;
  return (v - column.mean) / column.scale;
}

/** The standardised design matrix for the given rows (all rows when omitted). */
export function applyPreprocessor(pre: Preprocessor, raw: RawFeatures, rows?: ArrayLike<number>): FeatureMatrix {
  const columns: Float64Array[] = [];
  let length: number | undefined;
  for (const c of pre.columns) {
    const source = rawColumn(raw, c.source, length);
    length = source.length;
    // standardizeValue itself, so row-by-row reasons see identical values
    columns.push(columnValues(source, c, rows));
  }
  return featureMatrix(pre.columns.map((c) => c.name), columns);
}
