// Buy-till-you-die customer-lifetime-value models: pure functions over typed-array summaries.

export { logGamma, logGammaSigned, logGammaRatio, logBeta, sinPi, type SignedLogValue } from './log-gamma.js';
export { logAddExp, logSumExp, logSubExp, log1mExp, signedLogAdd, signedLogValue, logistic, clampProbability, oneMinusExpOver, type SignedLog } from './log-space.js';
export { hyp2f1, logHyp2f1, hyp2f1SignedLog, hyp2f1Series } from './hypergeometric.js';
export { regularizedIncompleteBeta, logRegularizedIncompleteBeta } from './incomplete-beta.js';
export { integrateUnitInterval } from './quadrature.js';
export { nelderMead, type Objective, type MinimizeOptions, type MinimizeResult } from './nelder-mead.js';
export { bfgs, numericGradient, type BfgsOptions } from './bfgs.js';
export { numericHessian, invertSymmetricPositiveDefinite } from './hessian.js';
export { fitInLogSpace, type FitOptions, type LogSpaceFit, type StandardErrorFailure } from './fit-log-space.js';
export { success, failure, type Outcome } from './result.js';
export { type CustomerSummary, summaryFromRows, summaryLength, totalWeight, validateSummary } from './summary.js';
export { compressSummary, uniqueRows, expandToRows, type CompressedSummary, type UniqueRows } from './compress.js';
export { summarizeTransactions, dayNumber, DAYS_PER_UNIT, type TimeUnit, type SummarizeOptions, type TransactionSummary } from './transactions.js';
export { bgNbdLogLikelihood, fitBgNbd, assertBgNbdParams, type BgNbdParams, type BgNbdFit } from './bg-nbd.js';
export { type ModelFitBase, type SummaryFitOptions, repeatRate } from './model-fit.js';
export {
  bgNbdProbabilityAlive,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchasesIfAlive,
  bgNbdExpectedPurchases,
  bgNbdProbabilityOfPurchases,
  bgNbdProbabilityNextPurchaseWithin,
  bgNbdExpectedTimeToNextPurchase,
  bgNbdMedianTimeToNextPurchase,
  type TimeToNextPurchaseFailure,
} from './bg-nbd-predict.js';
export { paretoNbdLogLikelihood, paretoNbdCustomerLogLikelihood, fitParetoNbd, assertParetoNbdParams, type ParetoNbdParams, type ParetoNbdFit } from './pareto-nbd.js';
export { paretoNbdProbabilityAlive, paretoNbdExpectedPurchases, paretoNbdConditionalExpectedPurchases } from './pareto-nbd-predict.js';
export {
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  fitGammaGamma,
  gammaGammaMeanSpend,
  gammaGammaConditionalExpectedSpend,
  type GammaGammaParams,
  type GammaGammaFit,
  type SpendSummary,
  type SpendFailure,
} from './gamma-gamma.js';
export {
  bgBbLogLikelihood,
  bgBbCustomerLogLikelihood,
  fitBgBb,
  bgBbExpectedPurchases,
  bgBbConditionalExpectedPurchases,
  bgBbProbabilityAlive,
  type BgBbParams,
  type BgBbFit,
  type DiscreteSummary,
} from './bg-bb.js';
export {
  customerLifetimeValue,
  customerLifetimeValues,
  discountedExpectedPurchases,
  conditionalExpectedPurchases,
  mapDistinctRows,
  perPair,
  type PurchaseModel,
  type DiscountOptions,
  type ClvOptions,
} from './clv.js';
export { mulberry32, normal, gammaDeviate, betaDeviate, simulateBgNbd, type Random, type SimulationOptions } from './simulate.js';
