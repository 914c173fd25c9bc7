// BG/BB model for discrete purchase opportunities (Fader, Hardie & Shang 2010, "Customer-base
// analysis in a discrete-time noncontractual setting", Marketing Science 29(6)): while alive, a
// customer transacts at each opportunity with probability p ~ Beta(alpha, beta), and becomes
// inactive at the start of each later opportunity with probability theta ~ Beta(gamma, delta).
// Data per customer: x transactions in n opportunities, the last at opportunity t_x (0 if none).

import { fitInLogSpace, type FitOptions } from './fit-log-space.js';
import { toParamsOutcome } from './model-fit.js';
import { logBetaRatio } from './log-gamma.js';
import { clampProbability, logAddExp } from './log-space.js';
import { assertPositiveParams } from './params.js';
import type { Outcome } from './result.js';

export interface BgBbParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly delta: number;
}

/** Discrete-time summary: frequency x, recency t_x and opportunities n (integers), with weights. */
export interface DiscreteSummary {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly periods: Float64Array;
  readonly weight?: Float64Array;
}

const MODEL = 'BG/BB';

export function assertBgBbParams(p: BgBbParams): void {
  assertPositiveParams(MODEL, { alpha: p.alpha, beta: p.beta, gamma: p.gamma, delta: p.delta });
}

function assertDiscreteCustomer(x: number, tx: number, n: number): void {
  const ok = [x, tx, n].every(Number.isInteger) && x >= 0 && tx >= x && tx <= n && (x > 0 || tx === 0);
  if (!ok) throw new RangeError(`${MODEL}: invalid customer (x=${x}, t_x=${tx}, n=${n}): need integers with 0 <= x <= t_x <= n, t_x = 0 when x = 0`);
}

/**
 * ln L and its "alive at n" component (FHS 2010 eq. 5):
 * L = B(alpha+x, beta+n-x)/B(alpha,beta) B(gamma, delta+n)/B(gamma,delta)
 *   + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha,beta) B(gamma+1, delta+t_x+i)/B(gamma,delta).
 */
function logLikelihoodParts(params: BgBbParams, x: number, tx: number, n: number): { readonly total: number; readonly aliveAtN: number } {
  const { alpha, beta, gamma, delta } = params;
  // each beta-function ratio as gamma ratios (logBetaRatio), stable for huge parameters
  const aliveAtN = logBetaRatio(alpha, beta, x, n - x) + logBetaRatio(gamma, delta, 0, n);
  let total = aliveAtN;
  for (let i = 0; i <= n - tx - 1; i++) {
    total = logAddExp(total, logBetaRatio(alpha, beta, x, tx - x + i) + logBetaRatio(gamma, delta, 1, tx + i));
  }
  return { total, aliveAtN };
}

/** ln L for one customer. */
export function bgBbCustomerLogLikelihood(params: BgBbParams, x: number, tx: number, n: number): number {
  assertDiscreteCustomer(x, tx, n);
  return logLikelihoodParts(params, x, tx, n).total;
}

/** Total log-likelihood, weighted. */
export function bgBbLogLikelihood(params: BgBbParams, s: DiscreteSummary): number {
  let total = 0;
  for (let i = 0; i < s.frequency.length; i++) {
    const ll = logLikelihoodParts(params, s.frequency[i] as number, s.recency[i] as number, s.periods[i] as number).total;
    total += s.weight ? (s.weight[i] as number) * ll : ll;
  }
  return total;
}

export interface BgBbFit {
  readonly params: BgBbParams;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly evaluations: number;
  readonly standardErrors?: Outcome<BgBbParams, 'hessian-not-positive-definite'>;
}

/** Maximum-likelihood fit (rows are usually already unique (x, t_x, n) with weights). */
export function fitBgBb(s: DiscreteSummary, options: FitOptions = {}): BgBbFit {
  const n = s.frequency.length;
  if (s.recency.length !== n || s.periods.length !== n || (s.weight && s.weight.length !== n)) throw new RangeError(`${MODEL}: columns have different lengths`);
  for (let i = 0; i < n; i++) {
    assertDiscreteCustomer(s.frequency[i] as number, s.recency[i] as number, s.periods[i] as number);
    if (s.weight && !((s.weight[i] as number) >= 0)) throw new RangeError(`${MODEL}: row ${i} has a negative or non-finite weight`);
  }
  const toParams = (v: Float64Array): BgBbParams => ({ alpha: v[0] as number, beta: v[1] as number, gamma: v[2] as number, delta: v[3] as number });
  const fit = fitInLogSpace((theta) => -bgBbLogLikelihood(toParams(theta), s), [[1, 1, 1, 1], [0.5, 0.5, 0.5, 2]], options);
  const result: BgBbFit = { params: toParams(fit.values), logLikelihood: fit.logLikelihood, converged: fit.converged, evaluations: fit.evaluations };
  const se = toParamsOutcome(fit.standardErrors, toParams);
  return se ? { ...result, standardErrors: se } : result;
}

