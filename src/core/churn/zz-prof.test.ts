import { it } from 'vitest';
import { simulateBase } from './test-customers.js';
import { fitPreprocessor, applyPreprocessor, DEFAULT_MODEL_FEATURES } from './features.js';
import { fitLogistic, predictLogistic } from './logistic.js';
import { fitRiskBlend, uninformativeAlive, churnRisks } from './risk.js';
import { scoreMetrics } from './auc.js';
it('prof', () => {
  const base = simulateBase(1_000_000, 1);
  const T = (label: string, f: () => unknown) => { const t = performance.now(); const r = f(); console.log(label, (performance.now() - t).toFixed(0)); return r; };
  const pre = T('prefit', () => fitPreprocessor(base.features, DEFAULT_MODEL_FEATURES)) as ReturnType<typeof fitPreprocessor>;
  const x = T('apply', () => applyPreprocessor(pre, base.features)) as ReturnType<typeof applyPreprocessor>;
  const fit = T('logistic', () => fitLogistic(x, base.churned)) as ReturnType<typeof fitLogistic>;
  console.log(fit.iterations);
  const p = T('predict', () => predictLogistic(fit, x)) as Float64Array;
  const u = uninformativeAlive(base.features.frequency, base.features.p_alive);
  const blend = T('blend', () => fitRiskBlend(p, base.features.p_alive, u, base.churned)) as ReturnType<typeof fitRiskBlend>;
  const risk = T('risks', () => churnRisks(blend, p, base.features.p_alive, u)) as Float64Array;
  T('auc', () => scoreMetrics(base.churned, risk));
});
