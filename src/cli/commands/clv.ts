import type { Command } from 'commander';
import { clvFit, type ClvFitReport, type ClvInputOptions, MODELS, PERIODS } from '../../services/clv-files/clv-files.js';
import { DomainError } from '../../core/errors.js';
import {
  type ClvEvaluateReport, clvEvaluate } from '../../services/clv-files/clv-evaluate.js';
import { clvPredict, type ClvPredictReport } from '../../services/clv-files/clv-predict.js';
import { printJson } from '../context.js';

interface InputOpts extends ClvInputOptions {
  json?: boolean;
  model?: string;
}

interface FitOpts extends InputOpts {
  spend?: string;
}

interface PredictOpts extends FitOpts {
  horizon?: number;
  out?: string;
  discountRate?: number;
  margin?: number;
}

interface EvaluateOpts extends InputOpts {
  holdoutEnd?: string;
}

function parseNumber(name: string, min: number, inclusive: boolean) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || (inclusive ? n < min : n <= min)) {
      throw new DomainError('invalid_input', `--${name} must be a number ${inclusive ? '>=' : '>'} ${min}, got "${v}"`, name);
    }
    return n;
  };
}

const EXAMPLES_INPUT = `
Input (one of):
  --transactions FILE  one row per purchase: CSV (delimiter detected), whitespace-aligned text
                       (like CDNOW_master.txt) or Parquet. Purchases on the same day count as one.
                       Columns are given by name or by number from 1 (files without a header:
                       --no-header, then columns are column1, column2, ...).
  --summary FILE       one row per customer: frequency, recency, T[, monetary_value]
                       (or x, t_x, T[, zbar]), times in --period units; optional ID column.

Dates: YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD (a time after the date is ignored); others with
--date-format, e.g. --date-format %d/%m/%Y. Models: ${MODELS.join(', ')}. Periods: ${PERIODS.join(', ')}.
See docs/models.md, section "tend clv".`;

function addInputOptions(cmd: Command, calibrationHelp: string): Command {
  return cmd
    .option('--transactions <file>', 'transaction file (one row per purchase)')
    .option('--summary <file>', 'per-customer summary file instead of transactions')
    .option('--customer-col <column>', 'customer id column (name or number from 1)')
    .option('--date-col <column>', 'purchase date column (name or number from 1)')
    .option('--amount-col <column>', 'purchase value column, for spend (name or number from 1)')
    .option('--no-header', 'the file has no header line (columns are column1, column2, ...)')
    .option('--delimiter <char>', 'field separator: a character, "tab" or "whitespace" (default: detected)')
    .option('--date-format <format>', 'strptime format of the dates, e.g. %d/%m/%Y (default: YYYY-MM-DD or YYYYMMDD)')
    .option('--calibration-end <date>', calibrationHelp)
    .option('--period <unit>', 'time unit of the model: day|week|month (default week)')
    .option('--model <model>', `purchase model: ${MODELS.join('|')} (default bg-nbd)`);
}

