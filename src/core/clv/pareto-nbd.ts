// Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting your customers: who are they
// and what will they do next?", Management Science 33(1)): while alive a customer buys as a
// Poisson process with rate lambda ~ Gamma(r, alpha) and dies after an exponential lifetime
// with rate mu ~ Gamma(s, beta). Likelihood as in Fader & Hardie (2005), "A note on deriving the
// Pareto/NBD model and related expressions", eq. (22), computed in log space.

import { compressSummaryOnce } from './compress.js';
import { type ModelFitBase, repeatRate, systematicSample, WARM_START_THRESHOLD, type SummaryFitOptions, toParamsOutcome } from './model-fit.js';
import { fitInLogSpace } from './fit-log-space.js';
import { logHyp2f1 } from './hypergeometric.js';
import { integrateUnitInterval } from './quadrature.js';
import { logGammaRatio } from './log-gamma.js';
import { logAddExp, logSubExp } from './log-space.js';
import { assertPositiveParams } from './params.js';
import { type CustomerSummary, validateSummary } from './summary.js';

export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

export function assertParetoNbdParams(p: ParetoNbdParams): void {
  assertPositiveParams('Pareto/NBD', { r: p.r, alpha: p.alpha, s: p.s, beta: p.beta });
}

/**
 * G(t) = ln(alpha^r beta^s F(t)), where F(t) = 2F1(r+s+x, b'; r+s+x+1; z(t)) / (m+t)^(r+s+x) is the
 * function of Fader & Hardie's note (eq. 22) with
 *   alpha >= beta: b' = s+1, m = alpha, z(t) = (alpha-beta)/(alpha+t);
 *   alpha <  beta: b' = r+x, m = beta,  z(t) = (beta-alpha)/(beta+t).
 * Euler's transformation (A&S 15.3.3) turns both into 2F1(1, .; r+s+x+1; z), a positive series,
 * and cancels the large powers analytically:
 *   alpha >= beta: G = ln 2F1(1, r+x; r+s+x+1; z) - r log1p(t/alpha) - s log1p(t/beta) - x ln(alpha+t)
 *   alpha <  beta: G = ln 2F1(1, s+1; r+s+x+1; z) - r log1p(t/alpha) - s log1p(t/beta) - (x-1) ln(alpha+t) - ln(beta+t)
 */
function logG(r: number, alpha: number, s: number, beta: number, x: number, t: number): number {
  const common = -r * Math.log1p(t / alpha) - s * Math.log1p(t / beta);
  // 1 - z is passed separately: z rounds to 1 when one rate scale dwarfs the other
  if (alpha >= beta) return logOneB(r + x, s, (alpha - beta) / (alpha + t), (beta + t) / (alpha + t)) + common - x * Math.log(alpha + t);
  return logOneB(s + 1, r + x - 1, (beta - alpha) / (beta + t), (alpha + t) / (beta + t)) + common - (x - 1) * Math.log(alpha + t) - Math.log(beta + t);
}

/** Above this multiple of e + 1, b + e + 1 no longer carries e accurately: use the large-b limit. */
const HUGE_B = 1e8;

/**
 * ln 2F1(1, b; b + e + 1; z), w = 1 - z. For b >= HUGE_B max(1, e + 1) the parameters cannot be formed in double
 * precision (b + e + 1 - b != e + 1), so the large-b limit is used instead: (b)_n / (b+e+1)_n
 * -> (1 + n/b)^-(e+1), and the sum becomes b * integral_0^inf exp(-b lambda y) (1+y)^-(e+1) dy with
 * lambda = -ln z (relative error O((e+1)^2 / b), ~1e-8 at the switch, where the series' own
 * error from rounding b + e + 1 is similar). Only degenerate parameters (r or s ~ 1e8 and beyond)
 * get here, but optimisers do visit them.
 */
function logOneB(b: number, e: number, z: number, w: number): number {
  if (b < HUGE_B * Math.max(1, Math.abs(e + 1))) return logHyp2f1(1, b, b + e + 1, z, w);
  const k = -b * Math.log1p(-w);
  // y = u / (1 - u); the quadrature takes the integrand times u (1 - u)
  const integral = integrateUnitInterval((u, v) => u * Math.exp(e * Math.log(v) - (k * u) / v));
  return Math.log(b) + Math.log(integral);
}

