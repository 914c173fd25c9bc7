// Mean silhouette width: for each row, (b - a) / max(a, b) where a is its mean distance to its
// own cluster and b the mean distance to the nearest other cluster. Exact over all rows up to
// `sampleSize`; above that, over a seeded sample of rows (distances among the sample only).
import { sampleIndices, seededRandom } from './random.js';

export interface SilhouetteOptions {
  /** rows to use at most (default 5,000) */
  readonly sampleSize?: number;
  readonly seed?: number;
  /** a fixed set of rows to use instead of drawing a sample (so several k compare on the same rows) */
  readonly rows?: Int32Array;
}

export function silhouette(data: Float64Array, d: number, labels: Int32Array, k: number, opts: SilhouetteOptions = {}): number {
  const n = labels.length;
  const rows = opts.rows ?? sampleIndices(n, opts.sampleSize ?? 5000, seededRandom(opts.seed ?? 1));
  const m = rows.length;
  if (m < 2 || k < 2) return 0;
  // sums[i * k + c]: total distance from sample row i to the sample rows of cluster c.
  const sums = new Float64Array(m * k);
  const counts = new Int32Array(k);
  const lab = new Int32Array(m);
  for (let a = 0; a < m; a++) {
    lab[a] = labels[rows[a] as number] as number;
    counts[lab[a] as number] = (counts[lab[a] as number] as number) + 1;
  }
  for (let a = 0; a < m; a++) {
    const ia = (rows[a] as number) * d;
    const la = lab[a] as number;
    for (let b = a + 1; b < m; b++) {
      const ib = (rows[b] as number) * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = (data[ia + j] as number) - (data[ib + j] as number);
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      const lb = lab[b] as number;
      sums[a * k + lb] = (sums[a * k + lb] as number) + dist;
      sums[b * k + la] = (sums[b * k + la] as number) + dist;
    }
  }
  let total = 0;
  for (let a = 0; a < m; a++) {
    const la = lab[a] as number;
    const own = counts[la] as number;
    if (own <= 1) continue; // a singleton scores 0 by convention
    const ai = (sums[a * k + la] as number) / (own - 1);
    let bi = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c === la || (counts[c] as number) === 0) continue;
      bi = Math.min(bi, (sums[a * k + c] as number) / (counts[c] as number));
    }
    if (!Number.isFinite(bi)) continue;
    const den = Math.max(ai, bi);
    total += den > 0 ? (bi - ai) / den : 0;
  }
  return total / m;
}
