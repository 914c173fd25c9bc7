import { describe, expect, it } from 'vitest';
import { chooseK } from './choose-k.js';
import { kmeans } from './kmeans.js';
import { seededRandom } from './random.js';
import { silhouette } from './silhouette.js';
import { standardise } from './standardise.js';

/** `perCluster` rows around each centre (row-major), with Gaussian-ish noise of `spread`. */
function planted(centres: readonly number[][], perCluster: number, spread: number, seed = 3): { data: Float64Array; truth: Int32Array; d: number } {
  const d = (centres[0] as number[]).length;
  const rng = seededRandom(seed);
  const n = centres.length * perCluster;
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  // Interleave clusters so row order says nothing about membership.
  for (let i = 0; i < n; i++) {
    const c = i % centres.length;
    truth[i] = c;
    for (let j = 0; j < d; j++) {
      const noise = (rng.next() + rng.next() + rng.next() - 1.5) * spread;
      data[i * d + j] = ((centres[c] as number[])[j] as number) + noise;
    }
  }
  return { data, truth, d };
}

/** True when the two labelings are the same partition (up to renaming). */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if ((map.get(x) ?? y) !== y || (back.get(y) ?? x) !== x) return false;
    map.set(x, y);
    back.set(y, x);
  }
  return true;
}

const centres4 = [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]];

describe('k-means', () => {
  it('finds planted well-separated clusters exactly', () => {
    const { data, truth, d } = planted(centres4, 250, 1);
    const r = kmeans(data, d, 4, { seed: 42 });
    expect(r.converged).toBe(true);
    expect(samePartition(r.labels, truth)).toBe(true);
    expect([...r.sizes]).toEqual([250, 250, 250, 250]);
    // Every planted centre has a centroid within 0.3 of it.
    for (const c of centres4) {
      const close = Array.from({ length: 4 }, (_, i) => Math.hypot(...c.map((v, j) => v - (r.centroids[i * d + j] as number)))).some((x) => x < 0.3);
      expect(close).toBe(true);
    }
  });

  it('is deterministic per seed and orders clusters by size', () => {
    const { data, d } = planted([[0, 0], [5, 5], [10, 0]], 300, 6, 9);
    const a = kmeans(data, d, 3, { seed: 7 });
    const b = kmeans(data, d, 3, { seed: 7 });
    expect([...a.labels]).toEqual([...b.labels]);
    expect([...a.centroids]).toEqual([...b.centroids]);
    expect(a.inertia).toBe(b.inertia);
    expect(a.sizes[0]).toBeGreaterThanOrEqual(a.sizes[1] as number);
    expect(a.sizes[1]).toBeGreaterThanOrEqual(a.sizes[2] as number);
  });

  it('keeps the lowest inertia over restarts', () => {
    const { data, d } = planted([[0, 0], [3, 0], [6, 0], [9, 0], [0, 9], [9, 9]], 60, 2.5, 5);
    const one = kmeans(data, d, 6, { seed: 1, restarts: 1 });
    const many = kmeans(data, d, 6, { seed: 1, restarts: 8 });
    expect(many.inertia).toBeLessThanOrEqual(one.inertia + 1e-9);
  });

  it('refuses more groups than rows or distinct points', () => {
    const data = new Float64Array([1, 1, 2, 2]);
    expect(() => kmeans(data, 2, 3)).toThrow(/cannot form 3 groups/);
    expect(() => kmeans(new Float64Array([1, 1, 1, 1, 1, 1]), 2, 2)).toThrow(/distinct/);
  });
});

describe('silhouette and choosing k', () => {
  it('is near 1 for tight separated clusters and matches a hand computation', () => {
    const { data, truth, d } = planted(centres4, 50, 0.5);
    expect(silhouette(data, d, truth, 4)).toBeGreaterThan(0.9);
    // Four points on a line, clusters {0,1} {5,6}: a = 1, b = 5.5 / 4.5.
    const line = new Float64Array([0, 1, 5, 6]);
    const s = silhouette(line, 1, new Int32Array([0, 0, 1, 1]), 2);
    const want = ((1 - 1 / 5.5) + (1 - 1 / 4.5)) / 2;
    expect(s).toBeCloseTo(want, 12);
  });

  it('uses a seeded sample for large n', () => {
    const { data, truth, d } = planted(centres4, 2000, 2);
    const a = silhouette(data, d, truth, 4, { sampleSize: 1000, seed: 1 });
    const b = silhouette(data, d, truth, 4, { sampleSize: 1000, seed: 1 });
    expect(a).toBe(b);
    expect(Math.abs(a - silhouette(data, d, truth, 4, { sampleSize: 3000, seed: 2 }))).toBeLessThan(0.03);
  });

  it('picks the planted k', () => {
    for (const centres of [[[0, 0], [8, 8]], centres4, [[0, 0], [10, 0], [20, 0], [0, 10], [10, 10]]]) {
      const { data, truth, d } = planted(centres, 120, 1.5, centres.length);
      const r = chooseK(data, d, { seed: 11 });
      expect(r.result.k).toBe(centres.length);
      expect(samePartition(r.result.labels, truth)).toBe(true);
      expect(r.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('fits candidates on a subsample for large n, then every row', () => {
    const { data, truth, d } = planted(centres4, 1500, 1.5, 4);
    const r = chooseK(data, d, { seed: 3, fitSample: 1000, silhouetteSample: 500, maxK: 6 });
    expect(r.result.k).toBe(4);
    expect(r.result.labels).toHaveLength(6000);
    expect(samePartition(r.result.labels, truth)).toBe(true);
  });

  it('refuses too few rows', () => {
    expect(() => chooseK(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), 1)).toThrow(/too few customers/);
  });
});

describe('standardise', () => {
  it('log-scales skewed columns, centres and scales, fills missing with the median', () => {
    const money = new Float64Array([0, 9, 99, 999, Number.NaN]);
    const score = new Float64Array([10, 20, 30, 40, 50]);
    const s = standardise([money, score], ['log1p', 'none']);
    expect(s.n).toBe(5);
    expect(s.filled[0]).toBe(1);
    for (let j = 0; j < 2; j++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < 5; i++) m += s.data[i * 2 + j] as number;
      for (let i = 0; i < 5; i++) v += (s.data[i * 2 + j] as number) ** 2;
      expect(m / 5).toBeCloseTo(0, 12);
      expect(v / 5).toBeCloseTo(1, 12);
    }
    // log1p makes 0, 9, 99, 999 evenly spaced
    const g = [0, 1, 2, 3].map((i) => s.data[i * 2] as number);
    expect(g[1]! - g[0]!).toBeCloseTo(g[3]! - g[2]!, 1);
    // a constant column stays 0
    expect([...standardise([new Float64Array([3, 3, 3])], ['none']).data]).toEqual([0, 0, 0]);
  });
});
