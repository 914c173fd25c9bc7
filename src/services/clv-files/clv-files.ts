// `tend clv`: the buy-till-you-die models of src/core/clv run on analysts' files. DuckDB (in
// memory) reads and aggregates the file to one row per customer; the models get typed arrays.
// This file holds option parsing, input preparation and `fit`; predict and evaluate build on it.
import { DuckDBInstance } from '@duckdb/node-api';
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  type CustomerSummary,
  DAYS_PER_UNIT,
  dayNumber,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaMeanSpend,
  type ModelFitBase,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  type PurchaseModel,
  type TimeUnit,
} from '../../core/clv/index.js';
import { DuckSession } from '../../store/duckdb/duck-session.js';
import { type CustomerArrays, invalid, isoDate, loadTransactions, summarizeCalibration, type TransactionStats } from './read-input.js';
import { loadSummary } from './read-summary.js';

export { invalid };

export const MODELS = ['bg-nbd', 'pareto-nbd'] as const;
export type ClvModelName = (typeof MODELS)[number];
export const PERIODS = ['day', 'week', 'month'] as const;
export type PeriodName = (typeof PERIODS)[number];
export const UNIT_OF: Readonly<Record<PeriodName, TimeUnit>> = { day: 'days', week: 'weeks', month: 'months' };
export const DAYS_PER_MONTH = 365.25 / 12;
export const ONE_YEAR: Readonly<Record<PeriodName, number>> = { day: 365, week: 52, month: 12 };

/** Where the customers come from, shared by fit, predict and evaluate. */
export interface ClvInputOptions {
  /** transaction file: one row per purchase */
  readonly transactions?: string;
  /** per-customer summary file: frequency, recency, T[, monetary_value] (or x, t_x, T[, zbar]) */
  readonly summary?: string;
  readonly customerCol?: string;
  readonly dateCol?: string;
  readonly amountCol?: string;
  /** the file has a header line (default true) */
  readonly header?: boolean;
  readonly delimiter?: string;
  readonly dateFormat?: string;
  /** YYYY-MM-DD, inclusive; default: the last purchase day in the file */
  readonly calibrationEnd?: string;
  /** unit of t_x, T, the parameters and horizons (default week) */
  readonly period?: string;
}

export interface ClvFitOptions extends ClvInputOptions {
  /** bg-nbd (default) or pareto-nbd */
  readonly model?: string;
  /** gamma-gamma, or none */
  readonly spend?: string;
}

export interface ClvPredictOptions extends ClvFitOptions {
  /** horizon in periods (default: one year, i.e. 52 weeks, 365 days or 12 months) */
  readonly horizon?: number;
  /** output file: .parquet for Parquet, anything else CSV */
  readonly out: string;
  /** discount rate per period (default: the equivalent of 1% a month) */
  readonly discountRate?: number;
  /** share of spend that is profit (default 1) */
  readonly margin?: number;
}

export interface ClvEvaluateOptions extends ClvInputOptions {
  readonly model?: string;
  /** YYYY-MM-DD, inclusive */
  readonly holdoutEnd: string;
}

export function parseModel(value: string | undefined): ClvModelName {
  const v = (value ?? 'bg-nbd').toLowerCase().replace(/[/_]/g, '-');
  if (v === 'bgnbd') return 'bg-nbd';
  if (v === 'paretonbd' || v === 'pareto') return 'pareto-nbd';
  if ((MODELS as readonly string[]).includes(v)) return v as ClvModelName;
  throw invalid('model', `--model must be one of ${MODELS.join(', ')}, got "${value}"`);
}

export function parsePeriod(value: string | undefined): PeriodName {
  const v = (value ?? 'week').toLowerCase().replace(/s$/, '');
  if ((PERIODS as readonly string[]).includes(v)) return v as PeriodName;
  throw invalid('period', `--period must be one of ${PERIODS.join(', ')}, got "${value}"`);
}

