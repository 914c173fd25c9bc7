import { describe, expect, it } from 'vitest';
import { rocAuc, scoreMetrics, splitByTime } from './auc.js';
import { describeChurnModel, explainChurn, fitChurnModel, predictChurn } from './churn-model.js';
import { customers, simulateBase } from './test-customers.js';

describe('churn model end to end', () => {
  const n = 80_000;
  const base = simulateBase(n, 42);
  // two stacked snapshots: the first half is the earlier cutoff
  const time = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 2));
  const split = splitByTime(time, { testFraction: 0.5 });
  const model = fitChurnModel(base.features, base.churned, { rows: split.train });

  it('fits on the training rows and ranks the held-out rows well', () => {
    expect(model.logistic.converged).toBe(true);
    expect(model.training.positives + model.training.negatives).toBe(n / 2);
    const all = predictChurn(model, base.features);
    const test = scoreMetrics(base.churned, all.risk, split.test);
    expect(test.auc).toBeGreaterThan(0.8);
    // the blend is at least as good as the supervised model alone, and much better than P(alive) alone
    expect(test.auc).toBeGreaterThan(rocAuc(base.churned, all.pModel, split.test) - 0.005);
    expect(test.auc).toBeGreaterThan(rocAuc(base.churned, base.features.p_alive.map((p) => -p), split.test) + 0.1);
    expect(all.risk.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0);
    expect(all.risk.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(100);
    const some = predictChurn(model, base.features, split.test.subarray(0, 10));
    expect(Array.from(some.risk)).toEqual(Array.from(all.risk.subarray(n / 2, n / 2 + 10)));
  });

  it('is deterministic and describes itself as plain JSON', () => {
    const again = fitChurnModel(base.features, base.churned, { rows: split.train });
    expect(Array.from(again.logistic.coefficients)).toEqual(Array.from(model.logistic.coefficients));
    const d = describeChurnModel(model);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d.columns).toHaveLength(14);
  });

  it('explains risky customers and leaves safe ones without reasons', () => {
    const f = customers([
      { recency_days: 142, avg_interval_days: 142 / 3.1, recency_ratio: 3.1, complaints_60d: 2, nps_latest: 3, detractor: 1, events_30d: 0, p_alive: 0.1 },
      { recency_days: 5, recency_ratio: 5 / 60, nps_latest: 10, events_30d: 8, spend_trend: 0.3, p_alive: 0.99, frequency: 20, monetary: 1600, category_breadth: 6 },
    ]);
    const risk = predictChurn(model, f).risk;
    expect(risk[0]).toBeGreaterThan(risk[1] as number);
    const risky = explainChurn(model, f, 0);
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.length).toBeLessThanOrEqual(3);
    for (const r of risky) {
      expect(r.contribution).toBeGreaterThan(0);
      expect(r.en.length).toBeGreaterThan(0);
      expect(r.zh.length).toBeGreaterThan(0);
    }
    expect(risky.find((r) => r.key === 'recency')?.en ?? 'no order for 3.1x their usual interval (142 days)').toBe('no order for 3.1x their usual interval (142 days)');
    expect(explainChurn(model, f, 1)).toEqual([]);
  });
});
