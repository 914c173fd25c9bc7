import { describe, expect, it } from 'vitest';
import { bfgs } from './bfgs.js';
import { fitInLogSpace } from './fit-log-space.js';
import { invertSymmetricPositiveDefinite, numericHessian } from './hessian.js';
import { nelderMead } from './nelder-mead.js';

const rosenbrock = (x: Float64Array): number => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;

describe('Nelder–Mead', () => {
  it('finds the Rosenbrock minimum', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 5000, xTolerance: 1e-10, fTolerance: 1e-16 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('walks away from non-finite values', () => {
    const f = (x: Float64Array): number => ((x[0] as number) < 0 ? Number.NaN : ((x[0] as number) - 2) ** 2);
    const r = nelderMead(f, [0.1], { initialStep: 1 });
    expect(r.x[0]).toBeCloseTo(2, 6);
  });
});

describe('BFGS', () => {
  it('minimises a correlated quadratic', () => {
    const f = (x: Float64Array): number => {
      const a = (x[0] as number) - 1;
      const b = (x[1] as number) + 2;
      return 3 * a * a + 2 * a * b + 2 * b * b;
    };
    const r = bfgs(f, [5, 5], { gradientTolerance: 1e-9 });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(-2, 6);
  });
});

describe('numeric Hessian and standard errors', () => {
  it('recovers a quadratic form and its inverse', () => {
    const f = (x: Float64Array): number => 0.5 * (4 * (x[0] as number) ** 2 + 2 * (x[0] as number) * (x[1] as number) + 3 * (x[1] as number) ** 2);
    const H = numericHessian(f, [0.3, -0.2]);
    expect(H[0]?.[0]).toBeCloseTo(4, 5);
    expect(H[0]?.[1]).toBeCloseTo(1, 5);
    expect(H[1]?.[1]).toBeCloseTo(3, 5);
    const inv = invertSymmetricPositiveDefinite(H);
    // inverse of [[4,1],[1,3]] = [[3,-1],[-1,4]] / 11
    expect(inv?.[0]?.[0]).toBeCloseTo(3 / 11, 5);
    expect(inv?.[0]?.[1]).toBeCloseTo(-1 / 11, 5);
    expect(invertSymmetricPositiveDefinite([Float64Array.of(1, 2), Float64Array.of(2, 1)])).toBeUndefined();
  });

  it('fits in log space with delta-method standard errors', () => {
    // negative log-likelihood of an exponential sample with sum 50 over 100 draws: rate 2, se 0.2
    const fit = fitInLogSpace((theta) => -(100 * Math.log(theta[0] as number) - (theta[0] as number) * 50), [[1]], { standardErrors: true });
    expect(fit.values[0]).toBeCloseTo(2, 6);
    expect(fit.standardErrors?.ok).toBe(true);
    if (fit.standardErrors?.ok) expect(fit.standardErrors.value[0]).toBeCloseTo(0.2, 4);
  });

  it('reports a flat direction instead of returning NaN standard errors', () => {
    const fit = fitInLogSpace((theta) => ((theta[0] as number) - 1) ** 2, [[2, 1]], { standardErrors: true });
    expect(fit.standardErrors?.ok).toBe(false);
    if (fit.standardErrors && !fit.standardErrors.ok) expect(fit.standardErrors.reason).toBe('hessian-not-positive-definite');
  });
});
