// BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an alternative
// to the Pareto/NBD model", Marketing Science 24(2)): while alive a customer buys as a Poisson
// process with rate lambda ~ Gamma(r, alpha); after each purchase the customer drops out with
// probability p ~ Beta(a, b). Log-likelihood and maximum-likelihood fit.

import { compressSummaryOnce } from './compress.js';
import { fitInLogSpace } from './fit-log-space.js';
import { digammaDifference, logGammaRatio } from './log-gamma.js';
import { logAddExp } from './log-space.js';
import { assertPositiveParams } from './params.js';
import { type ModelFitBase, repeatRate, systematicSample, WARM_START_THRESHOLD, type SummaryFitOptions, toParamsOutcome } from './model-fit.js';
import { type CustomerSummary, validateSummary } from './summary.js';

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export function assertBgNbdParams(p: BgNbdParams): void {
  assertPositiveParams('BG/NBD', { r: p.r, alpha: p.alpha, a: p.a, b: p.b });
}

/**
 * Total log-likelihood, weighted. FHL 2005 eq. (6):
 * L = B(a, b+x)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
 *   + [x > 0] B(a+1, b+x-1)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+tx)^(r+x)),
 * with B(a+1, b+x-1) / B(a, b+x) = a / (b+x-1). The x-only terms are computed once per run of
 * equal x (compressed summaries are sorted by x).
 */
export function bgNbdLogLikelihood(params: BgNbdParams, s: CustomerSummary): number {
  const { r, alpha, a, b } = params;
  const logA = Math.log(a);
  let total = 0;
  let lastX = Number.NaN;
  let xTerm = 0;
  let dropTerm = 0;
  const n = s.x.length;
  for (let i = 0; i < n; i++) {
    const x = s.x[i] as number;
    if (x !== lastX) {
      lastX = x;
      // ln Gamma(r+x)/Gamma(r) + ln B(a, b+x)/B(a, b), each ratio formed without cancellation
      xTerm = logGammaRatio(r, x) + logGammaRatio(b, x) - logGammaRatio(a + b, x);
      dropTerm = x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    }
    // alpha^r / (alpha+t)^(r+x) = exp(-r log1p(t/alpha) - x ln(alpha+t)): no huge cancelling terms
    const T = s.T[i] as number;
    const stay = -r * Math.log1p(T / alpha) - x * Math.log(alpha + T);
    let ll = xTerm + stay;
    if (x > 0) {
      const tx = s.tx[i] as number;
      ll = xTerm + logAddExp(stay, dropTerm - r * Math.log1p(tx / alpha) - x * Math.log(alpha + tx));
    }
    total += s.weight ? (s.weight[i] as number) * ll : ll;
  }
  return total;
}

/**
 * The gradient of bgNbdLogLikelihood with respect to (r, alpha, a, b), into `out`. Per row,
 * ll = X(x) + ln(e^S + e^D) with S the "still alive at T" and D the "dropped after t_x" terms;
 * with q = e^D / (e^S + e^D), d ll = dX + (1 - q) dS + q dD, where
 * dX/dr = psi(r+x) - psi(r), dX/da = -(psi(a+b+x) - psi(a+b)), dX/db = psi(b+x) - psi(b) + dX/da,
 * dS/dr = -ln(1 + T/alpha), dS/dalpha = (r T/alpha - x) / (alpha + T) (D likewise with t_x),
 * dD/da = 1/a, dD/db = -1/(b+x-1).
 */
export function bgNbdLogLikelihoodGradient(params: BgNbdParams, s: CustomerSummary, out: Float64Array): void {
  const { r, alpha, a, b } = params;
  const logA = Math.log(a);
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  let lastX = Number.NaN;
  let dXr = 0;
  let dXa = 0;
  let dXb = 0;
  let dropTerm = 0;
  const n = s.x.length;
  for (let i = 0; i < n; i++) {
    const x = s.x[i] as number;
    if (x !== lastX) {
      lastX = x;
      dXr = digammaDifference(r, x);
      dXa = -digammaDifference(a + b, x);
      dXb = digammaDifference(b, x) + dXa;
      dropTerm = x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    }
    const w = s.weight ? (s.weight[i] as number) : 1;
    const T = s.T[i] as number;
    const sR = -Math.log1p(T / alpha);
    const sAlpha = ((r * T) / alpha - x) / (alpha + T);
    if (x > 0) {
      const tx = s.tx[i] as number;
      const S = r * sR - x * Math.log(alpha + T);
      const dR = -Math.log1p(tx / alpha);
      const D = dropTerm + r * dR - x * Math.log(alpha + tx);
      const q = 1 / (1 + Math.exp(S - D));
      const p = 1 - q;
      gr += w * (dXr + p * sR + q * dR);
      gAlpha += w * (p * sAlpha + q * (((r * tx) / alpha - x) / (alpha + tx)));
      ga += w * (dXa + q / a);
      gb += w * (dXb - q / (b + x - 1));
    } else {
      gr += w * (dXr + sR);
      gAlpha += w * sAlpha;
      ga += w * dXa;
      gb += w * dXb;
    }
  }
  out[0] = gr;
  out[1] = gAlpha;
  out[2] = ga;
  out[3] = gb;
}

/** For a very large base, the optimum of a systematic sample as the starting point. */
function warmStartFor(summary: CustomerSummary, options: SummaryFitOptions): number[] | undefined {
  if (summary.x.length < WARM_START_THRESHOLD) return undefined;
  const p = fitBgNbd(systematicSample(summary), { ...options, standardErrors: false }).params;
  return Object.values(p);
}

export type BgNbdFit = ModelFitBase<BgNbdParams>;

/** Maximum-likelihood fit of the BG/NBD model to a customer summary. */
export function fitBgNbd(summary: CustomerSummary, options: SummaryFitOptions = {}): BgNbdFit {
  validateSummary(summary);
  const data = options.compress === false ? summary : compressSummaryOnce(summary);
  const warmStart = options.warmStart ?? warmStartFor(summary, options);
  const toParams = (v: Float64Array): BgNbdParams => ({ r: v[0] as number, alpha: v[1] as number, a: v[2] as number, b: v[3] as number });
  const rate = repeatRate(data);
  const fit = fitInLogSpace(
    (theta) => -bgNbdLogLikelihood(toParams(theta), data),
    [
      [1, 1 / rate, 1, 1],
      [0.3, 0.3 / rate, 0.5, 2],
    ],
    warmStart ? { ...options, warmStart } : options,
    (theta, out) => {
      bgNbdLogLikelihoodGradient(toParams(theta), data, out);
      for (let i = 0; i < out.length; i++) out[i] = -(out[i] as number);
    },
  );
  const result: BgNbdFit = { params: toParams(fit.values), logLikelihood: fit.logLikelihood, converged: fit.converged, evaluations: fit.evaluations };
  const se = toParamsOutcome(fit.standardErrors, toParams);
  return se ? { ...result, standardErrors: se } : result;
}
