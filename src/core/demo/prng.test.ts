import { describe, expect, it } from 'vitest';
import { mix32, normaliseSeed, Rng, WeightedTable } from './prng.js';

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function draw(n: number, f: () => number): number[] {
  return Array.from({ length: n }, f);
}

describe('Rng', () => {
  it('repeats the same sequence for the same seed, stream and index', () => {
    const a = new Rng(42, 2, 7);
    const b = new Rng(42, 2, 7);
    expect(draw(100, () => a.nextUint32())).toEqual(draw(100, () => b.nextUint32()));
  });

  it('gives different sequences for different seeds, streams and indices', () => {
    const first = (r: Rng) => draw(4, () => r.nextUint32()).join(',');
    const seen = new Set([first(new Rng(42, 2, 7)), first(new Rng(43, 2, 7)), first(new Rng(42, 3, 7)), first(new Rng(42, 2, 8))]);
    expect(seen.size).toBe(4);
  });

  it('never repeats a starting state across many customer indices', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      const r = new Rng(1, 2, i);
      seen.add(`${r.nextUint32()}-${r.nextUint32()}`);
    }
    expect(seen.size).toBe(50_000);
  });

  it('folds odd seeds into valid ones and rejects non-finite seeds', () => {
    expect(normaliseSeed(-1)).not.toBe(normaliseSeed(1));
    expect(normaliseSeed(2 ** 40)).not.toBe(normaliseSeed(0));
    expect(normaliseSeed(0.5)).not.toBe(normaliseSeed(0));
    expect(() => normaliseSeed(Number.NaN)).toThrow(RangeError);
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).not.toBe(1);
  });

  it('keeps uniform draws in range', () => {
    const r = new Rng(5);
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const f = r.float();
      const k = r.intBetween(3, 6);
      if (!(f >= 0 && f < 1) || !(k >= 3 && k <= 6)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('samples gamma, beta, Poisson, exponential and geometric with the right means', () => {
    const r = new Rng(11);
    expect(mean(draw(40_000, () => r.gamma(0.25, 1 / 3)))).toBeCloseTo(0.25 / 3, 2);
    expect(mean(draw(40_000, () => r.gamma(4, 2)))).toBeCloseTo(8, 0);
    expect(mean(draw(40_000, () => r.beta(0.75, 9)))).toBeCloseTo(0.75 / 9.75, 2);
    expect(mean(draw(40_000, () => r.poisson(3.5)))).toBeCloseTo(3.5, 1);
    expect(mean(draw(20_000, () => r.poisson(120)))).toBeCloseTo(120, 0);
    expect(mean(draw(40_000, () => r.exponential(0.5)))).toBeCloseTo(2, 1);
    expect(mean(draw(40_000, () => r.geometric(0.25)))).toBeCloseTo(3, 1);
    const normals = draw(40_000, () => r.normal(10, 2));
    expect(mean(normals)).toBeCloseTo(10, 1);
  });

  it('picks weighted items in proportion', () => {
    const r = new Rng(3);
    const table = new WeightedTable(['a', 'b', 'c'], [1, 0, 3]);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) {
      const k = table.pick(r);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts['b']).toBe(0);
    expect((counts['c'] ?? 0) / (counts['a'] ?? 1)).toBeGreaterThan(2.6);
    expect((counts['c'] ?? 0) / (counts['a'] ?? 1)).toBeLessThan(3.4);
    expect(r.weighted([0, 0, 5])).toBe(2);
  });

  it('makes hex strings of the requested length', () => {
    expect(new Rng(1).hex(13)).toMatch(/^[0-9a-f]{13}$/);
  });
});