export function registerClv(program: Command): void {
  const clv = program
    .command('clv')
    .description('customer lifetime value models (BG/NBD, Pareto/NBD, Gamma-Gamma) fitted on transaction or summary files');

  addInputOptions(clv.command('fit').description('fit a purchase model (and optionally the Gamma-Gamma spend model) and print its parameters'), 'last day of the calibration period, YYYY-MM-DD (default: the last purchase day)')
    .option('--spend <model>', 'also fit the spend model: gamma-gamma (needs --amount-col or monetary_value)')
    .option('--json', 'print the fit as JSON')
    .addHelpText(
      'after',
      `${EXAMPLES_INPUT}

Examples:
  tend clv fit --transactions CDNOW_master.txt --customer-col customer_id --date-col date \\
      --amount-col dollar_value --calibration-end 1997-09-30 --spend gamma-gamma
  tend clv fit --transactions CDNOW_sample.txt --no-header --customer-col 2 --date-col 3 \\
      --amount-col 5 --calibration-end 1997-09-30 --json
  tend clv fit --summary cdnow_customers_summary.csv --model pareto-nbd`,
    )
    .action(async (opts: FitOpts) => {
      const report = await clvFit(opts);
      if (opts.json) printJson(report);
      else process.stdout.write(formatFit(report));
    });

  addInputOptions(clv.command('predict').description('fit, then write per-customer P(alive), expected purchases, spend and CLV to a file'), 'last day of the calibration period, YYYY-MM-DD (default: the last purchase day)')
    .option('--horizon <periods>', 'prediction horizon in --period units (default one year: 52 weeks, 365 days, 12 months)', parseNumber('horizon', 0, false))
    .option('--out <file>', 'output file: .csv, or .parquet for Parquet (required)')
    .option('--spend <model>', 'spend model: gamma-gamma (default when amounts are given) or none')
    .option('--discount-rate <rate>', 'discount rate per --period for CLV (default: 1% a month, 0.229% a week)', parseNumber('discount-rate', 0, true))
    .option('--margin <share>', 'share of spend that is profit, for CLV (default 1)', parseNumber('margin', 0, true))
    .option('--json', 'print the run summary as JSON')
    .addHelpText(
      'after',
      `${EXAMPLES_INPUT}

Output columns: customer, x, t_x, T, [zbar], p_alive, expected_purchases (in the horizon),
[expected_spend (Gamma-Gamma, per purchase), clv = margin * expected_spend * discounted
expected purchases over the horizon].

Example:
  tend clv predict --transactions CDNOW_master.txt --customer-col customer_id --date-col date \\
      --amount-col dollar_value --calibration-end 1998-06-30 --horizon 52 --margin 0.3 --out clv.csv`,
    )
    .action(async (opts: PredictOpts) => {
      if (opts.out === undefined) throw new DomainError('invalid_input', '--out FILE is required (where to write the predictions)', 'out');
      const report = await clvPredict({ ...opts, out: opts.out });
      if (opts.json) printJson(report);
      else process.stdout.write(formatPredict(report));
    });

  addInputOptions(clv.command('evaluate').description('fit on the calibration period and compare predictions with the holdout period'), 'last day of the calibration period, YYYY-MM-DD (required)')
    .option('--holdout-end <date>', 'last day of the holdout period, YYYY-MM-DD (required)')
    .option('--json', 'print the evaluation as JSON (with the full weekly tracking series)')
    .addHelpText(
      'after',
      `${EXAMPLES_INPUT}

Reports, for the holdout: actual and predicted repeat purchases in total, per-customer mean
absolute error and correlation, the same for a naive baseline (each customer keeps their
calibration rate x/T), mean holdout purchases by calibration frequency, and the weekly
cumulative repeat purchases, actual against the model's E[X(t)] summed over customers.

Example:
  tend clv evaluate --transactions CDNOW_sample.txt --no-header --customer-col 2 --date-col 3 \\
      --calibration-end 1997-09-30 --holdout-end 1998-06-30`,
    )
    .action(async (opts: EvaluateOpts) => {
      if (opts.calibrationEnd === undefined) throw new DomainError('invalid_input', '--calibration-end YYYY-MM-DD is required for evaluate', 'calibration-end');
      if (opts.holdoutEnd === undefined) throw new DomainError('invalid_input', '--holdout-end YYYY-MM-DD is required for evaluate', 'holdout-end');
      const report = await clvEvaluate({ ...opts, holdoutEnd: opts.holdoutEnd });
      if (opts.json) printJson(report);
      else process.stdout.write(formatEvaluate(report));
    });
}

// ---------------------------------------------------------------------------------------------
// Text output

const MODEL_NAMES: Readonly<Record<string, string>> = { 'bg-nbd': 'BG/NBD', 'pareto-nbd': 'Pareto/NBD' };

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 10 ** -digits) ? v.toExponential(3) : v.toFixed(digits);
}

function warningLines(warnings: readonly string[]): string[] {
  return warnings.length === 0 ? [] : ['', ...warnings.map((w) => `warning: ${w}`)];
}

function money(v: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function table(rows: readonly (readonly string[])[], rightFrom = 1): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i < rightFrom ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd()).join('\n');
}

function inputLine(r: { readonly input: ClvFitReport['input'] }): string {
  const i = r.input;
  if (i.kind === 'summary') return `  from the summary file ${i.file}`;
  return `  from ${count(i.rows ?? 0)} rows of ${i.file} (${count(i.purchaseDays ?? 0)} customer purchase days, ${i.firstDate} to ${i.lastDate})`;
}

