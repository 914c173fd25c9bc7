// Benchmark of the CLV models: CDNOW fit and predict times, and a synthetic fit on a million
// customers drawn from a known BG/NBD process. Run: npx tsx bench/clv.ts [--runs N]
// [--customers N] [--seed S] [--data DIR]; or import and call run(args).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdProbabilityAlive,
  compressSummary,
  customerLifetimeValues,
  type CustomerSummary,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaMeanSpend,
  mapDistinctRows,
  simulateBgNbd,
  type SpendSummary,
} from '../src/core/clv/index.js';

interface Args {
  readonly runs: number;
  readonly customers: number;
  readonly seed: number;
  readonly data: string;
}

function parseArgs(args: string[]): Args {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name: string, fallback: number): number => {
    const v = value(name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new RangeError(`--${name} must be a positive number, got ${v}`);
    return n;
  };
  return {
    runs: Math.round(num('runs', 7)),
    customers: Math.round(num('customers', 1_000_000)),
    seed: Math.round(num('seed', 42)),
    data: value('data') ?? fileURLToPath(new URL('../../shared/data/cdnow/', import.meta.url)),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** median wall time in ms of `runs` calls after one warm-up call, and the last result */
function time<T>(runs: number, f: () => T): { ms: number; result: T } {
  let result = f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const params = (p: object): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${(v as number).toFixed(4)}`)
    .join(' ');

function readCsv(path: string): number[][] {
  return readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
}

function cdnow(args: Args): void {
  const file = `${args.data}/cdnow_customers_summary_with_transactions.csv`;
  if (!existsSync(file)) {
    console.log(`CDNOW: skipped, ${file} not found (pass --data DIR)`);
    return;
  }
  const rows = readCsv(file);
  const summary: CustomerSummary = { x: Float64Array.from(rows, (r) => r[1] as number), tx: Float64Array.from(rows, (r) => r[2] as number), T: Float64Array.from(rows, (r) => r[3] as number) };
  const spend: SpendSummary = { x: summary.x, zbar: Float64Array.from(rows, (r) => r[4] as number) };
  console.log(`CDNOW: ${summary.x.length} customers, ${compressSummary(summary).x.length} distinct (x, t_x, T) rows`);

  const bg = time(args.runs, () => fitBgNbd(summary));
  console.log(`  BG/NBD fit          ${fmt(bg.ms)} ms (median of ${args.runs}; target < 50 ms)  ${params(bg.result.params)} LL=${bg.result.logLikelihood.toFixed(2)} evals=${bg.result.evaluations}`);
  const pnRuns = Math.max(1, Math.min(args.runs, 3));
  const pn = time(pnRuns, () => fitParetoNbd(summary));
  console.log(`  Pareto/NBD fit      ${fmt(pn.ms)} ms (median of ${pnRuns})  ${params(pn.result.params)} LL=${pn.result.logLikelihood.toFixed(2)} evals=${pn.result.evaluations}`);
  const gg = time(args.runs, () => fitGammaGamma(spend));
  console.log(`  Gamma-Gamma fit     ${fmt(gg.ms)} ms (median of ${args.runs})  ${params(gg.result.params)} LL=${gg.result.logLikelihood.toFixed(2)}`);

  const p = bg.result.params;
  const direct = time(args.runs, () => {
    const out = new Float64Array(summary.x.length * 2);
    for (let i = 0; i < summary.x.length; i++) {
      const [x, tx, T] = [summary.x[i] as number, summary.tx[i] as number, summary.T[i] as number];
      out[2 * i] = bgNbdProbabilityAlive(p, x, tx, T);
      out[2 * i + 1] = bgNbdConditionalExpectedPurchases(p, x, tx, T, 39);
    }
    return out;
  });
  console.log(`  BG/NBD predict all  ${fmt(direct.ms)} ms (P(alive) + E[Y(39)] for every customer)`);
  const dedup = time(args.runs, () => mapDistinctRows(summary, (x, tx, T) => bgNbdConditionalExpectedPurchases(p, x, tx, T, 39)));
  console.log(`  BG/NBD predict all  ${fmt(dedup.ms)} ms (E[Y(39)] once per distinct row, spread back)`);
  const mean = gammaGammaMeanSpend(gg.result.params);
  const clv = time(args.runs, () => customerLifetimeValues({ kind: 'bg-nbd', params: p }, summary, mean.ok ? mean.value : 0, { periods: 12, periodLength: 52 / 12, discountRate: 0.01 }));
  const total = clv.result.reduce((s, v) => s + v, 0);
  console.log(`  12-month CLV all    ${fmt(clv.ms)} ms (monthly discounting at 1%; total ${total.toFixed(0)})`);
}

function synthetic(args: Args): void {
  const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  let t0 = performance.now();
  const data = simulateBgNbd(truth, args.customers, { seed: args.seed });
  const simulateMs = performance.now() - t0;
  t0 = performance.now();
  const distinct = compressSummary(data).x.length;
  const compressMs = performance.now() - t0;
  t0 = performance.now();
  const fit = fitBgNbd(data);
  const fitMs = performance.now() - t0;
  console.log(`Synthetic BG/NBD: ${args.customers} customers (seed ${args.seed}), ${distinct} distinct rows`);
  console.log(`  simulate ${fmt(simulateMs)} ms, compress ${fmt(compressMs)} ms, fit ${fmt(fitMs)} ms (compression and warm start included, ${fit.evaluations} evaluations on all rows)`);
  console.log(`  true    ${params(truth)}`);
  console.log(`  fitted  ${params(fit.params)}  LL=${fit.logLikelihood.toFixed(1)}`);
}

export async function run(args: string[]): Promise<void> {
  const parsed = parseArgs(args);
  cdnow(parsed);
  synthetic(parsed);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run(process.argv.slice(2));
}
