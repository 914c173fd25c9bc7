// `tend clv evaluate`: fit on the calibration period, compare with the holdout and a naive baseline.
import { conditionalExpectedPurchases, mapDistinctRows } from '../../core/clv/index.js';
import { readNumberColumns } from './duck-columns.js';
import { accuracy, type AccuracyFigures, baselinePredictions, byFrequency, type FrequencyRow, sum, trackingSeries, type TrackingWeek } from './evaluation.js';
import { CUSTOMERS_TABLE, DAYS_TABLE, isoDate } from './read-input.js';
import { invalid, parseModel, parseDateOption, withDuck, prepare, fitPurchaseModel, fitWarnings, describeInput, type ClvModelName, type PeriodName, type ClvEvaluateOptions, type InputDescription } from './clv-files.js';

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
