// Churn risk for every buyer: a logistic model trained on the base's own history (features as
// of 180 days before the scoring day, labelled by who then bought nothing for 180 days),
// blended with P(alive), applied to today's features, with reasons in words. Evaluation on a
// time split: train at day-360, test at day-180, compare with P(alive) and recency alone.
import { CHURN_FEATURE_NAMES, explainChurn, fitChurnModel, predictChurn, scoreMetrics, type ChurnFeatures, type ChurnModel } from '../../core/churn/index.js';
import type { BgNbdParams } from '../../core/clv/index.js';
import type { ScoringRules } from '../../core/lifecycle/scoring-rules.js';
import { loadColumns, readColumns } from '../../store/bulk-columns.js';
import type { Store } from '../../store/open-store.js';
import { openSession } from '../../store/open-session.js';
import type { DuckSession } from '../../store/duckdb/duck-session.js';
import type { PgSession } from '../../store/postgres/pg-session.js';
import { CHURN_FEATURES, buildChurnFeatures } from './churn-features.js';
import { addDays, buildCustomerFeatures, buildModelSummary } from './customer-features.js';
import { fitProbabilityAlive } from './value-models.js';

export const LABEL_DAYS = 180;
const MIN_TRAINING_BUYERS = 200;

export interface ChurnSummary {
  readonly trainedAsOf: string | null;
  readonly trainingCustomers: number;
  readonly trainingChurnRate: number | null;
  readonly customers: number;
  /** why the supervised model was not used, when it was not */
  readonly note?: string;
}

type Session = DuckSession | PgSession;

interface Dataset {
  readonly ids: Float64Array;
  readonly features: ChurnFeatures;
  readonly churned: Float64Array | null;
}

/** Features (and labels) of every buyer as of `day`, with P(alive) from a BG/NBD fit on that day. */
async function dataset(s: Session, day: string, prefix: string, labelled: boolean, pAliveTable?: string, near?: BgNbdParams, laterDays?: string): Promise<Dataset> {
  if (prefix !== 'sc') await buildCustomerFeatures(s, { day }, prefix, laterDays);
  await buildChurnFeatures(s, day, prefix, labelled ? LABEL_DAYS : null);
  const cols = ['customer_id', ...CHURN_FEATURES, 'churned'];
  const arrays = await readColumns(s, `${prefix}_x`, cols, 'customer_id');
  const ids = arrays[0] as Float64Array;
  let pAlive: Float64Array;
  if (pAliveTable) {
    const [, p] = await readColumns(s, `(SELECT x.customer_id, m.p_alive FROM ${prefix}_x x LEFT JOIN ${pAliveTable} m ON m.customer_id = x.customer_id) t`, ['customer_id', 'p_alive'], 'customer_id');
    pAlive = p as Float64Array;
  } else {
    await buildModelSummary(s, { day }, prefix);
    const [, x, tx, T] = await readColumns(s, `${prefix}_summary`, ['customer_id', 'x', 'tx', 't_cal'], 'customer_id');
    pAlive = fitProbabilityAlive({ x: x as Float64Array, tx: tx as Float64Array, T: T as Float64Array }, near);
  }
  const features = Object.fromEntries(CHURN_FEATURE_NAMES.map((name) => {
    if (name === 'p_alive') return [name, pAlive];
    return [name, arrays[cols.indexOf(name)] as Float64Array];
  })) as unknown as ChurnFeatures;
  return { ids, features, churned: labelled ? (arrays[cols.length - 1] as Float64Array) : null };
}

async function dropPrefix(s: Session, prefix: string): Promise<void> {
  for (const t of ['days', 'cust', 'first', 'prev', 'summary', 'x']) await s.run(`DROP TABLE IF EXISTS ${prefix}_${t}`);
}

