// The whole churn model: preprocessing and the supervised logistic regression fitted on the
// training rows (features as of an earlier cutoff, labelled by what happened after it), the
// risk blend with P(alive) fitted on the same rows, then scoring and reasons for any customers.
// Note the blend is fitted on in-sample p_model, which is slightly over-confident on small
// bases; with thousands of customers and 14 columns the optimism is negligible.

import { scoreMetrics, type ScoreMetrics } from './auc.js';
import {
  DEFAULT_MODEL_FEATURES, applyPreprocessor, fitPreprocessor, rawColumn, selectRows,
  type ChurnFeatures, type FeatureSpec, type Preprocessor,
} from './features.js';
import { fitLogistic, predictLogistic, type LogisticFit } from './logistic.js';
import { rowValues, topReasons, type ChurnReason, type ReasonOptions } from './reasons.js';
import { churnRisks, fitRiskBlend, isAliveUninformative, uninformativeAlive, type RiskBlend } from './risk.js';

export interface ChurnModelOptions {
  /** model inputs (default DEFAULT_MODEL_FEATURES) */
  readonly features?: readonly FeatureSpec[];
  /** training rows (default all) */
  readonly rows?: ArrayLike<number>;
  /** sample weights aligned with the full feature arrays */
  readonly weights?: Float64Array;
  readonly l2?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

export interface ChurnModel {
  readonly preprocessor: Preprocessor;
  readonly logistic: LogisticFit;
  readonly blend: RiskBlend;
  /** in-sample AUC of the risk, with the training class counts */
  readonly training: ScoreMetrics;
}

export interface ChurnPrediction {
  /** supervised P(churn) per customer */
  readonly pModel: Float64Array;
  /** blended risk 0-100 per customer (continuous; round for storage) */
  readonly risk: Float64Array;
}

function subset(values: Float64Array, rows?: ArrayLike<number>): Float64Array {
  return rows === undefined ? values : selectRows(values, rows);
}

/** Fits the churn model; churned[i] = 1 when customer i placed no paid order in the label window. */
export function fitChurnModel(features: ChurnFeatures, churned: ArrayLike<number>, options: ChurnModelOptions = {}): ChurnModel {
  const n = rawColumn(features, 'p_alive').length;
  if (churned.length !== n) throw new RangeError(`fitChurnModel: ${churned.length} labels for ${n} customers`);
  const rows = options.rows;
  const labels = rows === undefined ? Float64Array.from(churned) : selectRows(churned, rows);
  const weights = options.weights === undefined ? undefined : subset(options.weights, rows);
  const preprocessor = fitPreprocessor(features, options.features ?? DEFAULT_MODEL_FEATURES, rows);
  const x = applyPreprocessor(preprocessor, features, rows);
  const logistic = fitLogistic(x, labels, {
    ...(options.l2 === undefined ? {} : { l2: options.l2 }),
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    ...(weights === undefined ? {} : { weights }),
  });
  const pModel = predictLogistic(logistic, x);
  const pAlive = subset(rawColumn(features, 'p_alive', n), rows);
  const uninformative = uninformativeAlive(subset(rawColumn(features, 'frequency', n), rows), subset(rawColumn(features, 'avg_interval_days', n), rows), pAlive);
  const blend = fitRiskBlend(pModel, pAlive, uninformative, labels, weights === undefined ? {} : { weights });
  const risk = churnRisks(blend, pModel, pAlive, uninformative);
  return { preprocessor, logistic, blend, training: scoreMetrics(labels, risk) };
}

/** p_model and the risk 0-100 for the given customers (all when rows is omitted), in row order. */
export function predictChurn(model: ChurnModel, features: ChurnFeatures, rows?: ArrayLike<number>): ChurnPrediction {
  const x = applyPreprocessor(model.preprocessor, features, rows);
  const pModel = predictLogistic(model.logistic, x);
  const n = rawColumn(features, 'p_alive').length;
  const pAlive = subset(rawColumn(features, 'p_alive', n), rows);
  const uninformative = uninformativeAlive(subset(rawColumn(features, 'frequency', n), rows), subset(rawColumn(features, 'avg_interval_days', n), rows), pAlive);
  return { pModel, risk: churnRisks(model.blend, pModel, pAlive, uninformative) };
}

/** Up to three reasons (by default) that raise customer row's risk, in English and Chinese. */
export function explainChurn(model: ChurnModel, features: ChurnFeatures, row: number, options: ReasonOptions = {}): ChurnReason[] {
  const value = rowValues(features, row);
  const uninformative = isAliveUninformative(value('frequency'), value('avg_interval_days'), value('p_alive'));
  return topReasons(model.preprocessor, model.logistic, model.blend, value, uninformative, options);
}

/** A plain, JSON-ready description of the fitted model (coefficients per standardised column). */
export function describeChurnModel(model: ChurnModel): {
  readonly intercept: number;
  readonly columns: readonly { name: string; coefficient: number; mean: number; scale: number; fill: number }[];
  readonly blend: RiskBlend;
  readonly iterations: number;
  readonly converged: boolean;
  readonly training: ScoreMetrics;
} {
  return {
    intercept: model.logistic.intercept,
    columns: model.preprocessor.columns.map((c, j) => ({ name: c.name, coefficient: model.logistic.coefficients[j] as number, mean: c.mean, scale: c.scale, fill: c.fill })),
    blend: model.blend,
    iterations: model.logistic.iterations,
    converged: model.logistic.converged,
    training: model.training,
  };
}
