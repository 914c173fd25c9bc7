// `npm run bench -- score [--customers 1000000] [--engines duckdb,postgres]`
// Wall time of each step of `tend score` on the demo retailer, beside one plain aggregation of
// the orders by customer (count, max date, sum) on the same engine, and the peak memory.
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { demoTarget, type BenchTarget } from './_demo-db.js';
import { TEND, arg, fmt, runMeasured, timed } from './_support.js';

const AGGREGATION = `SELECT customer_id, count(*) AS n, max(ordered_at) AS last, sum(total) AS spend FROM orders GROUP BY customer_id`;

async function aggregation(t: BenchTarget): Promise<number> {
  if (t.engine === 'duckdb') {
    const inst = await DuckDBInstance.create(t.path as string, { memory_limit: '2GB' });
    const c = await inst.connect();
    await c.run(`SELECT count(*) FROM orders`); // warm the cache like the scorer's first step
    const r = await timed(() => c.run(`CREATE TEMP TABLE agg AS ${AGGREGATION}`));
    c.closeSync();
    inst.closeSync();
    return r.seconds;
  }
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  const r = await timed(() => c.query(`CREATE TEMP TABLE agg AS ${AGGREGATION}`));
  await c.end();
  return r.seconds;
}

export async function run(args: string[]): Promise<void> {
  const customers = Number(arg(args, 'customers', '1000000'));
  const engines = arg(args, 'engines', 'duckdb').split(',');
  const pgUrl = process.env.TEND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  for (const engine of engines) {
    const target = await demoTarget(engine, customers, pgUrl);
    const agg = await aggregation(target);
    const day = new Date().toISOString().slice(0, 10);
    const r = await runMeasured(process.execPath, [TEND, ...target.args, 'score', '--as-of', day, '--no-refresh', '--json']);
    const s = JSON.parse(r.stdout) as { customersScored: number; timings: Record<string, number> };
    console.log(`\n${engine}: ${fmt(s.customersScored, 0)} customers scored; process wall ${fmt(r.seconds)} s, peak RSS ${r.peakRssMb === null ? '-' : fmt(r.peakRssMb, 0)} MB`);
    console.log('step                  | seconds');
    console.log('----------------------|--------');
    for (const [k, v] of Object.entries(s.timings)) console.log(`${k.padEnd(21)} | ${fmt(v, 2).padStart(7)}`);
    console.log(`plain aggregation     | ${fmt(agg, 2).padStart(7)}`);
    console.log(`ratio score/aggregation: ${fmt((s.timings.total ?? r.seconds) / agg, 1)}x`);
  }
}
