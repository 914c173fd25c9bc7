// `npm run bench -- churn [--customers 1000000]`: time to fit the churn model on a simulated base.
import { fitChurnModel } from '../src/core/churn/churn-model.js';
import { applyPreprocessor } from '../src/core/churn/features.js';
import { fitLogistic } from '../src/core/churn/logistic.js';
import { simulateBase } from '../src/core/churn/test-customers.js';
import { arg, fmt, timed } from './_support.js';

export async function run(args: string[]): Promise<void> {
  const n = Number(arg(args, 'customers', '1000000'));
  const base = simulateBase(n, 2024);
  const whole = await timed(async () => fitChurnModel(base.features, base.churned));
  const x = applyPreprocessor(whole.value.preprocessor, base.features);
  const logistic = await timed(async () => fitLogistic(x, base.churned));
  console.log(`churn model on ${fmt(n, 0)} customers x ${x.columns.length} columns:`);
  console.log(`  logistic regression  ${fmt(logistic.seconds * 1000, 0)} ms (${logistic.value.iterations} Newton steps, converged ${logistic.value.converged})`);
  console.log(`  whole model          ${fmt(whole.seconds * 1000, 0)} ms (preprocessing, regression, blend, training AUC ${whole.value.training.auc.toFixed(3)})`);
}
