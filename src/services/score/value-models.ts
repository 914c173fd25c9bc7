// Fits BG/NBD (purchases) and Gamma-Gamma (spend) on the whole customer base and predicts,
// for every buyer, P(alive), purchases in the next 90 days, discounted CLV over the horizon
// and the median wait to the next order. Typed arrays throughout; one pass per distinct row.
import {
  bgNbdExpectedPurchasesIfAlive,
  bgNbdMedianTimeToNextPurchase,
  bgNbdProbabilityAlive,
  customerLifetimeValues,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  gammaGammaMeanSpend,
  mapDistinctRows,
  perPair,
  type BgNbdParams,
  type GammaGammaParams,
} from '../../core/clv/index.js';

export interface ModelInputs {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly zbar: Float64Array;
}

export interface ModelOutputs {
  readonly bgNbd: { readonly params: BgNbdParams; readonly logLikelihood: number; readonly converged: boolean } | null;
  readonly gammaGamma: { readonly params: GammaGammaParams; readonly meanSpend: number | null; readonly note?: string } | null;
  readonly pAlive: Float64Array;
  readonly expected90d: Float64Array;
  readonly clv: Float64Array;
  readonly nextOrderWeeks: Float64Array;
}

const WEEKS_PER_MONTH = 52.1775 / 12;

/**
 * P(alive) alone from a BG/NBD fit (for churn training); NaN everywhere when history is too thin.
 * `near`, the fit of a nearby day, skips the multi-start search: only the local polish runs.
 */
export function fitProbabilityAlive(input: Pick<ModelInputs, 'x' | 'tx' | 'T'>, near?: BgNbdParams): Float64Array {
  if (!fittable(input.x)) return new Float64Array(input.x.length).fill(Number.NaN);
  const summary = { x: input.x, tx: input.tx, T: input.T };
  const p = fitBgNbd(summary, near ? { warmStart: [near.r, near.alpha, near.a, near.b] } : {}).params;
  return mapDistinctRows(summary, (x, tx, T) => bgNbdProbabilityAlive(p, x, tx, T));
}

/** Too little history to fit anything meaningful: fewer than 50 buyers or 20 repeat buyers. */
function fittable(x: Float64Array): boolean {
  let repeaters = 0;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) > 0) repeaters++;
  return x.length >= 50 && repeaters >= 20;
}

export function fitAndPredict(input: ModelInputs, opts: { horizonMonths: number; annualDiscountRate: number }): ModelOutputs {
  const n = input.x.length;
  const empty = (): ModelOutputs => ({
    bgNbd: null, gammaGamma: null, pAlive: new Float64Array(n).fill(Number.NaN), expected90d: new Float64Array(n).fill(Number.NaN),
    clv: new Float64Array(n).fill(Number.NaN), nextOrderWeeks: new Float64Array(n).fill(Number.NaN),
  });
  if (!fittable(input.x)) return empty();

  const summary = { x: input.x, tx: input.tx, T: input.T };
  const fit = fitBgNbd(summary);
  const p = fit.params;
  const pAlive = mapDistinctRows(summary, (x, tx, T) => bgNbdProbabilityAlive(p, x, tx, T));
  // E[Y(90 days)] = E[Y | alive] * P(alive); the first factor depends on (x, T) alone.
  const ifAlive90 = perPair((x, T) => bgNbdExpectedPurchasesIfAlive(p, x, T, 90 / 7));
  const expected90d = mapDistinctRows(summary, (x, tx, T) => {
    const v = ifAlive90(x, T) * bgNbdProbabilityAlive(p, x, tx, T);
    return v > 0 && Number.isFinite(v) ? v : 0;
  });
  const nextOrderWeeks = mapDistinctRows(summary, (x, tx, T) => bgNbdMedianTimeToNextPurchase(p, x, tx, T));

  // Expected spend per transaction: Gamma-Gamma where its mean exists (q > 1), otherwise each
  // customer's own average (and, for one-time buyers, the base's average first order).
  const spend = new Float64Array(n);
  let gammaGamma: ModelOutputs['gammaGamma'] = null;
  let gg: GammaGammaParams | null = null;
  try {
    const g = fitGammaGamma(spendSample(input.x, input.zbar));
    const mean = gammaGammaMeanSpend(g.params);
    gammaGamma = mean.ok ? { params: g.params, meanSpend: mean.value } : { params: g.params, meanSpend: null, note: mean.message };
    if (mean.ok) gg = g.params;
  } catch {
    gammaGamma = null; // no usable spend model: fall back to each customer's own average
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if ((input.x[i] as number) > 0) {
      sum += input.zbar[i] as number;
      count++;
    }
  }
  const fallback = count > 0 ? sum / count : 0;
  for (let i = 0; i < n; i++) {
    const x = input.x[i] as number;
    const z = input.zbar[i] as number;
    if (gg) {
      const e = gammaGammaConditionalExpectedSpend(gg, x, x > 0 ? z : 0);
      spend[i] = e.ok ? e.value : fallback;
    } else spend[i] = x > 0 ? z : fallback;
  }
  const monthlyRate = Math.pow(1 + opts.annualDiscountRate, 1 / 12) - 1;
  const clv = customerLifetimeValues({ kind: 'bg-nbd', params: p }, summary, spend, {
    periods: opts.horizonMonths, periodLength: WEEKS_PER_MONTH, discountRate: monthlyRate,
  });
  return {
    bgNbd: { params: p, logLikelihood: fit.logLikelihood, converged: fit.converged },
    gammaGamma, pAlive, expected90d, clv, nextOrderWeeks,
  };
}

const SPEND_SAMPLE = 50_000;

/**
 * Gamma-Gamma is fitted on repeat buyers, whose (x, zbar) rarely repeat, so compression does not
 * help; beyond 50,000 of them an evenly spaced sample (deterministic) gives the same estimates
 * within their standard errors at a fraction of the time.
 */
function spendSample(x: Float64Array, zbar: Float64Array): { x: Float64Array; zbar: Float64Array } {
  const rows: number[] = [];
  for (let i = 0; i < x.length; i++) if ((x[i] as number) > 0 && (zbar[i] as number) > 0) rows.push(i);
  const step = Math.max(1, rows.length / SPEND_SAMPLE);
  const picked: number[] = [];
  for (let k = 0; k < rows.length; k += step) picked.push(rows[Math.floor(k)] as number);
  return { x: Float64Array.from(picked, (i) => x[i] as number), zbar: Float64Array.from(picked, (i) => zbar[i] as number) };
}
