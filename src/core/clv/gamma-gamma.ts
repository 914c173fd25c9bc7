// Gamma-Gamma model of average transaction value (Fader, Hardie & Lee 2005, "RFM and CLV: using
// iso-value curves for customer base analysis", Journal of Marketing Research 42(4), section
// "Adding monetary value"; the model of Colombo & Jiang 1999). A customer's transaction values
// are Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers; spend is independent of the
// purchase process. Fitted on repeat buyers only (x > 0, zbar > 0).

import { uniqueRows } from './compress.js';
import { toParamsOutcome } from './model-fit.js';
import { fitInLogSpace, type FitOptions } from './fit-log-space.js';
import { digammaDifference, logBeta } from './log-gamma.js';
import { assertPositiveParams } from './params.js';
import { failure, type Outcome, success } from './result.js';

/** Spenders in the subsample whose fit starts a large fit (three parameters need few). */
const WARM_START_SAMPLE = 5_000;

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** Per-customer number of repeat transactions x and their mean value zbar. */
export interface SpendSummary {
  readonly x: Float64Array;
  readonly zbar: Float64Array;
  readonly weight?: Float64Array;
}

export function assertGammaGammaParams(p: GammaGammaParams): void {
  assertPositiveParams('Gamma-Gamma', { p: p.p, q: p.q, gamma: p.gamma });
}

/**
 * Total log-likelihood of the mean spends, weighted, over rows with x > 0 and zbar > 0.
 * zbar | nu ~ Gamma(p x, nu x); mixing nu ~ Gamma(q, gamma) gives (FHL 2005, RFM and CLV, eq. 5):
 * f(zbar | x) = Gamma(p x + q) / (Gamma(p x) Gamma(q)) gamma^q x^(p x) zbar^(p x - 1) / (gamma + x zbar)^(p x + q).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, s: SpendSummary): number {
  const { p, q, gamma } = params;
  let total = 0;
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] as number;
    const z = s.zbar[i] as number;
    if (!(x > 0 && z > 0)) continue;
    const px = p * x;
    const xz = x * z;
    // the same density regrouped so that no large terms cancel:
    // -ln B(px, q) - q log1p(x zbar / gamma) - px log1p(gamma / (x zbar)) - ln zbar
    const ll = -logBeta(px, q) - q * Math.log1p(xz / gamma) - px * Math.log1p(gamma / xz) - Math.log(z);
    total += s.weight ? (s.weight[i] as number) * ll : ll;
  }
  return total;
}

/**
 * Gradient of gammaGammaLogLikelihood in (p, q, gamma) into `out`, from the same regrouped terms:
 * d/dp = x (psi(px + q) - psi(px)) - x log1p(gamma / (x zbar)),
 * d/dq = psi(px + q) - psi(q) - log1p(x zbar / gamma),
 * d/dgamma = (q x zbar / gamma - p x) / (x zbar + gamma).
 */
export function gammaGammaLogLikelihoodGradient(params: GammaGammaParams, s: SpendSummary, out: Float64Array): void {
  const { p, q, gamma } = params;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] as number;
    const z = s.zbar[i] as number;
    if (!(x > 0 && z > 0)) continue;
    const w = s.weight ? (s.weight[i] as number) : 1;
    const px = p * x;
    const xz = x * z;
    gp += w * x * (digammaDifference(px, q) - Math.log1p(gamma / xz));
    gq += w * (digammaDifference(q, px) - Math.log1p(xz / gamma));
    gg += w * ((q * xz) / gamma - px) / (xz + gamma);
  }
  out[0] = gp;
  out[1] = gq;
  out[2] = gg;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly evaluations: number;
  /** number of customers (weighted) the fit used: those with x > 0 and zbar > 0 */
  readonly customers: number;
  readonly standardErrors?: Outcome<GammaGammaParams, 'hessian-not-positive-definite'>;
}

