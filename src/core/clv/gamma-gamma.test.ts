import { describe, expect, it } from 'vitest';
import { fitGammaGamma, gammaGammaConditionalExpectedSpend, gammaGammaLogLikelihood, gammaGammaLogLikelihoodGradient, gammaGammaMeanSpend, type GammaGammaParams, type SpendSummary } from './gamma-gamma.js';
import { gammaDeviate, mulberry32 } from './simulate.js';
import { cdnowTitle, HAVE_CDNOW, readNumberRows, expectThreeSignificant } from './test-cdnow.js';


function readSpend(): SpendSummary {
  const rows = readNumberRows('cdnow_customers_summary_with_transactions.csv');
  return { x: Float64Array.from(rows, (r) => r[1] as number), zbar: Float64Array.from(rows, (r) => r[4] as number) };
}


describe.skipIf(!HAVE_CDNOW)(cdnowTitle('Gamma-Gamma on CDNOW'), () => {
  const data = HAVE_CDNOW ? readSpend() : { x: new Float64Array(), zbar: new Float64Array() };

  it('fits p, q, gamma on the 946 repeat buyers', () => {
    const fit = fitGammaGamma(data, { standardErrors: true });
    expect(fit.customers).toBe(946);
    expectThreeSignificant(fit.params.p, 6.25);
    expectThreeSignificant(fit.params.q, 3.74);
    expectThreeSignificant(fit.params.gamma, 15.44);
    expect(Math.abs(fit.logLikelihood - -4055.9)).toBeLessThan(0.05);
    expect(fit.standardErrors?.ok).toBe(true);
  });

  it('gives the conditional spends of the first ten customers and the population mean 35.17', () => {
    const fit = fitGammaGamma(data);
    const mean = gammaGammaMeanSpend(fit.params);
    expect(mean.ok && Math.abs(mean.value - 35.17) < 0.005).toBe(true);
    // the file's zbar is rounded to cents (customer 1: 22.35 for 22.345), so its first value
    // reads 24.66 instead of 24.65; cdnow-transactions.test.ts checks all ten to 0.005 with the
    // unrounded zbar from the raw transactions.
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    expected.forEach((value, i) => {
      const spend = gammaGammaConditionalExpectedSpend(fit.params, data.x[i] as number, data.zbar[i] as number);
      expect(spend.ok).toBe(true);
      if (spend.ok) expect(Math.abs(spend.value - value)).toBeLessThan(0.01);
    });
  });

  it('has an exact gradient: it matches central differences of the log-likelihood', () => {
    for (const p of [{ p: 6.25, q: 3.74, gamma: 15.44 }, { p: 0.7, q: 12.5, gamma: 300 }, { p: 40, q: 0.9, gamma: 2 }] as GammaGammaParams[]) {
      const g = new Float64Array(3);
      gammaGammaLogLikelihoodGradient(p, data, g);
      (['p', 'q', 'gamma'] as const).forEach((k, i) => {
        const h = 1e-6 * p[k];
        const numeric = (gammaGammaLogLikelihood({ ...p, [k]: p[k] + h }, data) - gammaGammaLogLikelihood({ ...p, [k]: p[k] - h }, data)) / (2 * h);
        expect(Math.abs((g[i] as number) - numeric)).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
      });
    }
  });

  it('fits weighted duplicates like the expanded data', () => {
    const doubled = { x: Float64Array.from([...data.x, ...data.x]), zbar: Float64Array.from([...data.zbar, ...data.zbar]) };
    const weighted = { ...data, weight: new Float64Array(data.x.length).fill(2) };
    const a = fitGammaGamma(doubled);
    const b = fitGammaGamma(weighted);
    expect(b.params.p / a.params.p).toBeCloseTo(1, 5);
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 5);
  });
});

describe('Gamma-Gamma without a mean (q <= 1)', () => {
  const params = { p: 6, q: 0.8, gamma: 15 };

  it('says the population mean does not exist instead of returning a number', () => {
    const mean = gammaGammaMeanSpend(params);
    expect(mean.ok).toBe(false);
    if (!mean.ok) {
      expect(mean.reason).toBe('mean-does-not-exist');
      expect(mean.message).toMatch(/q = 0.8/);
    }
    expect(gammaGammaMeanSpend({ ...params, q: 1 }).ok).toBe(false);
  });

  it('still gives a positive conditional spend when p x + q > 1, and fails for x = 0', () => {
    const spend = gammaGammaConditionalExpectedSpend(params, 3, 20);
    expect(spend.ok && spend.value > 0 && Number.isFinite(spend.value)).toBe(true);
    expect(gammaGammaConditionalExpectedSpend(params, 0, 0).ok).toBe(false);
    expect(gammaGammaConditionalExpectedSpend({ p: 0.1, q: 0.5, gamma: 1 }, 2, 10).ok).toBe(false);
  });

  it('keeps the likelihood finite for extreme spends and parameters', () => {
    const s = { x: Float64Array.of(1, 5000, 3), zbar: Float64Array.of(1e-6, 1e6, 0) };
    for (const p of [{ p: 1e-8, q: 1e-8, gamma: 1e-8 }, { p: 1e8, q: 1e8, gamma: 1e8 }]) {
      expect(Number.isFinite(gammaGammaLogLikelihood(p, s))).toBe(true);
    }
  });
});

describe('Gamma-Gamma on many spenders', () => {
  it('starts from a subsample fit and polishes to the full optimum, recovering the true parameters', () => {
    const truth = { p: 4, q: 3, gamma: 20 };
    const random = mulberry32(11);
    const n = 60_000; // above the size where the fit starts from a subsample
    const x = new Float64Array(n);
    const zbar = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const xi = 1 + Math.floor(random() * 8);
      const nu = gammaDeviate(random, truth.q, truth.gamma);
      let sum = 0;
      for (let k = 0; k < xi; k++) sum += gammaDeviate(random, truth.p, nu);
      x[i] = xi;
      zbar[i] = sum / xi;
    }
    const fit = fitGammaGamma({ x, zbar }, { standardErrors: true });
    expect(fit.converged).toBe(true);
    const g = new Float64Array(3);
    gammaGammaLogLikelihoodGradient(fit.params, { x, zbar }, g);
    // at the optimum: each log-parameter's gradient is tiny next to the log-likelihood
    (['p', 'q', 'gamma'] as const).forEach((k, i) => expect(Math.abs((g[i] as number) * fit.params[k])).toBeLessThan(1e-6 * Math.abs(fit.logLikelihood)));
    const se = fit.standardErrors?.ok ? fit.standardErrors.value : null;
    expect(se).not.toBeNull();
    for (const k of ['p', 'q', 'gamma'] as const) expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * (se as GammaGammaParams)[k]);
  });
});