/** Writes `sc_churn(customer_id, risk, reasons)` for the buyers of the scoring day (sc_* tables). */
export async function scoreChurn(s: Session, opts: { day: string; rules: ScoringRules; bgNbd?: BgNbdParams | undefined; lap?: (step: string) => void }): Promise<ChurnSummary> {
  const lap = opts.lap ?? (() => {});
  await s.run(`DROP TABLE IF EXISTS sc_churn`);
  await s.run(`CREATE TEMP TABLE sc_churn (customer_id BIGINT, risk INTEGER, reasons TEXT)`);
  const now = await dataset(s, opts.day, 'sc', false, 'sc_model');
  lap('churn: features');
  const trainDay = addDays(opts.day, -LABEL_DAYS);
  // The base 180 days ago is fitted starting from today's fit: the optimum has barely moved.
  const train = await dataset(s, trainDay, 'ct', true, undefined, opts.bgNbd, 'sc_days');
  await dropPrefix(s, 'ct');
  lap('churn: training data');
  const labels = train.churned as Float64Array;
  const churners = labels.reduce((a, b) => a + b, 0);
  const n = now.ids.length;
  let model: ChurnModel | null = null;
  let note: string | undefined;
  if (labels.length < MIN_TRAINING_BUYERS) note = `only ${labels.length} buyers ${LABEL_DAYS} days ago: risk is 1 - P(alive)`;
  else if (churners === 0 || churners === labels.length) note = 'no variation in churn to learn from: risk is 1 - P(alive)';
  else model = fitChurnModel(train.features, labels);
  const risk = model ? predictChurn(model, now.features).risk : Float64Array.from(now.features.p_alive, (p) => (Number.isFinite(p) ? 100 * (1 - p) : Number.NaN));
  lap('churn: model');
  await loadColumns(s, 'sc_churn', ['customer_id', 'risk', 'reasons'], n, (row, col) => {
    if (col === 0) return now.ids[row] as number;
    const r = risk[row] as number;
    if (col === 1) return Number.isFinite(r) ? Math.round(r) : null;
    if (!model || !(r >= 20)) return null;
    return JSON.stringify(explainChurn(model, now.features, row).map((x) => ({ key: x.key, en: x.en, zh: x.zh })));
  });
  lap('churn: reasons');
  return {
    trainedAsOf: model ? trainDay : null, trainingCustomers: labels.length,
    trainingChurnRate: labels.length > 0 ? churners / labels.length : null, customers: n, ...(note ? { note } : {}),
  };
}

export interface ChurnEvaluation {
  readonly trainAsOf: string;
  readonly testAsOf: string;
  readonly labelDays: number;
  readonly train: { readonly customers: number; readonly churnRate: number };
  readonly test: { readonly customers: number; readonly churnRate: number };
  readonly auc: { readonly risk: number; readonly model: number; readonly pAlive: number; readonly recency: number };
}

/** `tend churn evaluate`: a time split, so the test labels lie entirely after the training ones. */
export async function evaluateChurn(store: Store, opts: { day: string; rules: ScoringRules }): Promise<ChurnEvaluation> {
  const { session: s, close } = await openSession(store);
  try {
    const trainAsOf = addDays(opts.day, -2 * LABEL_DAYS);
    const testAsOf = addDays(opts.day, -LABEL_DAYS);
    const train = await dataset(s, trainAsOf, 'ce', true);
    await dropPrefix(s, 'ce');
    const test = await dataset(s, testAsOf, 'ct', true);
    await dropPrefix(s, 'ct');
    const yTrain = train.churned as Float64Array;
    const yTest = test.churned as Float64Array;
    const model = fitChurnModel(train.features, yTrain);
    const pred = predictChurn(model, test.features);
    const rate = (y: Float64Array) => (y.length ? y.reduce((a, b) => a + b, 0) / y.length : 0);
    return {
      trainAsOf, testAsOf, labelDays: LABEL_DAYS,
      train: { customers: yTrain.length, churnRate: rate(yTrain) },
      test: { customers: yTest.length, churnRate: rate(yTest) },
      auc: {
        risk: scoreMetrics(yTest, pred.risk).auc,
        model: scoreMetrics(yTest, pred.pModel).auc,
        pAlive: scoreMetrics(yTest, Float64Array.from(test.features.p_alive, (p) => 1 - p)).auc,
        recency: scoreMetrics(yTest, test.features.recency_days).auc,
      },
    };
  } finally {
    await close();
  }
}