export function parseSpend(value: string | undefined): 'gamma-gamma' | undefined {
  if (value === undefined || value === 'none') return undefined;
  const v = value.toLowerCase().replace(/[/_]/g, '-');
  if (v === 'gamma-gamma' || v === 'gammagamma') return 'gamma-gamma';
  throw invalid('spend', `--spend must be gamma-gamma or none, got "${value}"`);
}

/** A YYYY-MM-DD (or YYYYMMDD) option as a day number. */
export function parseDateOption(option: string, value: string): number {
  try {
    return dayNumber(value);
  } catch {
    throw invalid(option, `--${option} must be a date YYYY-MM-DD, got "${value}"`);
  }
}

export async function withDuck<T>(work: (session: DuckSession) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const session = await DuckSession.open(instance);
    try {
      return await work(session);
    } finally {
      session.close();
    }
  } finally {
    instance.closeSync();
  }
}

// ---------------------------------------------------------------------------------------------
// Input -> per-customer summary

interface Prepared {
  readonly customers: CustomerArrays;
  readonly summary: CustomerSummary;
  readonly period: PeriodName;
  readonly unitDays: number;
  /** day number, for transaction input */
  readonly calibrationEnd?: number;
  readonly transactions?: TransactionStats;
}

export async function prepare(session: DuckSession, o: ClvInputOptions, holdoutEnd?: string): Promise<Prepared> {
  const period = parsePeriod(o.period);
  const unit = UNIT_OF[period];
  if ((o.transactions === undefined) === (o.summary === undefined)) {
    throw invalid('transactions', 'give exactly one of --transactions FILE (one row per purchase) or --summary FILE (one row per customer)');
  }
  if (o.summary !== undefined) {
    for (const [name, value] of [['date-col', o.dateCol], ['amount-col', o.amountCol], ['date-format', o.dateFormat], ['calibration-end', o.calibrationEnd]] as const) {
      if (value !== undefined) throw invalid(name, `--${name} applies to --transactions only; a --summary file is already summarised`);
    }
    if (holdoutEnd !== undefined) throw invalid('summary', 'evaluate needs --transactions: a summary file has no holdout purchases to compare with');
    const customers = await loadSummary(session, { file: o.summary, customerCol: o.customerCol, header: o.header, delimiter: o.delimiter });
    return { customers, summary: { x: customers.x, tx: customers.tx, T: customers.T }, period, unitDays: DAYS_PER_UNIT[unit] };
  }
  if (o.customerCol === undefined) throw invalid('customer-col', '--customer-col is required with --transactions (a column name or number)');
  if (o.dateCol === undefined) throw invalid('date-col', '--date-col is required with --transactions (a column name or number)');
  let end = o.calibrationEnd !== undefined ? parseDateOption('calibration-end', o.calibrationEnd) : undefined;
  const holdout = holdoutEnd !== undefined ? parseDateOption('holdout-end', holdoutEnd) : undefined;
  if (holdout !== undefined && end === undefined) throw invalid('calibration-end', '--calibration-end is required with --holdout-end');
  if (holdout !== undefined && end !== undefined && holdout <= end) {
    throw invalid('holdout-end', `--holdout-end ${holdoutEnd} must be after --calibration-end ${o.calibrationEnd}`);
  }
  const stats = await loadTransactions(session, {
    file: o.transactions as string,
    customerCol: o.customerCol,
    dateCol: o.dateCol,
    amountCol: o.amountCol,
    header: o.header,
    delimiter: o.delimiter,
    dateFormat: o.dateFormat,
  });
  const range = `the transactions run from ${isoDate(stats.firstDay)} to ${isoDate(stats.lastDay)}`;
  end ??= stats.lastDay;
  if (end < stats.firstDay) throw invalid('calibration-end', `--calibration-end ${o.calibrationEnd} is before the first purchase: ${range}`);
  if (end > stats.lastDay) {
    throw invalid('calibration-end', `--calibration-end ${o.calibrationEnd} is after the last purchase: ${range} (the models would read the missing days as customers not buying)`);
  }
  if (holdout !== undefined && holdout > stats.lastDay) {
    throw invalid('holdout-end', `--holdout-end ${holdoutEnd} is after the last purchase: ${range}; purchases after it are unknown`);
  }
  const customers = await summarizeCalibration(session, { calibrationEnd: end, holdoutEnd: holdout, unit, hasAmounts: stats.hasAmounts });
  return { customers, summary: { x: customers.x, tx: customers.tx, T: customers.T }, period, unitDays: DAYS_PER_UNIT[unit], calibrationEnd: end, transactions: stats };
}

