// The churn risk 0-100: a second-stage logistic regression ("stacking", Wolpert 1992; on
// probabilities it is Platt scaling, Platt 1999) fitted on the training split:
//
//   logit P(churn) = a + w_m logit(p_model) + w_a (1 - u) logit(1 - p_alive) + s u,
//   risk = 100 P(churn),
//
// where u = 1 when P(alive) says nothing (no repeat purchase on a later day, or missing), fitted
// on the same training rows as the supervised model (so p_model is in-sample). Why this blend:
// - The two signals overlap (P(alive) is a function of recency, frequency and tenure, which the
//   supervised model also sees), so a fixed average of logits would count that evidence twice;
//   the fitted weights learn how much P(alive) adds on top of the model.
// - The result is calibrated: risk 30 means about 30% of such customers placed no paid order in
//   the label window (on the training history), which makes the 0-100 figure readable.
// - w_m and w_a are constrained to be >= 0 (a weight that comes out negative is dropped and the
//   rest refitted), so the risk never decreases in p_model nor increases in P(alive).
// - BG/NBD gives P(alive) = 1 to every customer without a repeat purchase (Fader, Hardie & Lee
//   2005), which would read as "certainly active" for the likeliest churners; u switches their
//   P(alive) term off and gives them a fitted shift s instead.

import { featureMatrix } from './features.js';
import { fitLogistic, logit, sigmoid } from './logistic.js';

export interface RiskBlend {
  readonly intercept: number;
  /** w_m >= 0, on logit(p_model) */
  readonly modelWeight: number;
  /** w_a >= 0, on logit(1 - p_alive) */
  readonly aliveWeight: number;
  /** s, replaces the P(alive) term where it is uninformative */
  readonly uninformativeShift: number;
  /** training mean of w_a logit(1 - p_alive) over informative rows: the reference for reasons */
  readonly aliveReference: number;
  /** training mean of the whole P(alive) term (w_a logit(1 - p_alive), or s): the reference for the shift */
  readonly termReference: number;
}

/** Probabilities are clamped to [eps, 1 - eps] before logits: P(alive) can be 1 or 1e-30. */
export const PROBABILITY_EPS = 1e-6;

/**
 * True when the customer has a repeat purchase on a later day: at least two paid orders and a
 * defined average interval (the service leaves it NaN when all orders fall on one day, which
 * BG/NBD, counting purchase days, treats as no repeat purchase).
 */
export function hasRepeatPurchase(frequency: number, avgIntervalDays: number): boolean {
  return frequency >= 2 && Number.isFinite(avgIntervalDays);
}

/** True where P(alive) is uninformative: no repeat purchase (BG/NBD then says 1), or P(alive) missing. */
export function isAliveUninformative(frequency: number, avgIntervalDays: number, pAlive: number): boolean {
  return !hasRepeatPurchase(frequency, avgIntervalDays) || !Number.isFinite(pAlive);
}

/** 1 where P(alive) is uninformative (isAliveUninformative), else 0. */
export function uninformativeAlive(frequency: ArrayLike<number>, avgIntervalDays: ArrayLike<number>, pAlive: ArrayLike<number>): Uint8Array {
  if (frequency.length !== pAlive.length || avgIntervalDays.length !== pAlive.length) throw new RangeError('uninformativeAlive: arrays differ in length');
  const u = new Uint8Array(frequency.length);
  for (let i = 0; i < u.length; i++) u[i] = isAliveUninformative(frequency[i] as number, avgIntervalDays[i] as number, pAlive[i] as number) ? 1 : 0;
  return u;
}

function aliveLogit(pAlive: number): number {
  return logit(1 - pAlive, PROBABILITY_EPS);
}

/** The blend's logit of P(churn). */
export function blendLogit(blend: RiskBlend, pModel: number, pAlive: number, uninformative = false): number {
  const term = uninformative ? blend.uninformativeShift : blend.aliveWeight * aliveLogit(pAlive);
  return blend.intercept + blend.modelWeight * logit(pModel, PROBABILITY_EPS) + term;
}

/** Risk 0-100 for one customer: 100 P(churn). */
export function churnRisk(blend: RiskBlend, pModel: number, pAlive: number, uninformative = false): number {
  return 100 * sigmoid(blendLogit(blend, pModel, pAlive, uninformative));
}

/** Risk 0-100 per customer. */
export function churnRisks(blend: RiskBlend, pModel: Float64Array, pAlive: Float64Array, uninformative?: Uint8Array): Float64Array {
  if (pModel.length !== pAlive.length || (uninformative !== undefined && uninformative.length !== pModel.length)) {
    throw new RangeError('churnRisks: arrays differ in length');
  }
  const risk = new Float64Array(pModel.length);
  for (let i = 0; i < risk.length; i++) {
    risk[i] = churnRisk(blend, pModel[i] as number, pAlive[i] as number, uninformative !== undefined && uninformative[i] === 1);
  }
  return risk;
}

export interface RiskBlendOptions {
  readonly weights?: Float64Array;
  /** L2 penalty of the second stage (default 1e-6: three inputs on the logit scale barely need it) */
  readonly l2?: number;
}

/** Fits the blend on training rows: p_model, P(alive), the uninformative mask and the labels, aligned. */
export function fitRiskBlend(
  pModel: Float64Array, pAlive: Float64Array, uninformative: Uint8Array, churned: ArrayLike<number>, options: RiskBlendOptions = {},
): RiskBlend {
  const n = pModel.length;
  if (pAlive.length !== n || uninformative.length !== n || churned.length !== n) throw new RangeError('fitRiskBlend: arrays differ in length');
  const zModel = new Float64Array(n);
  const zAlive = new Float64Array(n);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    zModel[i] = logit(pModel[i] as number, PROBABILITY_EPS);
    const off = uninformative[i] === 1;
    zAlive[i] = off ? 0 : aliveLogit(pAlive[i] as number);
    u[i] = off ? 1 : 0;
  }
  const all = [{ name: 'model', column: zModel }, { name: 'alive', column: zAlive }, { name: 'uninformative', column: u }];
  let inputs = all;
  let weight = new Map<string, number>();
  let intercept = 0;
  // active set for the sign constraints: drop the most negative constrained weight, refit
  for (;;) {
    const fit = fitLogistic(featureMatrix(inputs.map((c) => c.name), inputs.map((c) => c.column)), churned, { l2: options.l2 ?? 1e-6, weights: options.weights });
    weight = new Map(inputs.map((c, j) => [c.name, fit.coefficients[j] as number]));
    intercept = fit.intercept;
    const negative = inputs.filter((c) => c.name !== 'uninformative' && (weight.get(c.name) ?? 0) < 0)
      .sort((a, b) => (weight.get(a.name) ?? 0) - (weight.get(b.name) ?? 0))[0];
    if (negative === undefined) break;
    inputs = inputs.filter((c) => c !== negative);
  }
  const modelWeight = weight.get('model') ?? 0;
  const aliveWeight = weight.get('alive') ?? 0;
  const uninformativeShift = weight.get('uninformative') ?? 0;
  let aliveSum = 0, informative = 0, termSum = 0;
  for (let i = 0; i < n; i++) {
    const off = u[i] === 1;
    const term = off ? uninformativeShift : aliveWeight * (zAlive[i] as number);
    termSum += term;
    if (!off) {
      aliveSum += term;
      informative++;
    }
  }
  return {
    intercept, modelWeight, aliveWeight, uninformativeShift,
    aliveReference: informative > 0 ? aliveSum / informative : 0,
    termReference: n > 0 ? termSum / n : 0,
  };
}
