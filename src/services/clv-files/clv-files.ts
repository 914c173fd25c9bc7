// `tend clv`: the buy-till-you-die models of src/core/clv run on analysts' files. DuckDB (in
// memory) reads and aggregates the file to one row per customer; the models get typed arrays.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  conditionalExpectedPurchases,
  customerLifetimeValues,
  type CustomerSummary,
  DAYS_PER_UNIT,
  dayNumber,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaConditionalExpectedSpend,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaMeanSpend,
  mapDistinctRows,
  type ModelFitBase,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  type PurchaseModel,
  type TimeUnit,
} from '../../core/clv/index.js';
import { DomainError } from '../../core/errors.js';
import { DuckSession, sqlLiteral } from '../../store/duckdb/duck-session.js';
import { appendIndexedColumns, readNumberColumns } from './duck-columns.js';
import {
  accuracy,
  type AccuracyFigures,
  baselinePredictions,
  byFrequency,
  type FrequencyRow,
  sum,
  trackingSeries,
  type TrackingWeek,
} from './evaluation.js';
import { CUSTOMERS_TABLE, type CustomerArrays, DAYS_TABLE, isoDate, loadSummary, loadTransactions, summarizeCalibration, type TransactionStats } from './read-input.js';

export const MODELS = ['bg-nbd', 'pareto-nbd'] as const;
export type ClvModelName = (typeof MODELS)[number];
export const PERIODS = ['day', 'week', 'month'] as const;
export type PeriodName = (typeof PERIODS)[number];
const UNIT_OF: Readonly<Record<PeriodName, TimeUnit>> = { day: 'days', week: 'weeks', month: 'months' };
const DAYS_PER_MONTH = 365.25 / 12;
const ONE_YEAR: Readonly<Record<PeriodName, number>> = { day: 365, week: 52, month: 12 };

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

