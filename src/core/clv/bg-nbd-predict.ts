// BG/NBD predictions (Fader, Hardie & Lee 2005, "Counting your customers the easy way", and
// Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model"). Times are in the unit
// the model was fitted in; t is a horizon measured from the end of observation T.

import { assertBgNbdParams, type BgNbdParams } from './bg-nbd.js';
import { logHyp2f1 } from './hypergeometric.js';
import { logRegularizedIncompleteBeta } from './incomplete-beta.js';
import { logBeta, logBetaRatio, logGamma, logGammaRatio } from './log-gamma.js';
import { clampProbability, logAddExp, logistic } from './log-space.js';
import { assertCustomer, assertHorizon } from './params.js';
import { integrateUnitInterval } from './quadrature.js';
import { failure, type Outcome, success } from './result.js';

const MODEL = 'BG/NBD';

/**
 * P(alive | x, tx, T) (FHL 2008 note, eq. 2):
 * 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x)).
 */
export function bgNbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  assertBgNbdParams(params);
  assertCustomer(MODEL, x, tx, T);
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return clampProbability(logistic(logOdds));
}

/**
 * Expected purchases in (T, T + t] of a customer known to be alive at T, by quadrature over the
 * posterior dropout probability: p | alive ~ Beta(a, b + x), lambda | alive ~ Gamma(r + x, alpha + T),
 * E = integral Beta(p; a, b+x) (1 - ((alpha+T) / (alpha+T+p t))^(r+x)) / p dp.
 * Used where the closed form is numerically singular (a near 1, or a + b + x - 1 <= 0).
 */
function expectedIfAliveByQuadrature(params: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = params;
  const bx = b + x;
  const rx = r + x;
  const scale = alpha + T;
  const lb = logBeta(a, bx);
  return integrateUnitInterval((p, q) => {
    const density = Math.exp(a * Math.log(p) + bx * Math.log(q) - lb); // Beta density times p (1 - p)
    return (density * -Math.expm1(-rx * Math.log1p((p * t) / scale))) / p;
  });
}

/**
 * E[Y(t) | x, tx, T], expected purchases in the next t (FHL 2005 eq. 10):
 * (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] * P(alive).
 * The bracket is formed as -expm1(ln(...)), so it keeps its relative accuracy for small t.
 */
export function bgNbdConditionalExpectedPurchases(params: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  assertBgNbdParams(params);
  assertCustomer(MODEL, x, tx, T);
  assertHorizon(MODEL, t);
  if (t === 0) return 0;
  const value = bgNbdExpectedPurchasesIfAlive(params, x, T, t) * bgNbdProbabilityAlive(params, x, tx, T);
  return value > 0 && Number.isFinite(value) ? value : 0;
}

/**
 * The first factor of eq. 10: expected purchases in (T, T + t] of a customer alive at T (it does
 * not depend on tx). Callers that need several horizons compute P(alive) once. Unchecked inputs.
 */
export function bgNbdExpectedPurchasesIfAlive(params: BgNbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  let ifAlive = Number.NaN;
  if (Math.abs(a - 1) > 1e-4 && c > 0) {
    const z = t / (alpha + T + t);
    const logTerm = (r + x) * Math.log1p(-z) + logHyp2f1(r + x, b + x, c, z);
    ifAlive = (c / (a - 1)) * -Math.expm1(logTerm);
  }
  if (!(ifAlive >= 0) || !Number.isFinite(ifAlive)) ifAlive = expectedIfAliveByQuadrature(params, x, T, t);
  return ifAlive;
}

