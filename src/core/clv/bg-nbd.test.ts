import { describe, expect, it } from 'vitest';
import { fitBgNbd, bgNbdLogLikelihood, bgNbdLogLikelihoodGradient, type BgNbdParams } from './bg-nbd.js';
import { digamma, digammaDifference, logGammaRatio } from './log-gamma.js';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdExpectedTimeToNextPurchase,
  bgNbdMedianTimeToNextPurchase,
  bgNbdProbabilityAlive,
  bgNbdProbabilityNextPurchaseWithin,
  bgNbdProbabilityOfPurchases,
} from './bg-nbd-predict.js';
import { compressSummary } from './compress.js';
import { cdnowTitle, HAVE_CDNOW, readCdnowSummary, expectThreeSignificant } from './test-cdnow.js';




const published: BgNbdParams = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const rounded: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('digamma', () => {
  it('matches known values and is the derivative of ln Gamma ratios', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 12);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 12);
    for (const [y, d] of [[0.3, 5], [2.5, 80], [7, 0.5], [1e-3, 3]] as const) {
      const h = 1e-6 * y;
      expect(digammaDifference(y, d)).toBeCloseTo((logGammaRatio(y + h, d) - logGammaRatio(y - h, d)) / (2 * h), 4);
    }
  });
});

describe.skipIf(!HAVE_CDNOW)(cdnowTitle('BG/NBD on CDNOW'), () => {
  const summary = HAVE_CDNOW ? readCdnowSummary() : { x: new Float64Array(), tx: new Float64Array(), T: new Float64Array() };

  it('has an exact gradient: it matches central differences of the log-likelihood', () => {
    const data = compressSummary(summary);
    for (const p of [published, { r: 1.3, alpha: 0.7, a: 2.5, b: 0.4 }, { r: 0.05, alpha: 40, a: 0.2, b: 9 }] as BgNbdParams[]) {
      const g = new Float64Array(4);
      bgNbdLogLikelihoodGradient(p, data, g);
      (['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
        const h = 1e-6 * p[k];
        const up = bgNbdLogLikelihood({ ...p, [k]: p[k] + h }, data);
        const down = bgNbdLogLikelihood({ ...p, [k]: p[k] - h }, data);
        expect(g[i]).toBeCloseTo((up - down) / (2 * h), Math.abs(g[i] as number) > 100 ? 0 : 2);
        expect(Math.abs((g[i] as number) - (up - down) / (2 * h))).toBeLessThan(1e-4 * Math.max(1, Math.abs(g[i] as number)));
      });
    }
  });

  it('fits r, alpha, a, b and the log-likelihood of Fader, Hardie & Lee (2005)', () => {
    const fit = fitBgNbd(summary, { standardErrors: true });
    expectThreeSignificant(fit.params.r, 0.243);
    expectThreeSignificant(fit.params.alpha, 4.414);
    expectThreeSignificant(fit.params.a, 0.793);
    expectThreeSignificant(fit.params.b, 2.426);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit.params[k] / published[k] - 1)).toBeLessThan(1e-3);
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.01);
    expect(fit.converged).toBe(true);
    expect(fit.standardErrors?.ok).toBe(true);
    if (fit.standardErrors?.ok) {
      // the usual CDNOW standard errors: 0.0126, 0.378, 0.186, 0.705
      expect(fit.standardErrors.value.r).toBeCloseTo(0.0126, 3);
      expect(fit.standardErrors.value.alpha).toBeCloseTo(0.378, 2);
    }
  });

  it('polishes from a warm start with Newton steps to the same optimum', () => {
    const cold = fitBgNbd(summary);
    // a start a few percent off, as a subsample's fit is: the curvature there makes the polish short
    const warm = fitBgNbd(summary, { warmStart: [0.25, 4.6, 0.76, 2.5] });
    expect(warm.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(warm.params[k] / cold.params[k]).toBeCloseTo(1, 5);
    expect(warm.logLikelihood).toBeCloseTo(cold.logLikelihood, 6);
    expect(warm.evaluations).toBeLessThanOrEqual(12);
  });

  it('evaluates the same log-likelihood compressed and uncompressed', () => {
    const c = compressSummary(summary);
    expect(c.x.length).toBeLessThan(summary.x.length);
    expect(bgNbdLogLikelihood(published, c)).toBeCloseTo(bgNbdLogLikelihood(published, summary), 8);
    expect(Math.abs(bgNbdLogLikelihood(published, summary) - -9582.43)).toBeLessThan(0.01);
  });

  it('gives the same fit on weighted compressed rows as on every customer', () => {
    const plain = fitBgNbd(summary, { compress: false });
    const weighted = fitBgNbd(compressSummary(summary), { compress: false });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(weighted.params[k] / plain.params[k]).toBeCloseTo(1, 5);
    expect(weighted.logLikelihood).toBeCloseTo(plain.logLikelihood, 6);
  });
});

