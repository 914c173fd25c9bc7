// `npm run bench -- score [--customers 1000000] [--engines duckdb,postgres]`
// Wall time of each step of `tend score` on the demo retailer, beside one plain aggregation of
// the orders by customer (count, max date, sum) on the same engine, two parts of the work no
// scoring can skip (see engineTimes), and the peak memory.
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { demoTarget, type BenchTarget } from './_demo-db.js';
import { TEND, arg, fmt, runMeasured, timed } from './_support.js';

const AGGREGATION = `SELECT customer_id, count(*) AS n, max(ordered_at) AS last, sum(total) AS spend FROM orders GROUP BY customer_id`;

/**
 * Two parts of the work no scoring can skip, timed alone on the same engine so the ratio has a
 * floor to stand beside: the paid orders grouped by customer and day (BG/NBD counts repeat
 * purchase days, not orders, which is how CDNOW's published fit is reproduced), and writing one
 * row per customer as wide as `customer_scores` (28 columns) into a table of the database.
 */
const PURCHASE_DAYS = `SELECT customer_id, CAST(ordered_at AS DATE) AS d, sum(total) AS v FROM orders WHERE status = 'paid' GROUP BY customer_id, CAST(ordered_at AS DATE)`;
const WIDE_COLUMNS = Array.from({ length: 26 }, (_, j) => (j % 2 === 0 ? `n * ${j + 1} AS c${j}` : `spend / ${j + 1} AS c${j}`)).join(', ');
const WIDE_ROWS = `SELECT customer_id, CURRENT_DATE AS as_of, ${WIDE_COLUMNS} FROM agg`;

interface EngineTimes {
  readonly aggregation: number;
  readonly purchaseDays: number;
  readonly wideWrite: number;
}

interface BenchSql {
  run(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

async function connect(t: BenchTarget): Promise<BenchSql> {
  if (t.engine === 'duckdb') {
    const inst = await DuckDBInstance.create(t.path as string, { memory_limit: '2GB' });
    const c = await inst.connect();
    return { run: (sql) => c.run(sql), close: async () => { c.closeSync(); inst.closeSync(); } };
  }
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  return { run: (sql) => c.query(sql), close: () => c.end() };
}

async function engineTimes(t: BenchTarget): Promise<EngineTimes> {
  const c = await connect(t);
  try {
    await c.run(`SELECT count(*) FROM orders`); // warm the cache like the scorer's first step
    const aggregation = (await timed(() => c.run(`CREATE TEMP TABLE agg AS ${AGGREGATION}`))).seconds;
    const purchaseDays = (await timed(() => c.run(`CREATE TEMP TABLE purchase_days AS ${PURCHASE_DAYS}`))).seconds;
    await c.run(`DROP TABLE IF EXISTS bench_wide_rows`);
    const wideWrite = (await timed(() => c.run(`CREATE TABLE bench_wide_rows AS ${WIDE_ROWS}`))).seconds;
    await c.run(`DROP TABLE bench_wide_rows`);
    return { aggregation, purchaseDays, wideWrite };
  } finally {
    await c.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const customers = Number(arg(args, 'customers', '1000000'));
  const engines = arg(args, 'engines', 'duckdb').split(',');
  const pgUrl = process.env.TEND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  for (const engine of engines) {
    const target = await demoTarget(engine, customers, pgUrl);
    const times = await engineTimes(target);
    const agg = times.aggregation;
    const day = new Date().toISOString().slice(0, 10);
    const r = await runMeasured(process.execPath, [TEND, ...target.args, 'score', '--as-of', day, '--no-refresh', '--json']);
    const s = JSON.parse(r.stdout) as { customersScored: number; timings: Record<string, number> };
    console.log(`\n${engine}: ${fmt(s.customersScored, 0)} customers scored; process wall ${fmt(r.seconds)} s, peak RSS ${r.peakRssMb === null ? '-' : fmt(r.peakRssMb, 0)} MB`);
    console.log('step                  | seconds');
    console.log('----------------------|--------');
    for (const [k, v] of Object.entries(s.timings)) console.log(`${k.padEnd(21)} | ${fmt(v, 2).padStart(7)}`);
    console.log(`plain aggregation     | ${fmt(agg, 2).padStart(7)}`);
    console.log(`${'purchase days alone'.padEnd(21)} | ${fmt(times.purchaseDays, 2).padStart(7)}  (${fmt(times.purchaseDays / agg, 1)}x the aggregation)`);
    console.log(`${'one wide write alone'.padEnd(21)} | ${fmt(times.wideWrite, 2).padStart(7)}  (${fmt(times.wideWrite / agg, 1)}x the aggregation)`);
    console.log(`ratio score/aggregation: ${fmt((s.timings.total ?? r.seconds) / agg, 1)}x`);
  }
}
