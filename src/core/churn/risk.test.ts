import { describe, expect, it } from 'vitest';
import { sigmoid } from './logistic.js';
import { churnRisk, churnRisks, fitRiskBlend, uninformativeAlive, type RiskBlend } from './risk.js';
import { normal, seededRandom } from './test-random.js';

/** Simulated stage-1 outputs with a known blend: logit P(churn) = -0.5 + 0.8 z_m + 0.5 z_a (or + 1 when uninformative). */
function simulate(n: number, seed: number, aliveSign = 1): { pModel: Float64Array; pAlive: Float64Array; u: Uint8Array; y: Uint8Array } {
  const random = seededRandom(seed);
  const pModel = new Float64Array(n), pAlive = new Float64Array(n), u = new Uint8Array(n), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const zm = 1.5 * normal(random);
    const za = 0.6 * zm + 1.2 * normal(random); // correlated, as P(alive) and the model share recency
    u[i] = random() < 0.25 ? 1 : 0;
    pModel[i] = sigmoid(zm);
    pAlive[i] = u[i] === 1 ? 1 : sigmoid(-za);
    const eta = -0.5 + 0.8 * zm + (u[i] === 1 ? 1 : aliveSign * 0.5 * za);
    y[i] = random() < sigmoid(eta) ? 1 : 0;
  }
  return { pModel, pAlive, u, y };
}

const grid = [0, 1e-30, 1e-6, 0.01, 0.12, 0.3, 0.5, 0.7, 0.9, 0.999, 1];

function expectMonotone(blend: RiskBlend): void {
  for (const a of grid) {
    const up = grid.map((p) => churnRisk(blend, p, a));
    for (let k = 1; k < up.length; k++) expect(up[k] as number).toBeGreaterThanOrEqual(up[k - 1] as number);
  }
  for (const p of grid) {
    const down = grid.map((a) => churnRisk(blend, p, a));
    for (let k = 1; k < down.length; k++) expect(down[k] as number).toBeLessThanOrEqual(down[k - 1] as number);
  }
}

describe('risk blend', () => {
  const data = simulate(100_000, 17);
  const blend = fitRiskBlend(data.pModel, data.pAlive, data.u, data.y);

  it('recovers the weights of a known blend', () => {
    expect(Math.abs(blend.intercept - -0.5)).toBeLessThan(0.05);
    expect(Math.abs(blend.modelWeight - 0.8)).toBeLessThan(0.05);
    expect(Math.abs(blend.aliveWeight - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(blend.uninformativeShift - 1)).toBeLessThan(0.08);
  });

  it('is within [0, 100] everywhere, extremes included', () => {
    for (const p of [...grid, Number.MIN_VALUE]) {
      for (const a of [...grid, Number.MIN_VALUE]) {
        for (const u of [false, true]) {
          const r = churnRisk(blend, p, a, u);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('increases with the model probability and decreases with P(alive)', () => {
    expectMonotone(blend);
    expect(churnRisk(blend, 0.6, 0.2)).toBeGreaterThan(churnRisk(blend, 0.5, 0.2));
    expect(churnRisk(blend, 0.5, 0.1)).toBeGreaterThan(churnRisk(blend, 0.5, 0.2));
  });

  it('ignores P(alive) for customers without a repeat purchase', () => {
    expect(churnRisk(blend, 0.4, 1, true)).toBe(churnRisk(blend, 0.4, 0.01, true));
    expect(Array.from(uninformativeAlive([1, 2, 5, 0, 3], [Number.NaN, 30, 10, Number.NaN, Number.NaN], [1, 0.4, Number.NaN, 1, 1]))).toEqual([1, 0, 1, 1, 1]);
    const risks = churnRisks(blend, Float64Array.from([0.4, 0.4]), Float64Array.from([1, 0.3]), Uint8Array.from([1, 0]));
    expect(risks[0]).toBe(churnRisk(blend, 0.4, 1, true));
    expect(risks[1]).toBe(churnRisk(blend, 0.4, 0.3, false));
  });

  it('drops a P(alive) weight that comes out negative, keeping the risk monotone', () => {
    const anti = simulate(50_000, 23, -1);
    const b = fitRiskBlend(anti.pModel, anti.pAlive, anti.u, anti.y);
    expect(b.aliveWeight).toBe(0);
    expect(b.modelWeight).toBeGreaterThan(0);
    expectMonotone(b);
  });
});