describe('BG/NBD predictions (published parameters)', () => {
  it('conditional expected purchases of customer (2, 30.43, 38.86) in 39 weeks = 1.226', () => {
    expect(bgNbdConditionalExpectedPurchases(published, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
  });

  it('unconditional E[X(t)] at the published horizons', () => {
    const t = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    t.forEach((ti, i) => expect(Math.abs(bgNbdExpectedPurchases(published, ti) - (expected[i] as number))).toBeLessThan(0.0005));
  });

  it('customer (26, 30.85714, 31): 25.7566 purchases in 52 weeks and P(alive) 0.96885', () => {
    // 25.756536 at the published parameters (mpmath agrees); the listed 25.7566 is within 1e-4
    expect(Math.abs(bgNbdConditionalExpectedPurchases(published, 26, 30.85714, 31, 52) - 25.7566)).toBeLessThan(1e-4);
    expect(bgNbdProbabilityAlive(published, 26, 30.85714, 31)).toBeCloseTo(0.96885, 5);
  });

  it('P(X(t) = n) at the rounded parameters', () => {
    expect(bgNbdProbabilityOfPurchases(rounded, 39, 0)).toBeCloseTo(0.5737864, 7);
    const p = bgNbdProbabilityOfPurchases(rounded, 2, 10);
    expect(Math.abs(p / 1.07869e-7 - 1)).toBeLessThan(1e-5);
  });

  it('P(X(t) = n) is a distribution whose mean is E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const p = bgNbdProbabilityOfPurchases(published, 39, n);
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(bgNbdExpectedPurchases(published, 39), 9);
  });

  it('extremes neither overflow nor return NaN', () => {
    expect(bgNbdProbabilityAlive(published, 1000, 10, 100)).toBe(0);
    expect(bgNbdProbabilityAlive(published, 0, 0, 1)).toBe(1);
    expect(bgNbdConditionalExpectedPurchases(published, 1000, 10, 100, 52)).toBe(0);
    const heavy = bgNbdConditionalExpectedPurchases(published, 5000, 99.9, 100, 10);
    expect(Number.isFinite(heavy) && heavy > 0).toBe(true);
    for (const params of [
      { r: 1e-8, alpha: 1e-8, a: 1e-8, b: 1e-8 },
      { r: 1e8, alpha: 1e8, a: 1e8, b: 1e8 },
      { r: 1e-3, alpha: 1e6, a: 50, b: 1e-3 },
    ]) {
      for (const [x, tx, T] of [[0, 0, 50], [3, 20, 40], [2000, 39, 39]] as const) {
        const e = bgNbdConditionalExpectedPurchases(params, x, tx, T, 52);
        const p = bgNbdProbabilityAlive(params, x, tx, T);
        expect(Number.isFinite(e) && e >= 0).toBe(true);
        expect(p >= 0 && p <= 1).toBe(true);
      }
      expect(Number.isFinite(bgNbdLogLikelihood(params, { x: Float64Array.of(0, 3, 2000), tx: Float64Array.of(0, 20, 39), T: Float64Array.of(50, 40, 39) }))).toBe(true);
    }
  });

  it('never reports a spuriously high likelihood at absurd parameters (no cancelling huge terms)', () => {
    const s = { x: Float64Array.of(0, 2, 7), tx: Float64Array.of(0, 30.43, 35), T: Float64Array.of(38.86, 38.86, 38.86) };
    const sensible = bgNbdLogLikelihood(published, s);
    // r and alpha near 1e25 and 1e49 with the same tiny ratio: naive r ln(alpha) - (r+x) ln(alpha+T) loses everything
    const absurd = bgNbdLogLikelihood({ r: 9.245e24, alpha: 6.338e48, a: 5.19e-6, b: 2.4e18 }, s);
    expect(absurd).toBeLessThan(sensible);
    expect(bgNbdLogLikelihood({ r: 9.245e24, alpha: 6.338e48, a: 0.5, b: 2 }, { x: Float64Array.of(0), tx: Float64Array.of(0), T: Float64Array.of(39) })).toBeCloseTo(-9.245e24 * Math.log1p(39 / 6.338e48), 12);
    // r, alpha -> infinity with r/alpha fixed: the fixed-rate limit, reached smoothly
    const moderate = bgNbdLogLikelihood({ r: 1e12, alpha: 1e13, a: 0.8, b: 2.4 }, s);
    expect(bgNbdLogLikelihood({ r: 1e24, alpha: 1e25, a: 0.8, b: 2.4 }, s)).toBeCloseTo(moderate, 6);
  });

  it('is continuous where the closed form is singular (a = 1) and where a + b < 1', () => {
    const at = (a: number): number => bgNbdConditionalExpectedPurchases({ ...published, a }, 3, 20, 38, 52);
    expect(at(1)).toBeCloseTo((at(1 - 2e-4) + at(1 + 2e-4)) / 2, 6);
    const e = bgNbdExpectedPurchases({ r: 0.5, alpha: 3, a: 0.3, b: 0.4 }, 52);
    // continuity through a + b - 1 = 0 (quadrature on one side, closed form on the other)
    expect(e).toBeCloseTo(bgNbdExpectedPurchases({ r: 0.5, alpha: 3, a: 0.3, b: 0.4 + 1e-9 }, 52), 6);
    expect(bgNbdExpectedPurchases({ r: 0.5, alpha: 3, a: 0.3, b: 0.70001 }, 52)).toBeCloseTo(bgNbdExpectedPurchases({ r: 0.5, alpha: 3, a: 0.3, b: 0.69999 }, 52), 4);
  });

  it('time to next purchase, given alive', () => {
    const mean = bgNbdExpectedTimeToNextPurchase(published, 2, 30.43, 38.86);
    expect(mean.ok).toBe(true);
    if (mean.ok) expect(mean.value).toBeCloseTo((published.alpha + 38.86) / (published.r + 1), 10);
    const none = bgNbdExpectedTimeToNextPurchase(published, 0, 0, 38.86);
    expect(none.ok).toBe(false);
    const median = bgNbdMedianTimeToNextPurchase(published, 2, 30.43, 38.86);
    // at the median, half of the alive customers have bought
    const pAlive = bgNbdProbabilityAlive(published, 2, 30.43, 38.86);
    expect(bgNbdProbabilityNextPurchaseWithin(published, 2, 30.43, 38.86, median)).toBeCloseTo(pAlive / 2, 12);
  });
});
