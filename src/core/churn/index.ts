// Churn risk: a supervised logistic regression on the customer base's own history, blended with
// BG/NBD P(alive) into a 0-100 risk with reasons in words. Pure functions over typed arrays.

export {
  CHURN_FEATURE_NAMES, DEFAULT_MODEL_FEATURES, featureMatrix, signedLog1p, rawColumn, selectRows, median,
  fitPreprocessor, applyPreprocessor, standardizeValue,
  type ChurnFeatureName, type ChurnFeatures, type RawFeatures, type FeatureTransform, type FeatureSpec,
  type FeatureMatrix, type ColumnKind, type ColumnScaler, type Preprocessor,
} from './features.js';
export { choleskySolve } from './linear-algebra.js';
export {
  fitLogistic, logisticObjective, linearPredictor, predictLogistic, sigmoid, softplus, logit,
  type LogisticOptions, type LogisticFit,
} from './logistic.js';
export { rocAuc, scoreMetrics, splitByTime, type ScoreMetrics, type TimeSplit } from './auc.js';
export {
  PROBABILITY_EPS, hasRepeatPurchase, isAliveUninformative, uninformativeAlive, blendLogit, churnRisk, churnRisks, fitRiskBlend,
  type RiskBlend, type RiskBlendOptions,
} from './risk.js';
export {
  REASON_KEYS, REASON_TEXT, spendChangeFromTrend,
  type ReasonKey, type ReasonSide, type ReasonText, type RawValue,
} from './reason-text.js';
export { reasonContributions, topReasons, rowValues, type ChurnReason, type ReasonOptions, type GroupContribution } from './reasons.js';
export {
  fitChurnModel, predictChurn, explainChurn, describeChurnModel,
  type ChurnModelOptions, type ChurnModel, type ChurnPrediction,
} from './churn-model.js';
