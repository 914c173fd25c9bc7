// `npm run bench -- import [--rows 10000000] [--customers 1000000] [--engines duckdb,postgres]`
// Generates an orders CSV and its customers, then compares `tend import` with the engine's own
// raw load of the same file (no validation): DuckDB read_csv into a table, PostgreSQL COPY.
import { closeSync, createWriteStream, fsyncSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DUCKDB_STORAGE_VERSION } from '../src/store/duckdb/dialect.js';
import { ROOT, TEND, arg, fmt, runMeasured, timed } from './_support.js';

async function writeCsv(path: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  // On disk before anything is timed: the kernel writing 600 MB back during the first import
  // would slow it and not the raw loads after it.
  const fd = openSync(path, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

export async function run(args: string[]): Promise<void> {
  const rows = Number(arg(args, 'rows', '10000000'));
  const customers = Number(arg(args, 'customers', String(Math.max(1, Math.round(rows / 10)))));
  const engines = arg(args, 'engines', process.env.TEND_TEST_DATABASE_URL ? 'duckdb,postgres' : 'duckdb').split(',');
  const pgUrl = process.env.TEND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dir = join(ROOT, 'bench', 'out', 'import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ordersCsv = join(dir, 'orders.csv');
  const customersCsv = join(dir, 'customers.csv');
  const start = Date.UTC(2023, 0, 1);
  const gen = await timed(async () => {
    await writeCsv(customersCsv, 'customer_id,phone,name,city', customers, (i) => `C${i},1${String(3800000000 + i).padStart(10, '0')},客户${i},上海`);
    await writeCsv(ordersCsv, 'order_id,customer_id,ordered_at,channel,status,total,discount', rows, (i) =>
      `O${i},C${(i * 7919) % customers},${new Date(start + (i % 94_608_000) * 1000).toISOString()},tmall,paid,${((i % 99_991) / 100 + 1).toFixed(2)},0`);
  });
  const mb = statSync(ordersCsv).size / 1e6;
  console.log(`generated ${fmt(rows, 0)} orders (${fmt(mb, 0)} MB) and ${fmt(customers, 0)} customers in ${fmt(gen.seconds)} s`);
  console.log('engine    | load                      | seconds | rows/s      | peak RSS MB');
  console.log('----------|---------------------------|---------|-------------|------------');
  const row = (engine: string, what: string, seconds: number, rss: number | null) =>
    console.log(`${engine.padEnd(9)} | ${what.padEnd(25)} | ${fmt(seconds).padStart(7)} | ${fmt(rows / seconds, 0).padStart(11)} | ${rss === null ? '-' : fmt(rss, 0)}`);

  for (const engine of engines) {
    const target = engine === 'duckdb' ? ['--db', join(dir, 'bench.duckdb')] : ['--database-url', schemaUrl(pgUrl)];
    if (engine === 'postgres') await resetPg(pgUrl);
    await runMeasured(process.execPath, [TEND, ...target, 'import', 'customers', customersCsv, '--json']);
    const tend = await runMeasured(process.execPath, [TEND, ...target, 'import', 'orders', ordersCsv, '--json']);
    const summary = JSON.parse(tend.stdout) as { imported: number; rejected: number; timings: Record<string, number> };
    if (summary.imported !== rows) throw new Error(`expected ${rows} imported, got ${JSON.stringify(summary)}`);
    row(engine, 'tend import orders', tend.seconds, tend.peakRssMb);
    const steps = Object.entries(summary.timings).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
    console.log(`${engine.padEnd(9)} |   steps (s): ${steps}`);
    // DuckDB twice: as shipped (a new file in its default storage format), and given the newer
    // storage format Tend's files use, which makes bulk writes faster for the raw load too.
    const ratio = (what: string, raw: number) => console.log(`${engine.padEnd(9)} | ${`ratio tend/${what}`.padEnd(25)} | ${fmt(tend.seconds / raw, 2).padStart(7)} |`);
    if (engine === 'duckdb') {
      const asShipped = await rawDuck(ordersCsv, join(dir, 'raw.duckdb'), false);
      row(engine, 'raw read_csv, default file', asShipped, null);
      const sameFormat = await rawDuck(ordersCsv, join(dir, 'raw.duckdb'), true);
      row(engine, 'raw read_csv, Tend format', sameFormat, null);
      ratio('raw (default file)', asShipped);
      ratio('raw (Tend format)', sameFormat);
    } else {
      const raw = await rawPg(ordersCsv, pgUrl);
      row(engine, 'raw COPY into table', raw, null);
      ratio('raw', raw);
    }
    if (engine === 'postgres') await resetPg(pgUrl);
  }
  rmSync(dir, { recursive: true, force: true });
}

async function rawDuck(csv: string, path: string, tendFormat: boolean): Promise<number> {
  rmSync(path, { force: true });
  const inst = await DuckDBInstance.create(path, tendFormat ? { storage_compatibility_version: DUCKDB_STORAGE_VERSION } : {});
  const conn = await inst.connect();
  const t = await timed(() => conn.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${csv}')`));
  conn.closeSync();
  inst.closeSync();
  rmSync(path, { force: true });
  return t.seconds;
}

async function rawPg(csv: string, url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP TABLE IF EXISTS bench_raw_orders`);
  await client.query(`CREATE TABLE bench_raw_orders (order_id TEXT PRIMARY KEY, customer_id TEXT, ordered_at TIMESTAMPTZ, channel TEXT, status TEXT, total NUMERIC(18,2), discount NUMERIC(18,2))`);
  const t = await timed(() => pipeline(createReadStream(csv), client.query(copyFrom(`COPY bench_raw_orders FROM STDIN (FORMAT csv, HEADER true)`))));
  await client.query(`DROP TABLE bench_raw_orders`);
  await client.end();
  return t.seconds;
}

const SCHEMA = 'bench_import';

/** The benchmark's own schema, so a reset drops exactly what Tend created. */
function schemaUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;
}

async function resetPg(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${SCHEMA}`);
  await client.end();
}