// ---------------------------------------------------------------------------------------------
// Models

interface FittedModel {
  readonly name: ClvModelName;
  readonly fit: ModelFitBase<object>;
  readonly purchase: PurchaseModel;
  readonly pAlive: (x: number, tx: number, T: number) => number;
  /** E[X(t)] of a new customer */
  readonly expected: (t: number) => number;
}

export function fitPurchaseModel(name: ClvModelName, p: Prepared): FittedModel {
  const n = p.summary.x.length;
  if (n === 0) throw invalid('calibration-end', 'no customer made a first purchase on or before the calibration end');
  let repeaters = 0;
  p.summary.x.forEach((x) => (repeaters += x > 0 ? 1 : 0));
  if (repeaters === 0) throw invalid('calibration-end', `none of the ${n} customers made a repeat purchase in the calibration period: the models cannot be fitted`);
  if (name === 'bg-nbd') {
    const fit = fitBgNbd(p.summary, { standardErrors: true });
    return {
      name,
      fit,
      purchase: { kind: 'bg-nbd', params: fit.params },
      pAlive: (x, tx, T) => bgNbdProbabilityAlive(fit.params, x, tx, T),
      expected: (t) => bgNbdExpectedPurchases(fit.params, t),
    };
  }
  const fit = fitParetoNbd(p.summary, { standardErrors: true });
  return {
    name,
    fit,
    purchase: { kind: 'pareto-nbd', params: fit.params },
    pAlive: (x, tx, T) => paretoNbdProbabilityAlive(fit.params, x, tx, T),
    expected: (t) => paretoNbdExpectedPurchases(fit.params, t),
  };
}

export function fitSpend(p: Prepared): GammaGammaFit {
  const zbar = p.customers.zbar;
  if (!zbar) {
    throw invalid('spend', p.transactions ? '--spend gamma-gamma needs --amount-col (the value of each purchase)' : '--spend gamma-gamma needs a monetary_value (or zbar) column in the --summary file');
  }
  let buyers = 0;
  p.summary.x.forEach((x, i) => (buyers += x > 0 && (zbar[i] as number) > 0 ? 1 : 0));
  if (buyers === 0) throw invalid('spend', '--spend gamma-gamma: no customer has a repeat purchase with a positive amount');
  return fitGammaGamma({ x: p.summary.x, zbar }, { standardErrors: true });
}

const FEW_CUSTOMERS = 200;

/** Plain-language cautions about a fit: too little data, no convergence, unidentified or degenerate parameters. */
export function fitWarnings(m: FittedModel, customers: number, g?: GammaGammaFit): string[] {
  const warnings: string[] = [];
  if (customers < FEW_CUSTOMERS) warnings.push(`only ${customers} customers: estimates are unreliable below a few hundred`);
  if (!m.fit.converged) warnings.push('the optimiser did not converge: treat the estimates with caution');
  if (m.fit.standardErrors && !m.fit.standardErrors.ok) warnings.push('no standard errors: the likelihood is flat at the optimum, so the data do not identify the parameters');
  const extreme = Object.entries(m.fit.params as Record<string, number>).filter(([, v]) => v > 1e4 || v < 1e-4);
  if (extreme.length > 0) {
    const list = extreme.map(([k, v]) => `${k} = ${v.toPrecision(3)}`).join(', ');
    warnings.push(`extreme parameters (${list}): the model degenerates on this data (too little history or too few repeat buyers?)`);
  }
  if (g) {
    if (!g.converged) warnings.push('the Gamma-Gamma optimiser did not converge');
    if (!(g.params.q > 1)) warnings.push(`Gamma-Gamma q = ${g.params.q.toPrecision(3)} <= 1: the mean spend does not exist (heavy-tailed amounts, refunds or bulk buyers mixed in?)`);
  }
  return warnings;
}

