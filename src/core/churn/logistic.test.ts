import { describe, expect, it } from 'vitest';
import { featureMatrix, type FeatureMatrix } from './features.js';
import { fitLogistic, logisticObjective, predictLogistic, sigmoid, softplus } from './logistic.js';
import { normal, seededRandom } from './test-random.js';

function simulate(n: number, intercept: number, beta: readonly number[], seed: number): { x: FeatureMatrix; y: Uint8Array } {
  const random = seededRandom(seed);
  const columns = beta.map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = intercept;
    beta.forEach((b, j) => {
      const v = normal(random);
      (columns[j] as Float64Array)[i] = v;
      eta += b * v;
    });
    y[i] = random() < sigmoid(eta) ? 1 : 0;
  }
  return { x: featureMatrix(beta.map((_, j) => `x${j}`), columns), y };
}

/** The objective written the obvious way, row by row. */
function naiveObjective(x: FeatureMatrix, y: ArrayLike<number>, params: readonly number[], l2: number, w?: ArrayLike<number>): number {
  let loss = 0, total = 0;
  for (let i = 0; i < x.rows; i++) {
    let eta = params[0] as number;
    for (let j = 0; j < x.columns.length; j++) eta += (params[j + 1] as number) * (x.columns[j]?.[i] as number);
    const p = sigmoid(eta);
    const wi = w === undefined ? 1 : (w[i] as number);
    loss -= wi * ((y[i] as number) * Math.log(p) + (1 - (y[i] as number)) * Math.log(1 - p));
    total += wi;
  }
  return loss / total + 0.5 * l2 * params.slice(1).reduce((a, b) => a + b * b, 0);
}

function finiteDifferenceGradient(f: (p: readonly number[]) => number, at: readonly number[], h = 1e-6): number[] {
  return at.map((_, k) => {
    const up = [...at], down = [...at];
    up[k] = (up[k] as number) + h;
    down[k] = (down[k] as number) - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

describe('fitLogistic', () => {
  it('recovers the coefficients of simulated data', () => {
    const truth = [0.8, -1.2, 0.5, 0, 2];
    const { x, y } = simulate(200_000, -0.7, truth, 11);
    const fit = fitLogistic(x, y, { l2: 1e-8 });
    expect(fit.converged).toBe(true);
    // 200,000 rows: Newton starts from a 20,000-row subsample's fit, a few steps from the optimum
    expect(fit.iterations).toBeLessThanOrEqual(3);
    expect(Math.abs(fit.intercept - -0.7)).toBeLessThan(0.04);
    truth.forEach((b, j) => expect(Math.abs((fit.coefficients[j] as number) - b)).toBeLessThan(0.04));
    expect(fit.gradientNorm).toBeLessThan(1e-6);
  });

  it('has the gradient of the brute-force objective, and a zero gradient at the fit', () => {
    const { x, y } = simulate(400, 0.3, [1, -0.5, 0.25, 2], 5);
    const random = seededRandom(9);
    const weights = Float64Array.from({ length: 400 }, () => 0.5 + random());
    const l2 = 0.01;
    const params = [0.1, 0.7, -0.2, 0.4, 1.1];
    const f = (p: readonly number[]): number => naiveObjective(x, y, p, l2, weights);
    const got = logisticObjective(x, y, params[0] as number, params.slice(1), { l2, weights });
    expect(got.value).toBeCloseTo(f(params), 12);
    finiteDifferenceGradient(f, params).forEach((g, k) => expect(Math.abs((got.gradient[k] as number) - g)).toBeLessThan(1e-7));

    const fit = fitLogistic(x, y, { l2, weights });
    const optimum = [fit.intercept, ...fit.coefficients];
    for (const g of finiteDifferenceGradient(f, optimum)) expect(Math.abs(g)).toBeLessThan(1e-6);
    expect(fit.objective).toBeCloseTo(f(optimum), 12);
  });

  it('treats an integer weight as repeated rows', () => {
    const { x, y } = simulate(3000, -0.2, [0.6, -0.9], 21);
    const weights = new Float64Array(3000).fill(1);
    for (let i = 0; i < 1000; i++) weights[i] = 2;
    const rows = [...Array.from({ length: 3000 }, (_, i) => i), ...Array.from({ length: 1000 }, (_, i) => i)];
    const doubled = featureMatrix(x.names, x.columns.map((c) => Float64Array.from(rows, (i) => c[i] as number)));
    const a = fitLogistic(x, y, { weights, l2: 1e-3 });
    const b = fitLogistic(doubled, Uint8Array.from(rows, (i) => y[i] as number), { l2: 1e-3 });
    expect(a.intercept).toBeCloseTo(b.intercept, 9);
    a.coefficients.forEach((c, j) => expect(c).toBeCloseTo(b.coefficients[j] as number, 9));
  });

  it('stays finite on separable data with huge linear predictors', () => {
    const n = 1000;
    const v = Float64Array.from({ length: n }, (_, i) => (i - n / 2) * 100);
    const y = Uint8Array.from({ length: n }, (_, i) => (i >= n / 2 ? 1 : 0));
    const fit = fitLogistic(featureMatrix(['v'], [v]), y, { l2: 1e-4, maxIterations: 100 });
    expect(Number.isFinite(fit.objective)).toBe(true);
    expect(Number.isFinite(fit.coefficients[0] as number)).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(0);
    const p = predictLogistic(fit, featureMatrix(['v'], [Float64Array.from([-1e6, 1e6])]));
    expect(p[0]).toBe(0);
    expect(p[1]).toBe(1);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
  });

  it('rejects one-class labels, missing values and mismatched predictions', () => {
    const x = featureMatrix(['a'], [Float64Array.from([1, 2, 3])]);
    expect(() => fitLogistic(x, [0, 0, 0])).toThrow(/both classes/);
    expect(() => fitLogistic(featureMatrix(['a'], [Float64Array.from([1, Number.NaN, 3])]), [0, 1, 0])).toThrow(/non-finite/);
    const fit = fitLogistic(x, [0, 1, 0]);
    expect(() => predictLogistic(fit, featureMatrix(['b'], [Float64Array.from([1])]))).toThrow(/do not match/);
  });

  it('reports the iterations when it stops early', () => {
    const { x, y } = simulate(2000, 0, [1, 1], 3);
    const fit = fitLogistic(x, y, { maxIterations: 1 });
    expect(fit.iterations).toBe(1);
    expect(fit.converged).toBe(false);
  });
});