/**
 * E[X(t)], expected purchases in (0, t] of a new customer (FHL 2005 eq. 9):
 * (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))], which is eq. 10 at x = tx = T = 0.
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  return bgNbdConditionalExpectedPurchases(params, 0, 0, 0, t);
}

/**
 * P(X(t) = n) for a new customer (FHL 2005 eq. 8):
 * B(a, b+n)/B(a, b) Gamma(r+n)/(Gamma(r) n!) (alpha/(alpha+t))^r (t/(alpha+t))^n
 * + [n > 0] B(a+1, b+n-1)/B(a, b) [1 - (alpha/(alpha+t))^r sum_{j<n} Gamma(r+j)/(Gamma(r) j!) (t/(alpha+t))^j].
 * The bracket is the upper tail of a negative binomial, evaluated as I_q(n, r) with q = t/(alpha+t)
 * (no cancellation even when it is 1e-10).
 */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  assertBgNbdParams(params);
  assertHorizon(MODEL, t);
  if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError(`${MODEL}: n must be a non-negative integer, got ${n}`);
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const logP = Math.log(alpha) - Math.log(alpha + t);
  const logQ = Math.log(t) - Math.log(alpha + t);
  const first = logBetaRatio(a, b, 0, n) + logGammaRatio(r, n) - logGamma(n + 1) + r * logP + (n > 0 ? n * logQ : 0);
  let total = first;
  if (n > 0) {
    const tail = logRegularizedIncompleteBeta(n, r, t / (alpha + t), alpha / (alpha + t));
    // B(a+1, b+n-1)/B(a, b) = a/(a+b) * B(a+1, b+n-1)/B(a+1, b), formed as gamma ratios
    total = logAddExp(first, Math.log(a) - Math.log(a + b) + logBetaRatio(a + 1, b, 0, n - 1) + tail);
  }
  return clampProbability(Math.exp(total));
}

/**
 * Probability that the customer buys again within w after T. Exact in the BG/NBD: a customer
 * alive at T (probability P(alive)) has lambda ~ Gamma(r+x, alpha+T) and, since dropout happens
 * only right after a purchase, buys next after an Exp(lambda) wait:
 * P(alive) [1 - ((alpha+T)/(alpha+T+w))^(r+x)].
 */
export function bgNbdProbabilityNextPurchaseWithin(params: BgNbdParams, x: number, tx: number, T: number, w: number): number {
  assertHorizon(MODEL, w);
  const pAlive = bgNbdProbabilityAlive(params, x, tx, T);
  const { r, alpha } = params;
  return clampProbability(pAlive * -Math.expm1(-(r + x) * Math.log1p(w / (alpha + T))));
}

export type TimeToNextPurchaseFailure = 'mean-does-not-exist';

/**
 * Expected time from T to the next purchase, given the customer is alive: with
 * lambda | alive ~ Gamma(r+x, alpha+T), E[1/lambda] = (alpha+T)/(r+x-1). No approximation is
 * involved, but note the conditioning: a customer who has dropped out never buys again, so the
 * unconditional expectation is infinite whenever P(alive) < 1; combine with bgNbdProbabilityAlive.
 * When r + x <= 1 the mean is infinite too (heavy tail of 1/lambda): use the median instead.
 */
export function bgNbdExpectedTimeToNextPurchase(params: BgNbdParams, x: number, tx: number, T: number): Outcome<number, TimeToNextPurchaseFailure> {
  assertBgNbdParams(params);
  assertCustomer(MODEL, x, tx, T);
  const { r, alpha } = params;
  if (r + x <= 1) {
    return failure('mean-does-not-exist', `r + x = ${r + x} <= 1: the expected waiting time is infinite; use bgNbdMedianTimeToNextPurchase`);
  }
  return success((alpha + T) / (r + x - 1));
}

/**
 * Median time from T to the next purchase, given the customer is alive (always finite):
 * solves ((alpha+T)/(alpha+T+w))^(r+x) = 1/2, w = (alpha+T)(2^(1/(r+x)) - 1).
 */
export function bgNbdMedianTimeToNextPurchase(params: BgNbdParams, x: number, tx: number, T: number): number {
  assertBgNbdParams(params);
  assertCustomer(MODEL, x, tx, T);
  const { r, alpha } = params;
  return (alpha + T) * Math.expm1(Math.LN2 / (r + x));
}
