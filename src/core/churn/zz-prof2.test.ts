import { it } from 'vitest';
import { simulateBase } from './test-customers.js';
import { featureMatrix } from './features.js';
import { fitLogistic, logit, sigmoid } from './logistic.js';
it('prof2', () => {
  const base = simulateBase(1_000_000, 1);
  const n = 1_000_000;
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n);
  for (let i = 0; i < n; i++) { a[i] = logit(sigmoid(Math.sin(i))); b[i] = logit(1 - (base.features.p_alive[i] as number), 1e-6); c[i] = i % 7 === 0 ? 1 : 0; }
  for (const cols of [[a], [a, b], [a, b, c]]) {
    const t = performance.now();
    const fit = fitLogistic(featureMatrix(cols.map((_, j) => `c${j}`), cols), base.churned, { l2: 1e-6 });
    console.log(cols.length, fit.iterations, fit.converged, (performance.now() - t).toFixed(0));
  }
});
