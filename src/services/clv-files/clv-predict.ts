// `tend clv predict`: per-customer predictions from a fitted model, written as CSV or Parquet.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { conditionalExpectedPurchases, customerLifetimeValues, DAYS_PER_UNIT, gammaGammaConditionalExpectedSpend, type GammaGammaFit, type GammaGammaParams, mapDistinctRows } from '../../core/clv/index.js';
import { DomainError } from '../../core/errors.js';
import { sqlLiteral } from '../../store/duckdb/duck-session.js';
import { appendIndexedColumns } from './duck-columns.js';
import { sum } from './evaluation.js';
import { CUSTOMERS_TABLE, isoDate } from './read-input.js';
import { UNIT_OF, DAYS_PER_MONTH, ONE_YEAR, invalid, parseModel, parseSpend, withDuck, prepare, fitPurchaseModel, fitSpend, fitWarnings, describeInput, type ClvModelName, type PeriodName, type ClvPredictOptions, type InputDescription } from './clv-files.js';

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