function standardErrorsOf<P extends object>(fit: { readonly standardErrors?: { ok: true; value: P } | { ok: false } }): P | null {
  return fit.standardErrors?.ok ? fit.standardErrors.value : null;
}

// ---------------------------------------------------------------------------------------------
// fit

export interface SpendFitDetails {
  readonly logLikelihood: number;
  /** repeat buyers with a positive mean spend, the ones the spend model is fitted on */
  readonly customers: number;
  /** population mean spend p gamma / (q - 1); null when q <= 1 (it does not exist) */
  readonly meanSpend: number | null;
  readonly converged: boolean;
  readonly standardErrors: GammaGammaParams | null;
}

export interface ClvFitReport {
  readonly model: ClvModelName;
  readonly params: Record<string, number>;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly spend?: GammaGammaParams;
  readonly standardErrors: Record<string, number> | null;
  readonly converged: boolean;
  readonly repeatBuyers: number;
  readonly period: PeriodName;
  /** YYYY-MM-DD, for transaction input */
  readonly calibrationEnd: string | null;
  readonly spendFit?: SpendFitDetails;
  readonly input: InputDescription;
  readonly warnings: readonly string[];
}

export interface InputDescription {
  readonly file: string;
  readonly kind: 'transactions' | 'summary';
  /** transaction rows read (transactions only) */
  readonly rows?: number;
  /** distinct customer purchase days: same-day purchases count once (transactions only) */
  readonly purchaseDays?: number;
  readonly firstDate?: string;
  readonly lastDate?: string;
}

export function describeInput(o: ClvInputOptions, p: Prepared): InputDescription {
  const t = p.transactions;
  if (!t) return { file: o.summary as string, kind: 'summary' };
  return { file: o.transactions as string, kind: 'transactions', rows: t.rows, purchaseDays: t.purchaseDays, firstDate: isoDate(t.firstDay), lastDate: isoDate(t.lastDay) };
}

function spendDetails(g: GammaGammaFit): SpendFitDetails {
  const mean = gammaGammaMeanSpend(g.params);
  return { logLikelihood: g.logLikelihood, customers: g.customers, meanSpend: mean.ok ? mean.value : null, converged: g.converged, standardErrors: standardErrorsOf(g) };
}

function baseReport(o: ClvInputOptions, p: Prepared, m: FittedModel): Omit<ClvFitReport, 'spend' | 'spendFit' | 'warnings'> {
  let repeatBuyers = 0;
  p.summary.x.forEach((x) => (repeatBuyers += x > 0 ? 1 : 0));
  return {
    model: m.name,
    params: { ...(m.fit.params as Record<string, number>) },
    logLikelihood: m.fit.logLikelihood,
    customers: p.summary.x.length,
    standardErrors: standardErrorsOf(m.fit as { standardErrors?: { ok: true; value: Record<string, number> } | { ok: false } }),
    converged: m.fit.converged,
    repeatBuyers,
    period: p.period,
    calibrationEnd: p.calibrationEnd !== undefined ? isoDate(p.calibrationEnd) : null,
    input: describeInput(o, p),
  };
}

/** Fits the purchase model (and optionally Gamma-Gamma spend) to a file. */
export async function clvFit(o: ClvFitOptions): Promise<ClvFitReport> {
  const model = parseModel(o.model);
  const spend = parseSpend(o.spend);
  return withDuck(async (session) => {
    const p = await prepare(session, o);
    const m = fitPurchaseModel(model, p);
    const base = baseReport(o, p, m);
    if (!spend) return { ...base, warnings: fitWarnings(m, base.customers) };
    const g = fitSpend(p);
    const { model: name, params, logLikelihood, customers, ...rest } = base;
    return { model: name, params, logLikelihood, customers, spend: { ...g.params }, ...rest, spendFit: spendDetails(g), warnings: fitWarnings(m, customers, g) };
  });
}

// ---------------------------------------------------------------------------------------------
// predict
