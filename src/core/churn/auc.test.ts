import { describe, expect, it } from 'vitest';
import { rocAuc, scoreMetrics, splitByTime } from './auc.js';
import { seededRandom } from './test-random.js';

/** O(n+ n-) pairwise Mann-Whitney: the definition. */
function bruteForceAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let u = 0, pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      const a = scores[i] as number, b = scores[j] as number;
      u += a > b ? 1 : a === b ? 0.5 : 0;
      pairs++;
    }
  }
  return u / pairs;
}

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for the inverse, 0.5 when every score ties', () => {
    const labels = Uint8Array.from([0, 0, 1, 1, 0, 1]);
    expect(rocAuc(labels, Float64Array.from([0.1, 0.2, 0.8, 0.9, 0.3, 0.7]))).toBe(1);
    expect(rocAuc(labels, Float64Array.from([0.9, 0.8, 0.2, 0.1, 0.7, 0.3]))).toBe(0);
    expect(rocAuc(labels, new Float64Array(6).fill(0.4))).toBe(0.5);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // pairs (pos, neg): (0.5, 0.5) = 1/2, (0.5, 0.1) = 1, (0.9, 0.5) = 1, (0.9, 0.1) = 1 -> 3.5 / 4
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.1])).toBe(0.875);
    // ties within a class do not matter
    expect(rocAuc([1, 1, 0, 0], [0.7, 0.7, 0.2, 0.2])).toBe(1);
    // -0 and +0 are the same score
    expect(rocAuc([1, 0], [-0, 0])).toBe(0.5);
  });

  it('matches the pairwise definition on random data with many ties', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const n = 1500;
      const labels = new Uint8Array(n);
      const scores = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        labels[i] = random() < 0.3 ? 1 : 0;
        // a weak signal, rounded to one decimal so that ties are frequent
        scores[i] = Math.round(10 * (random() + 0.3 * (labels[i] as number))) / 10;
      }
      expect(rocAuc(labels, scores)).toBeCloseTo(bruteForceAuc(labels, scores), 12);
    }
  });

  it('is invariant to monotone transforms and uses only the given rows', () => {
    const labels = [1, 0, 1, 0, 1, 0, 0];
    const scores = [0.9, 0.1, 0.4, 0.5, 0.7, 0.6, 0.2];
    expect(rocAuc(labels, scores.map((s) => Math.log(s) * 3 + 1))).toBeCloseTo(rocAuc(labels, scores), 15);
    const rows = Uint32Array.from([0, 1, 2, 3]);
    expect(rocAuc(labels, scores, rows)).toBe(bruteForceAuc([1, 0, 1, 0], [0.9, 0.1, 0.4, 0.5]));
  });

  it('reports class counts, NaN with one class, and rejects bad input', () => {
    expect(scoreMetrics([1, 0, 0], [0.9, 0.2, 0.3])).toEqual({ auc: 1, positives: 1, negatives: 2 });
    const one = scoreMetrics([0, 0], [0.1, 0.2]);
    expect(one.auc).toBeNaN();
    expect(one).toMatchObject({ positives: 0, negatives: 2 });
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(RangeError);
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(RangeError);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(RangeError);
  });
});

describe('splitByTime', () => {
  it('keeps whole snapshots together and puts the latest in test', () => {
    const time = Float64Array.from([100, 200, 100, 200, 100, 300]);
    const s = splitByTime(time, { testFraction: 0.3 });
    expect(s.cutoff).toBe(200);
    expect(Array.from(s.train)).toEqual([0, 2, 4]);
    expect(Array.from(s.test)).toEqual([1, 3, 5]);
    const c = splitByTime(time, { cutoff: 300 });
    expect(Array.from(c.test)).toEqual([5]);
    expect(c.train.length).toBe(5);
  });

  it('gives test metrics through the split rows', () => {
    const time = [1, 1, 1, 1, 2, 2, 2, 2];
    const labels = [1, 0, 1, 0, 1, 0, 1, 0];
    const scores = [0.1, 0.9, 0.2, 0.8, 0.9, 0.1, 0.8, 0.2];
    const { train, test } = splitByTime(time, { testFraction: 0.5 });
    expect(scoreMetrics(labels, scores, test)).toEqual({ auc: 1, positives: 2, negatives: 2 });
    expect(scoreMetrics(labels, scores, train).auc).toBe(0);
  });
});
