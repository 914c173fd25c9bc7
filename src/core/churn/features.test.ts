import { describe, expect, it } from 'vitest';
import { applyPreprocessor, fitPreprocessor, median, signedLog1p, standardizeValue, type FeatureSpec } from './features.js';
import { seededRandom } from './test-random.js';

describe('median', () => {
  it('matches sorting, skips NaN, and is NaN for no finite values', () => {
    const random = seededRandom(7);
    for (const n of [1, 2, 3, 10, 11, 1000, 1001]) {
      const v = Float64Array.from({ length: n }, () => Math.round(random() * 20));
      const s = Float64Array.from(v).sort();
      const expected = n % 2 ? (s[n >> 1] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
      expect(median(v)).toBe(expected);
    }
    expect(median([Number.NaN, 3, 1, Number.NaN, 2])).toBe(2);
    expect(median([Number.NaN, Number.POSITIVE_INFINITY])).toBeNaN();
    const input = Float64Array.from([3, 1, 2]);
    median(input);
    expect(Array.from(input)).toEqual([3, 1, 2]);
  });
});

describe('preprocessing', () => {
  const specs: FeatureSpec[] = [
    { name: 'count', transform: 'log1p', missingIndicator: false },
    { name: 'score', transform: 'identity', missingIndicator: true },
    { name: 'constant', transform: 'identity', missingIndicator: false },
  ];
  const raw = {
    count: Float64Array.from([0, 1, 3, 7, 1000]),
    score: Float64Array.from([1, Number.NaN, 3, 5, Number.NaN]),
    constant: Float64Array.from([2, 2, 2, 2, 9]),
  };
  const train = [0, 1, 2, 3];

  it('fits on the training rows: log1p, median fill, missing indicator, standardisation', () => {
    const pre = fitPreprocessor(raw, specs, train);
    expect(pre.columns.map((c) => c.name)).toEqual(['count', 'score', 'score_missing', 'constant']);
    const [count, score, missing, constant] = pre.columns;
    const logs = [0, 1, 3, 7].map(Math.log1p);
    const mean = logs.reduce((a, b) => a + b) / 4;
    expect(count?.mean).toBeCloseTo(mean, 14);
    expect(count?.scale).toBeCloseTo(Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / 4), 14);
    expect(score?.fill).toBe(3); // median of 1, 3, 5 (train rows only)
    expect(score?.mean).toBeCloseTo((1 + 3 + 3 + 5) / 4, 14);
    expect(missing?.mean).toBe(0.25);
    expect(constant).toMatchObject({ mean: 2, scale: 1 });

    const x = applyPreprocessor(pre, raw, train);
    for (const c of x.columns.slice(0, 3)) {
      const m = c.reduce((a, b) => a + b) / c.length;
      const sd = Math.sqrt(c.reduce((a, b) => a + (b - m) ** 2, 0) / c.length);
      expect(m).toBeCloseTo(0, 12);
      expect(sd).toBeCloseTo(1, 12);
    }
    expect(Array.from(x.columns[3] as Float64Array)).toEqual([0, 0, 0, 0]);
  });

  it('applies the training parameters unchanged to other rows, and row by row', () => {
    const pre = fitPreprocessor(raw, specs, train);
    const all = applyPreprocessor(pre, raw);
    const [count, score, missing, constant] = pre.columns;
    if (!count || !score || !missing || !constant) throw new Error('columns');
    expect(all.columns[0]?.[4]).toBeCloseTo((Math.log1p(1000) - count.mean) / count.scale, 14);
    expect(all.columns[1]?.[4]).toBeCloseTo((3 - score.mean) / score.scale, 14);
    expect(all.columns[2]?.[4]).toBeCloseTo((1 - missing.mean) / missing.scale, 14);
    expect(all.columns[3]?.[4]).toBe(7);
    pre.columns.forEach((c, j) => {
      for (let i = 0; i < 5; i++) expect(standardizeValue(c, raw[c.source as keyof typeof raw][i] as number)).toBe(all.columns[j]?.[i]);
    });
  });

  it('is deterministic and rejects absent or mismatched columns', () => {
    expect(fitPreprocessor(raw, specs)).toEqual(fitPreprocessor(raw, specs));
    expect(() => fitPreprocessor({ count: raw.count }, specs)).toThrow(/score/);
    expect(() => fitPreprocessor({ ...raw, score: new Float64Array(3) }, specs)).toThrow(RangeError);
  });

  it('log1p is odd, so negative money keeps its order', () => {
    expect(signedLog1p(-3)).toBe(-Math.log1p(3));
    expect(signedLog1p(0)).toBe(0);
  });
});
