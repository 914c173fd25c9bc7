// k-means on a row-major Float64Array: k-means++ seeding from a seeded PRNG, Lloyd iterations,
// several restarts keeping the lowest inertia. Deterministic for a given seed; clusters come
// back ordered by size (largest first) so labels do not depend on which seed found them.
import { DomainError } from '../errors.js';
import { seededRandom, type Random } from './random.js';

export interface KMeansOptions {
  readonly seed?: number;
  /** independent k-means++ starts; the one with the lowest inertia wins (default 4) */
  readonly restarts?: number;
  readonly maxIterations?: number;
  /** stop when the centroids' total squared shift in an iteration falls below this (default 1e-4 x the mean column variance, as scikit-learn) */
  readonly tolerance?: number;
}

export interface KMeansResult {
  readonly k: number;
  readonly d: number;
  /** row-major k x d */
  readonly centroids: Float64Array;
  /** cluster of each row, 0..k-1 */
  readonly labels: Int32Array;
  readonly sizes: Int32Array;
  /** sum of squared distances of rows to their centroid */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function kmeans(data: Float64Array, d: number, k: number, opts: KMeansOptions = {}): KMeansResult {
  const n = d > 0 ? Math.floor(data.length / d) : 0;
  if (!Number.isInteger(k) || k < 1) throw new DomainError('invalid_input', `k must be a whole number >= 1, got ${k}`, 'k');
  if (n < k) throw new DomainError('invalid_input', `cannot form ${k} groups from ${n} rows`, 'k');
  const rng = seededRandom(opts.seed ?? 1);
  const restarts = Math.max(1, opts.restarts ?? 4);
  const tolerance = opts.tolerance ?? 1e-4 * meanVariance(data, n, d);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(data, n, d, seedPlusPlus(data, n, d, k, rng), k, opts.maxIterations ?? 100, tolerance);
    if (!best || run.inertia < best.inertia - 1e-9 * Math.abs(best.inertia)) best = run;
  }
  return canonical(best as KMeansResult, n);
}

/** k-means++: the first centre uniformly, each next one with probability proportional to D². */
export function seedPlusPlus(data: Float64Array, n: number, d: number, k: number, rng: Random): Float64Array {
  const centroids = new Float64Array(k * d);
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) centroids[c * d + j] = data[pick * d + j] as number;
    if (c === k - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = (data[i * d + j] as number) - (centroids[c * d + j] as number);
        s += diff * diff;
      }
      if (s < (dist[i] as number)) dist[i] = s;
      total += dist[i] as number;
    }
    if (!(total > 0)) throw new DomainError('invalid_input', `only ${c + 1} distinct profiles: cannot form ${k} groups`, 'k');
    let target = rng.next() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= dist[i] as number;
      if (target < 0 && (dist[i] as number) > 0) {
        pick = i;
        break;
      }
    }
    // Rounding can run past the end onto a point that is already a centre: take the farthest.
    if (!((dist[pick] as number) > 0)) pick = argMax(dist);
  }
  return centroids;
}

function meanVariance(data: Float64Array, n: number, d: number): number {
  let total = 0;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + j] as number;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((data[i * d + j] as number) - m) ** 2;
    total += v / n;
  }
  return d > 0 ? total / d : 0;
}

function argMax(a: Float64Array): number {
  let bi = 0;
  for (let i = 1; i < a.length; i++) if ((a[i] as number) > (a[bi] as number)) bi = i;
  return bi;
}

/** Assigns each row to its nearest centroid (ties: the lower index); returns how many changed. */
function assign(data: Float64Array, n: number, d: number, centroids: Float64Array, k: number, labels: Int32Array, dist: Float64Array): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    let bc = 0;
    let bd = Number.POSITIVE_INFINITY;
    const off = i * d;
    for (let c = 0; c < k; c++) {
      let s = 0;
      const co = c * d;
      for (let j = 0; j < d; j++) {
        const diff = (data[off + j] as number) - (centroids[co + j] as number);
        s += diff * diff;
      }
      if (s < bd) {
        bd = s;
        bc = c;
      }
    }
    if (labels[i] !== bc) changed++;
    labels[i] = bc;
    dist[i] = bd;
  }
  return changed;
}

function lloyd(data: Float64Array, n: number, d: number, centroids: Float64Array, k: number, maxIterations: number, tolerance: number): KMeansResult {
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const sizes = new Int32Array(k);
  const sums = new Float64Array(k * d);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const changed = assign(data, n, d, centroids, k, labels, dist);
    if (changed === 0 && iterations > 0) {
      converged = true;
      break;
    }
    sizes.fill(0);
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      sizes[c] = (sizes[c] as number) + 1;
      for (let j = 0; j < d; j++) sums[c * d + j] = (sums[c * d + j] as number) + (data[i * d + j] as number);
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const size = sizes[c] as number;
      if (size === 0) {
        // An empty cluster takes the row farthest from its centroid, which is then not reused.
        const far = argMax(dist);
        dist[far] = 0;
        for (let j = 0; j < d; j++) centroids[c * d + j] = data[far * d + j] as number;
        shift = Number.POSITIVE_INFINITY;
        continue;
      }
      for (let j = 0; j < d; j++) {
        const v = (sums[c * d + j] as number) / size;
        const diff = v - (centroids[c * d + j] as number);
        shift += diff * diff;
        centroids[c * d + j] = v;
      }
    }
    if (shift <= tolerance) {
      // Centroids are still: one last assignment against them, and stop.
      assign(data, n, d, centroids, k, labels, dist);
      converged = true;
      iterations++;
      break;
    }
  }
  sizes.fill(0);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
    inertia += dist[i] as number;
  }
  return { k, d, centroids, labels, sizes, inertia, iterations, converged };
}

/** Relabels clusters by size (largest first; ties by centroid coordinates) for stable output. */
function canonical(r: KMeansResult, n: number): KMeansResult {
  const { k, d } = r;
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => {
    const s = (r.sizes[b] as number) - (r.sizes[a] as number);
    if (s !== 0) return s;
    for (let j = 0; j < d; j++) {
      const x = (r.centroids[a * d + j] as number) - (r.centroids[b * d + j] as number);
      if (x !== 0) return x;
    }
    return a - b;
  });
  const rank = new Int32Array(k);
  order.forEach((c, i) => (rank[c] = i));
  const centroids = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  order.forEach((c, i) => {
    sizes[i] = r.sizes[c] as number;
    for (let j = 0; j < d; j++) centroids[i * d + j] = r.centroids[c * d + j] as number;
  });
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = rank[r.labels[i] as number] as number;
  return { ...r, centroids, labels, sizes };
}