/**
 * The two terms of the likelihood, as logs, without the factor Gamma(r+x)/Gamma(r)
 * (Fader & Hardie 2005 note, eq. 22):
 * L = Gamma(r+x)/Gamma(r) * [ alpha^r beta^s / ((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) alpha^r beta^s A0 ],
 * A0 = F(tx) - F(T) >= 0 (F decreases in t; the difference is taken in log space).
 * `alive` is the log of the first term (the customer is still alive at T), `dead` of the second.
 * logGtx may pass a precomputed G(tx).
 */
export function paretoNbdBracketLogs(params: ParetoNbdParams, x: number, tx: number, T: number, logGtx?: number): { readonly alive: number; readonly dead: number } {
  const { r, alpha, s, beta } = params;
  const alive = -r * Math.log1p(T / alpha) - s * Math.log1p(T / beta) - x * Math.log(alpha + T);
  if (!(tx < T)) return { alive, dead: Number.NEGATIVE_INFINITY };
  const first = logGtx ?? logG(r, alpha, s, beta, x, tx);
  const difference = logSubExp(first, logG(r, alpha, s, beta, x, T));
  return { alive, dead: Math.log(s) - Math.log(r + s + x) + difference };
}

/** ln L for one customer. */
export function paretoNbdCustomerLogLikelihood(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { alive, dead } = paretoNbdBracketLogs(params, x, tx, T);
  return logGammaRatio(params.r, x) + logAddExp(alive, dead);
}

/** Total log-likelihood, weighted. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, summary: CustomerSummary): number {
  const { r, alpha, s, beta } = params;
  let total = 0;
  let lastX = Number.NaN;
  let lastTx = Number.NaN;
  let xTerm = 0;
  let logGtx = 0;
  for (let i = 0; i < summary.x.length; i++) {
    const x = summary.x[i] as number;
    const tx = summary.tx[i] as number;
    if (x !== lastX) {
      lastX = x;
      lastTx = Number.NaN;
      xTerm = logGammaRatio(r, x);
    }
    if (tx !== lastTx) {
      // compressed summaries are sorted by (x, tx): G(tx) is shared by the run of equal (x, tx)
      lastTx = tx;
      logGtx = logG(r, alpha, s, beta, x, tx);
    }
    const { alive, dead } = paretoNbdBracketLogs(params, x, tx, summary.T[i] as number, logGtx);
    const ll = xTerm + logAddExp(alive, dead);
    total += summary.weight ? (summary.weight[i] as number) * ll : ll;
  }
  return total;
}

/** For a very large base, the optimum of a systematic sample as the starting point. */
function warmStartFor(summary: CustomerSummary, options: SummaryFitOptions): number[] | undefined {
  if (summary.x.length < WARM_START_THRESHOLD) return undefined;
  const p = fitParetoNbd(systematicSample(summary), { ...options, standardErrors: false }).params;
  return Object.values(p);
}

export type ParetoNbdFit = ModelFitBase<ParetoNbdParams>;

/**
 * Maximum-likelihood fit. The likelihood is often nearly flat along s/beta (CDNOW: beta 11.66 and
 * 11.67 differ by < 1e-4 in log-likelihood), so expect beta to be reproducible only to ~0.1.
 */
export function fitParetoNbd(summary: CustomerSummary, options: SummaryFitOptions = {}): ParetoNbdFit {
  validateSummary(summary);
  const data = options.compress === false ? summary : compressSummaryOnce(summary);
  const warmStart = options.warmStart ?? warmStartFor(summary, options);
  const toParams = (v: Float64Array): ParetoNbdParams => ({ r: v[0] as number, alpha: v[1] as number, s: v[2] as number, beta: v[3] as number });
  const rate = repeatRate(data);
  const fit = fitInLogSpace(
    (theta) => -paretoNbdLogLikelihood(toParams(theta), data),
    [
      [1, 1 / rate, 1, 1 / rate],
      [0.5, 0.5 / rate, 0.5, 2 / rate],
    ],
    warmStart ? { ...options, warmStart } : options,
  );
  const result: ParetoNbdFit = { params: toParams(fit.values), logLikelihood: fit.logLikelihood, converged: fit.converged, evaluations: fit.evaluations };
  const se = toParamsOutcome(fit.standardErrors, toParams);
  return se ? { ...result, standardErrors: se } : result;
}