/** Maximum-likelihood fit on the repeat buyers (x > 0, zbar > 0); other rows are ignored. */
export function fitGammaGamma(s: SpendSummary, options: FitOptions = {}): GammaGammaFit {
  if (s.zbar.length !== s.x.length || (s.weight && s.weight.length !== s.x.length)) throw new RangeError('Gamma-Gamma: x, zbar and weight must have the same length');
  const keep: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] as number;
    const z = s.zbar[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(z)) throw new RangeError(`Gamma-Gamma: row ${i} has a non-finite value`);
    if (x > 0 && z > 0 && (!s.weight || (s.weight[i] as number) > 0)) keep.push(i);
  }
  if (keep.length === 0) throw new RangeError('Gamma-Gamma: no customer with x > 0 and zbar > 0 to fit on');
  const u = uniqueRows(
    [Float64Array.from(keep, (i) => s.x[i] as number), Float64Array.from(keep, (i) => s.zbar[i] as number)],
    s.weight ? Float64Array.from(keep, (i) => s.weight?.[i] as number) : undefined,
  );
  const data: SpendSummary = { x: u.columns[0] as Float64Array, zbar: u.columns[1] as Float64Array, weight: u.weight };
  let customers = 0;
  let spend = 0;
  data.weight?.forEach((w, i) => {
    customers += w;
    spend += w * (data.zbar[i] as number);
  });
  const mean = spend / customers;
  const toParams = (v: Float64Array): GammaGammaParams => ({ p: v[0] as number, q: v[1] as number, gamma: v[2] as number });
  // Many spenders: search from several starts on every k-th of them, polish on all.
  let warm = options.warmStart;
  if (!warm && keep.length > 4 * WARM_START_SAMPLE) {
    const step = Math.floor(keep.length / WARM_START_SAMPLE);
    const picked = keep.filter((_, k) => k % step === 0);
    const sample = { x: Float64Array.from(picked, (i) => s.x[i] as number), zbar: Float64Array.from(picked, (i) => s.zbar[i] as number) };
    const w = s.weight;
    const start = fitGammaGamma(w ? { ...sample, weight: Float64Array.from(picked, (i) => w[i] as number) } : sample, { ...options, standardErrors: false }).params;
    warm = [start.p, start.q, start.gamma];
  }
  const fit = fitInLogSpace(
    (theta) => -gammaGammaLogLikelihood(toParams(theta), data),
    [[1, 1, 1], [2, 3, mean]],
    warm ? { ...options, warmStart: warm } : options,
    (theta, out) => {
      gammaGammaLogLikelihoodGradient(toParams(theta), data, out);
      for (let i = 0; i < out.length; i++) out[i] = -(out[i] as number);
    },
  );
  const result: GammaGammaFit = { params: toParams(fit.values), logLikelihood: fit.logLikelihood, converged: fit.converged, evaluations: fit.evaluations, customers };
  const se = toParamsOutcome(fit.standardErrors, toParams);
  return se ? { ...result, standardErrors: se } : result;
}

export type SpendFailure = 'mean-does-not-exist';

/**
 * Population mean of average spend, E[Z] = p gamma / (q - 1) (FHL 2005, RFM and CLV). It exists
 * only for q > 1: for q <= 1 the Gamma mixing of nu puts so much mass near 0 that the mean of
 * p/nu is infinite, and the result says so instead of returning a number.
 */
export function gammaGammaMeanSpend(params: GammaGammaParams): Outcome<number, SpendFailure> {
  assertGammaGammaParams(params);
  const { p, q, gamma } = params;
  if (!(q > 1)) return failure('mean-does-not-exist', `q = ${q} <= 1: the population mean spend p*gamma/(q-1) does not exist (infinite)`);
  return success((p * gamma) / (q - 1));
}

/**
 * E[Z | zbar, x] (FHL 2005, RFM and CLV, eq. 6): p (gamma + x zbar) / (p x + q - 1), a weighted
 * average of the population mean p gamma/(q-1) and the customer's own mean zbar with weight
 * p x / (p x + q - 1) on zbar. For x = 0 it is the population mean. Exists when p x + q > 1.
 */
export function gammaGammaConditionalExpectedSpend(params: GammaGammaParams, x: number, zbar: number): Outcome<number, SpendFailure> {
  assertGammaGammaParams(params);
  if (!(x >= 0) || !Number.isFinite(x) || !(zbar >= 0) || !Number.isFinite(zbar)) {
    throw new RangeError(`Gamma-Gamma: invalid customer (x=${x}, zbar=${zbar})`);
  }
  const { p, q, gamma } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    return failure('mean-does-not-exist', `p*x + q - 1 = ${denominator} <= 0: the expected spend does not exist (q <= 1 and too few transactions)`);
  }
  return success((p * (gamma + x * zbar)) / denominator);
}