function paramString(params: Record<string, number>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v.toPrecision(4)}`)
    .join(' ');
}

function periodWord(period: string, n = 2): string {
  return n === 1 ? period : `${period}s`;
}

export function formatFit(r: ClvFitReport): string {
  const head = `${MODEL_NAMES[r.model] ?? r.model} fitted on ${count(r.customers)} customers (${count(r.repeatBuyers)} repeat buyers), times in ${periodWord(r.period)}${r.calibrationEnd ? `, calibration to ${r.calibrationEnd}` : ''}`;
  const rows: string[][] = [['parameter', 'estimate', 'std. error']];
  for (const [k, v] of Object.entries(r.params)) rows.push([k, num(v), num(r.standardErrors?.[k])]);
  rows.push(['log-likelihood', r.logLikelihood.toFixed(2), r.converged ? '' : '(not converged)']);
  const out = [head, inputLine(r), '', table(rows)];
  if (r.spend && r.spendFit) {
    const s = r.spendFit;
    const spendRows: string[][] = [['parameter', 'estimate', 'std. error']];
    for (const [k, v] of Object.entries(r.spend)) spendRows.push([k, num(v), num((s.standardErrors as Record<string, number> | null)?.[k])]);
    spendRows.push(['log-likelihood', s.logLikelihood.toFixed(2), s.converged ? '' : '(not converged)']);
    spendRows.push(['mean spend', s.meanSpend === null ? 'infinite (q <= 1)' : money(s.meanSpend), '']);
    out.push('', `Gamma-Gamma spend fitted on ${count(s.customers)} repeat buyers with a positive mean spend`, '', table(spendRows));
  }
  out.push(...warningLines(r.warnings));
  return `${out.join('\n')}\n`;
}

export function formatPredict(r: ClvPredictReport): string {
  const out = [
    `${MODEL_NAMES[r.model] ?? r.model} (${paramString(r.params)}) fitted on ${count(r.customers)} customers${r.calibrationEnd ? `, calibration to ${r.calibrationEnd}` : ''}`,
    ...(r.spend ? [`Gamma-Gamma spend (${paramString({ ...r.spend })})`] : []),
    inputLine(r),
    '',
    `wrote ${count(r.customers)} rows (${r.format}) to ${r.out}`,
    `  columns: ${r.columns.join(', ')}`,
    `  horizon: ${r.horizon} ${periodWord(r.period, r.horizon)} after ${r.calibrationEnd ?? 'the end of observation'}`,
    `  expected purchases in the horizon: ${r.totals.expectedPurchases.toFixed(1)}`,
  ];
  if (r.totals.expectedValue !== null) {
    out.push(`  expected value (CLV, summed): ${money(r.totals.expectedValue)} at ${(r.discountRate * 100).toFixed(3)}% discount a ${r.period}, margin ${r.margin}`);
    if (r.totals.spendUndefined > 0) out.push(`  ${count(r.totals.spendUndefined)} customers have no finite expected spend (Gamma-Gamma q <= 1): left empty`);
  } else {
    out.push('  no amounts, so no expected spend or CLV (give --amount-col, or monetary_value in the summary)');
  }
  out.push(...warningLines(r.warnings));
  return `${out.join('\n')}\n`;
}

export function formatEvaluate(r: ClvEvaluateReport): string {
  const p = r.predicted;
  const b = r.baseline;
  const corr = (v: number | null): string => (v === null ? '-' : v.toFixed(3));
  const out = [
    `${MODEL_NAMES[r.model] ?? r.model} (${paramString(r.params)}, LL ${r.logLikelihood.toFixed(2)}) on ${count(r.customers)} customers`,
    `  calibration to ${r.calibrationEnd}, holdout to ${r.holdoutEnd} (${num(r.holdoutLength, 2)} ${periodWord(r.period)})`,
    inputLine(r),
    '',
    table([
      ['holdout', 'actual', 'model', 'baseline'],
      ['repeat purchases', count(r.actual.repeatPurchases), p.repeatPurchases.toFixed(1), b.repeatPurchases.toFixed(1)],
      ['mean absolute error', '', num(p.meanAbsoluteError, 3), num(b.meanAbsoluteError, 3)],
      ['correlation', '', corr(p.correlation), corr(b.correlation)],
    ]),
    '  (baseline: each customer keeps their calibration rate x/T)',
    '',
    'mean holdout repeat purchases by calibration repeat purchases x',
    table([
      ['x', 'customers', 'actual', 'model', 'baseline'],
      ...r.byFrequency.map((f) => [`${f.x}${f.orMore ? '+' : ''}`, count(f.customers), num(f.actual, 3), num(f.predicted, 3), num(f.baseline, 3)]),
    ]),
    '',
    'cumulative repeat purchases by week (model: sum of E[X(t)] from each first purchase)',
  ];
  const weeks = r.tracking;
  const step = weeks.length > 104 ? Math.ceil(weeks.length / 52) : 1;
  const shown = weeks.filter((w, i) => i % step === step - 1 || i === weeks.length - 1 || w.end === r.calibrationEnd);
  out.push(
    table([
      ['week', 'ends', 'actual', 'model', 'baseline'],
      ...shown.map((w) => [String(w.week), `${w.end}${w.end === r.calibrationEnd ? ' |' : ''}`, count(w.actual), w.predicted.toFixed(1), w.baseline === null ? '' : w.baseline.toFixed(1)]),
    ], 2),
  );
  if (step > 1) out.push(`  (every ${step}th week shown; --json has them all)`);
  out.push(...warningLines(r.warnings));
  return `${out.join('\n')}\n`;
}