/**
 * delta/(gamma-1) [Gamma(1+delta+m)/Gamma(gamma+delta+m) - Gamma(1+delta+m+k)/Gamma(gamma+delta+m+k)] * Gamma(gamma+delta)/Gamma(1+delta),
 * the survival-weighted count of opportunities m+1..m+k, as a log-free product:
 * with u = -sum_{j=m}^{m+k-1} log1p((gamma-1)/(1+delta+j)), it is
 * delta exp(G(m) - G(0)) (-expm1(u))/(gamma-1), G(m) = ln Gamma(1+delta+m) - ln Gamma(gamma+delta+m);
 * continuous at gamma = 1 (limit delta sum 1/(1+delta+j)).
 */
function survivalSum(gamma: number, delta: number, m: number, k: number): number {
  const e = gamma - 1;
  let logG = 0; // G(m) - G(0) = -sum_{j<m} log1p(e/(1+delta+j))
  for (let j = 0; j < m; j++) logG -= Math.log1p(e / (1 + delta + j));
  let u = 0;
  let harmonic = 0;
  for (let j = m; j < m + k; j++) {
    u -= Math.log1p(e / (1 + delta + j));
    harmonic += 1 / (1 + delta + j);
  }
  const ratio = Math.abs(e) < 1e-9 ? harmonic : -Math.expm1(u) / e;
  return delta * Math.exp(logG) * ratio;
}

/** E[X(n)], expected transactions in the first n opportunities of a new customer (FHS 2010 eq. 7). */
export function bgBbExpectedPurchases(params: BgBbParams, n: number): number {
  assertBgBbParams(params);
  if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError(`${MODEL}: n must be a non-negative integer`);
  const { alpha, beta, gamma, delta } = params;
  const value = (alpha / (alpha + beta)) * survivalSum(gamma, delta, 0, n);
  return value > 0 && Number.isFinite(value) ? value : 0;
}

/**
 * Expected transactions in the next `ahead` opportunities, n+1..n+ahead (FHS 2010 eq. 13):
 * 1/L B(alpha+x+1, beta+n-x)/B(alpha,beta) delta/(gamma-1) Gamma(gamma+delta)/Gamma(1+delta)
 * [Gamma(1+delta+n)/Gamma(gamma+delta+n) - Gamma(1+delta+n+ahead)/Gamma(gamma+delta+n+ahead)].
 */
export function bgBbConditionalExpectedPurchases(params: BgBbParams, x: number, tx: number, n: number, ahead: number): number {
  assertBgBbParams(params);
  assertDiscreteCustomer(x, tx, n);
  if (!(ahead >= 0) || !Number.isInteger(ahead)) throw new RangeError(`${MODEL}: ahead must be a non-negative integer`);
  const { alpha, beta, gamma, delta } = params;
  const parts = logLikelihoodParts(params, x, tx, n);
  const logFactor = logBetaRatio(alpha, beta, x + 1, n - x) - parts.total;
  const value = Math.exp(logFactor) * survivalSum(gamma, delta, n, ahead);
  return value > 0 && Number.isFinite(value) ? value : 0;
}

/**
 * P(alive at opportunity n + ahead | x, t_x, n) (FHS 2010 eq. 11 is ahead = 1):
 * B(alpha+x, beta+n-x)/B(alpha,beta) B(gamma, delta+n+ahead)/B(gamma,delta) / L.
 */
export function bgBbProbabilityAlive(params: BgBbParams, x: number, tx: number, n: number, ahead = 1): number {
  assertBgBbParams(params);
  assertDiscreteCustomer(x, tx, n);
  if (!(ahead >= 0) || !Number.isInteger(ahead)) throw new RangeError(`${MODEL}: ahead must be a non-negative integer`);
  const { alpha, beta, gamma, delta } = params;
  const parts = logLikelihoodParts(params, x, tx, n);
  const logP = logBetaRatio(alpha, beta, x, n - x) + logBetaRatio(gamma, delta, 0, n + ahead) - parts.total;
  return clampProbability(Math.exp(logP));
}
