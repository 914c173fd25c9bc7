import { describe, expect, it } from 'vitest';
import { bgBbConditionalExpectedPurchases, bgBbExpectedPurchases, bgBbLogLikelihood, bgBbProbabilityAlive, type BgBbParams, type DiscreteSummary, fitBgBb } from './bg-bb.js';
import { logBeta } from './log-gamma.js';
import { cdnowTitle, HAVE_CDNOW, readNumberRows, expectThreeSignificant } from './test-cdnow.js';


function readDonations(): DiscreteSummary {
  const rows = readNumberRows('donations.csv');
  return {
    frequency: Float64Array.from(rows, (r) => r[0] as number),
    recency: Float64Array.from(rows, (r) => r[1] as number),
    periods: Float64Array.from(rows, (r) => r[2] as number),
    weight: Float64Array.from(rows, (r) => r[3] as number),
  };
}


const published: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

describe.skipIf(!HAVE_CDNOW)(cdnowTitle('BG/BB on the donations data'), () => {
  it('fits alpha, beta, gamma, delta of Fader, Hardie & Shang (2010)', () => {
    const fit = fitBgBb(readDonations(), { standardErrors: true });
    expectThreeSignificant(fit.params.alpha, 1.204);
    expectThreeSignificant(fit.params.beta, 0.75);
    expectThreeSignificant(fit.params.gamma, 0.657);
    expectThreeSignificant(fit.params.delta, 2.783);
    // FHS (2010) report a log-likelihood of -33,225.6
    expect(Math.abs(fit.logLikelihood - -33225.6)).toBeLessThan(0.05);
    expect(fit.standardErrors?.ok).toBe(true);
  });
});

/** sum over opportunities t = m+1..m+k of P(alive at t) = B(gamma, delta+t)/B(gamma, delta) */
function survivalByBrute(p: BgBbParams, m: number, k: number): number {
  let s = 0;
  for (let t = m + 1; t <= m + k; t++) s += Math.exp(logBeta(p.gamma, p.delta + t) - logBeta(p.gamma, p.delta));
  return s;
}

describe('BG/BB predictions', () => {
  it('E[X(n)] = E[p] * sum of survival probabilities (FHS 2010 eq. 7)', () => {
    for (const gamma of [0.657, 1, 1 + 1e-12, 2.5]) {
      const p = { ...published, gamma };
      expect(bgBbExpectedPurchases(p, 6)).toBeCloseTo((p.alpha / (p.alpha + p.beta)) * survivalByBrute(p, 0, 6), 10);
    }
  });

  it('conditional expectation = E[p | data, alive] * survival, divided by the likelihood (eq. 13)', () => {
    const [x, tx, n, ahead] = [3, 4, 6, 5];
    const L = Math.exp(bgBbLogLikelihood(published, { frequency: Float64Array.of(x), recency: Float64Array.of(tx), periods: Float64Array.of(n) }));
    const factor = Math.exp(logBeta(published.alpha + x + 1, published.beta + n - x) - logBeta(published.alpha, published.beta));
    expect(bgBbConditionalExpectedPurchases(published, x, tx, n, ahead)).toBeCloseTo((factor * survivalByBrute(published, n, ahead)) / L, 10);
  });

  it('P(alive) is a probability, 1 - ish for a customer active at every opportunity, lower after a gap', () => {
    const active = bgBbProbabilityAlive(published, 6, 6, 6);
    const lapsed = bgBbProbabilityAlive(published, 1, 1, 6);
    expect(active).toBeGreaterThan(lapsed);
    expect(active).toBeLessThanOrEqual(1);
    expect(lapsed).toBeGreaterThan(0);
    expect(bgBbProbabilityAlive(published, 0, 0, 6, 0)).toBeLessThanOrEqual(1);
  });

  it('rejects impossible customers', () => {
    expect(() => bgBbProbabilityAlive(published, 3, 2, 6)).toThrow(RangeError);
    expect(() => bgBbProbabilityAlive(published, 1, 7, 6)).toThrow(RangeError);
  });
});
