// Pareto/NBD predictions (Schmittlein, Morrison & Colombo 1987; expressions as in Fader &
// Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions"). Times are in
// the unit of the fit; t is a horizon measured from the end of observation T.

import { assertParetoNbdParams, type ParetoNbdParams, paretoNbdBracketLogs } from './pareto-nbd.js';
import { clampProbability, logistic, oneMinusExpOver } from './log-space.js';
import { assertCustomer, assertHorizon } from './params.js';

const MODEL = 'Pareto/NBD';

/**
 * P(alive | x, tx, T) (note eq. 18): the share of the likelihood bracket due to the customer
 * still being alive at T, 1 / (1 + (s/(r+s+x)) (alpha+T)^(r+x) (beta+T)^s A0).
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  assertParetoNbdParams(params);
  assertCustomer(MODEL, x, tx, T);
  const { alive, dead } = paretoNbdBracketLogs(params, x, tx, T);
  if (dead === Number.NEGATIVE_INFINITY) return 1;
  return clampProbability(logistic(dead - alive));
}

/**
 * E[X(t)] for a new customer (note eq. 27): r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)],
 * written as (r/alpha) beta (1 - e^(-(s-1)L)) / (s-1) with L = ln(1 + t/beta), which is
 * continuous at s = 1 (value (r/alpha) beta L).
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  assertParetoNbdParams(params);
  assertHorizon(MODEL, t);
  const { r, alpha, s, beta } = params;
  const value = (r / alpha) * beta * oneMinusExpOver(s - 1, Math.log1p(t / beta));
  return value > 0 && Number.isFinite(value) ? value : 0;
}

/**
 * E[Y(t) | x, tx, T] (note eq. 28):
 * (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive | x, tx, T),
 * with the same s = 1-safe form as paretoNbdExpectedPurchases.
 */
export function paretoNbdConditionalExpectedPurchases(params: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  assertHorizon(MODEL, t);
  const pAlive = paretoNbdProbabilityAlive(params, x, tx, T);
  const { r, alpha, s, beta } = params;
  const value = ((r + x) / (alpha + T)) * (beta + T) * oneMinusExpOver(s - 1, Math.log1p(t / (beta + T))) * pAlive;
  return value > 0 && Number.isFinite(value) ? value : 0;
}
