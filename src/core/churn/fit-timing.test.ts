// Measures (does not assert) the time to fit 1M customers x 14 model columns on one core.
import { describe, expect, it } from 'vitest';
import { fitChurnModel } from './churn-model.js';
import { applyPreprocessor } from './features.js';
import { fitLogistic } from './logistic.js';
import { simulateBase } from './test-customers.js';

describe('1M customers', () => {
  it('fits 1,000,000 x 14 (time reported, not asserted)', () => {
    const base = simulateBase(1_000_000, 2024);
    let t = performance.now();
    const model = fitChurnModel(base.features, base.churned);
    const pipeline = performance.now() - t;
    const x = applyPreprocessor(model.preprocessor, base.features);
    expect(x.columns).toHaveLength(14);
    t = performance.now();
    const fit = fitLogistic(x, base.churned);
    const logistic = performance.now() - t;
    console.log(`churn fit on 1,000,000 x 14: logistic regression ${logistic.toFixed(0)} ms (${fit.iterations} Newton steps, converged ${fit.converged}); `
      + `whole model (preprocessing, regression, blend, training AUC) ${pipeline.toFixed(0)} ms; training AUC ${model.training.auc.toFixed(3)}`);
    expect(fit.converged).toBe(true);
    expect(model.training.auc).toBeGreaterThan(0.8);
  });
});
