import { it } from 'vitest';
import { simulateBase } from './test-customers.js';
import { fitChurnModel, describeChurnModel, explainChurn, predictChurn } from './churn-model.js';
import { rocAuc } from './auc.js';
import { customers } from './test-customers.js';
it('probe', () => {
  let t = performance.now();
  const base = simulateBase(1_000_000, 1);
  console.log('sim', performance.now() - t);
  t = performance.now();
  const model = fitChurnModel(base.features, base.churned);
  console.log('fit', performance.now() - t);
  console.log(JSON.stringify(describeChurnModel(model), null, 1));
  const pred = predictChurn(model, base.features);
  console.log('auc risk', rocAuc(base.churned, pred.risk), 'model', rocAuc(base.churned, pred.pModel), 'palive', rocAuc(base.churned, base.features.p_alive.map((p) => -p)));
  let mean = 0; for (const c of base.churned) mean += c; console.log('rate', mean / 1e6);
  const f = customers([
    { recency_days: 142, avg_interval_days: 142 / 3.1, recency_ratio: 3.1, complaints_60d: 2, nps_latest: 3, detractor: 1 },
    { events_30d: 0, spend_trend: -0.45 / 1.55, p_alive: 0.12 },
    { frequency: 1, avg_interval_days: NaN, recency_ratio: NaN, p_alive: 1, recency_days: 200, tenure_days: 200, monetary: 50, category_breadth: 1 },
    { recency_days: 5, recency_ratio: 5 / 60, complaints_60d: 0, nps_latest: 10, events_30d: 8, spend_trend: 0.3, p_alive: 0.99, frequency: 20, category_breadth: 6 },
    {},
  ]);
  const p = predictChurn(model, f);
  for (let i = 0; i < 5; i++) console.log(p.risk[i], JSON.stringify(explainChurn(model, f, i)));
});