function invalid(option: string, message: string): DomainError {
  return new DomainError('invalid_input', message, option);
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

function parseSpend(value: string | undefined): 'gamma-gamma' | undefined {
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

async function withDuck<T>(work: (session: DuckSession) => Promise<T>): Promise<T> {
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

async function prepare(session: DuckSession, o: ClvInputOptions, holdoutEnd?: string): Promise<Prepared> {
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

function fitPurchaseModel(name: ClvModelName, p: Prepared): FittedModel {
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

function fitSpend(p: Prepared): GammaGammaFit {
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
function fitWarnings(m: FittedModel, customers: number, g?: GammaGammaFit): string[] {
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

function describeInput(o: ClvInputOptions, p: Prepared): InputDescription {
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

export interface ClvPredictReport {
  readonly model: ClvModelName;
  readonly params: Record<string, number>;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly spend?: GammaGammaParams;
  readonly out: string;
  readonly format: 'csv' | 'parquet';
  readonly columns: readonly string[];
  readonly period: PeriodName;
  readonly horizon: number;
  readonly calibrationEnd: string | null;
  /** per period */
  readonly discountRate: number;
  readonly margin: number;
  readonly totals: {
    readonly expectedPurchases: number;
    readonly expectedValue: number | null;
    /** customers whose expected spend does not exist (Gamma-Gamma with q <= 1): empty in the file */
    readonly spendUndefined: number;
  };
  readonly input: InputDescription;
  readonly warnings: readonly string[];
}

/** The default discount rate per period: the equivalent of 1% a month. */
export function defaultDiscountRate(period: PeriodName): number {
  return 1.01 ** (DAYS_PER_UNIT[UNIT_OF[period]] / DAYS_PER_MONTH) - 1;
}

function checkOut(out: string): { path: string; format: 'csv' | 'parquet' } {
  const path = resolve(out);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw invalid('out', `--out ${out}: the folder ${dir} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw invalid('out', `--out ${out} is a folder; give a file name`);
  const ext = extname(path).toLowerCase();
  return { path, format: ext === '.parquet' || ext === '.pq' ? 'parquet' : 'csv' };
}

/** Fits, then writes one row of predictions per customer to `out`. */
export async function clvPredict(o: ClvPredictOptions): Promise<ClvPredictReport> {
  const model = parseModel(o.model);
  if (o.horizon !== undefined && (!(o.horizon > 0) || !Number.isFinite(o.horizon))) throw invalid('horizon', `--horizon must be a number of periods > 0, got ${o.horizon}`);
  const margin = o.margin ?? 1;
  if (!(margin >= 0) || !Number.isFinite(margin)) throw invalid('margin', `--margin must be a number >= 0 (e.g. 0.3 for 30%), got ${o.margin}`);
  if (o.discountRate !== undefined && (!(o.discountRate >= 0) || !Number.isFinite(o.discountRate))) {
    throw invalid('discount-rate', `--discount-rate must be a number >= 0 per period, got ${o.discountRate}`);
  }
  const target = checkOut(o.out);
  return withDuck(async (session) => {
    const p = await prepare(session, o);
    // spend: Gamma-Gamma whenever amounts are there, unless --spend none
    const auto = o.spend === undefined;
    const wantSpend = auto ? p.customers.zbar !== undefined : parseSpend(o.spend) !== undefined;
    const m = fitPurchaseModel(model, p);
    const notes: string[] = [];
    let g: GammaGammaFit | undefined;
    try {
      g = wantSpend ? fitSpend(p) : undefined;
    } catch (err) {
      // asked for implicitly: predict purchases anyway and say why there is no spend
      if (!auto || !(err instanceof DomainError)) throw err;
      notes.push(`no spend model: ${err.message.replace(/^--spend gamma-gamma: /, '')}`);
    }
    const { x } = p.summary;
    const horizon = o.horizon ?? ONE_YEAR[p.period];
    const pAlive = mapDistinctRows(p.summary, m.pAlive);
    const expected = mapDistinctRows(p.summary, (xi, txi, Ti) => conditionalExpectedPurchases(m.purchase, xi, txi, Ti, horizon));
    const columns: Float64Array[] = [pAlive, expected];
    const names = ['p_alive', 'expected_purchases'];
    const discountRate = o.discountRate ?? defaultDiscountRate(p.period);
    let expectedValue: number | null = null;
    let spendUndefined = 0;
    if (g) {
      const zbar = p.customers.zbar as Float64Array;
      const spend = Float64Array.from(x, (xi, i) => {
        const s = gammaGammaConditionalExpectedSpend(g.params, xi, Math.max(0, zbar[i] as number));
        return s.ok ? s.value : Number.NaN;
      });
      // discount over about-monthly periods that exactly cover the horizon
      const monthsInHorizon = (horizon * DAYS_PER_UNIT[UNIT_OF[p.period]]) / DAYS_PER_MONTH;
      const periods = Math.max(1, Math.round(monthsInHorizon));
      const periodLength = horizon / periods;
      const counts = customerLifetimeValues(m.purchase, p.summary, 1, { periods, periodLength, discountRate: (1 + discountRate) ** periodLength - 1, margin: 1 });
      const clv = Float64Array.from(counts, (c, i) => margin * (spend[i] as number) * c);
      spend.forEach((s) => (spendUndefined += Number.isFinite(s) ? 0 : 1));
      expectedValue = 0;
      clv.forEach((v) => (expectedValue = Number.isFinite(v) ? (expectedValue as number) + v : expectedValue));
      columns.push(spend, clv);
      names.push('expected_spend', 'clv');
    }
    await session.run(`CREATE OR REPLACE TEMP TABLE clv_pred (idx BIGINT, ${names.map((n) => `${n} DOUBLE`).join(', ')})`);
    await appendIndexedColumns(session.conn, 'clv_pred', columns);
    const outColumns = ['customer', 'x', 't_x', 'T', ...(p.customers.zbar ? ['zbar'] : []), ...names];
    const select = [
      'c.customer',
      'CAST(c.x AS BIGINT) AS x',
      'round(c.tx, 6) AS t_x',
      'round(c.T, 6) AS "T"',
      ...(p.customers.zbar ? ['round(c.zbar, 6) AS zbar'] : []),
      ...names.map((n) => `round(p.${n}, 6) AS ${n}`),
    ];
    const options = target.format === 'parquet' ? '(FORMAT parquet)' : '(FORMAT csv, HEADER true)';
    await session.run(`COPY (SELECT ${select.join(', ')} FROM ${CUSTOMERS_TABLE} c JOIN clv_pred p USING (idx) ORDER BY idx) TO ${sqlLiteral(target.path)} ${options}`);
    return {
      model: m.name,
      params: { ...(m.fit.params as Record<string, number>) },
      logLikelihood: m.fit.logLikelihood,
      customers: x.length,
      ...(g ? { spend: { ...g.params } } : {}),
      out: target.path,
      format: target.format,
      columns: outColumns,
      period: p.period,
      horizon,
      calibrationEnd: p.calibrationEnd !== undefined ? isoDate(p.calibrationEnd) : null,
      discountRate,
      margin,
      totals: { expectedPurchases: sum(expected), expectedValue, spendUndefined },
      input: describeInput(o, p),
      warnings: [...fitWarnings(m, x.length, g), ...notes],
    } satisfies ClvPredictReport;
  });
}

// ---------------------------------------------------------------------------------------------
// evaluate

export interface ClvEvaluateReport {
  readonly model: ClvModelName;
  readonly params: Record<string, number>;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly period: PeriodName;
  readonly calibrationEnd: string;
  readonly holdoutEnd: string;
  /** holdout length in periods */
  readonly holdoutLength: number;
  readonly actual: { readonly repeatPurchases: number };
  /** the model's conditional expectations E[Y(t) | x, t_x, T] */
  readonly predicted: AccuracyFigures;
  /** each customer at their calibration rate x / T */
  readonly baseline: AccuracyFigures;
  readonly byFrequency: readonly FrequencyRow[];
  readonly tracking: readonly TrackingWeek[];
  readonly input: InputDescription;
  readonly warnings: readonly string[];
}

/** Fits on the calibration period and compares the predictions with the holdout purchases. */
export async function clvEvaluate(o: ClvEvaluateOptions): Promise<ClvEvaluateReport> {
  const model = parseModel(o.model);
  if (o.transactions === undefined && o.summary === undefined) throw invalid('transactions', 'evaluate needs --transactions FILE');
  return withDuck(async (session) => {
    const p = await prepare(session, o, o.holdoutEnd);
    const end = p.calibrationEnd as number;
    const holdoutEnd = parseDateOption('holdout-end', o.holdoutEnd);
    const m = fitPurchaseModel(model, p);
    const { x, T } = p.summary;
    const actual = p.customers.holdout as Float64Array;
    const length = (holdoutEnd - end) / p.unitDays;
    const predicted = mapDistinctRows(p.summary, (xi, txi, Ti) => conditionalExpectedPurchases(m.purchase, xi, txi, Ti, length));
    const baseline = baselinePredictions(x, T, length);
    const births = await readNumberColumns(
      session.conn,
      `SELECT CAST(first_day AS DOUBLE) AS day, CAST(count(*) AS DOUBLE) AS n FROM ${CUSTOMERS_TABLE} GROUP BY first_day ORDER BY first_day`,
    );
    const repeats = await readNumberColumns(
      session.conn,
      `SELECT CAST(d.day AS DOUBLE) AS day, CAST(count(*) AS DOUBLE) AS n FROM ${DAYS_TABLE} d JOIN ${CUSTOMERS_TABLE} c USING (customer)
       WHERE d.day > c.first_day AND d.day <= ${holdoutEnd} GROUP BY d.day ORDER BY d.day`,
    );
    let baselineRate = 0;
    x.forEach((xi, i) => (baselineRate += (T[i] as number) > 0 ? xi / (T[i] as number) : 0));
    const tracking = trackingSeries(
      {
        birthDays: births.day as Float64Array,
        birthCounts: births.n as Float64Array,
        repeatDays: repeats.day as Float64Array,
        repeatCounts: repeats.n as Float64Array,
        calibrationEnd: end,
        holdoutEnd,
        unitDays: p.unitDays,
        expected: m.expected,
        baselineRate,
      },
      isoDate,
    );
    return {
      model: m.name,
      params: { ...(m.fit.params as Record<string, number>) },
      logLikelihood: m.fit.logLikelihood,
      customers: x.length,
      period: p.period,
      calibrationEnd: isoDate(end),
      holdoutEnd: isoDate(holdoutEnd),
      holdoutLength: length,
      actual: { repeatPurchases: sum(actual) },
      predicted: accuracy(predicted, actual),
      baseline: accuracy(baseline, actual),
      byFrequency: byFrequency(x, actual, predicted, baseline),
      tracking,
      input: describeInput(o, p),
      warnings: fitWarnings(m, x.length),
    };
  });
}
