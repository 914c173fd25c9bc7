// The benchmark databases: a demo retailer of N customers, generated once and reused.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT, TEND, runMeasured } from './_support.js';

export interface BenchTarget {
  readonly engine: 'duckdb' | 'postgres';
  /** CLI arguments selecting the database */
  readonly args: readonly string[];
  readonly path?: string;
  readonly url?: string;
}

export async function demoTarget(engine: string, customers: number, pgUrl: string): Promise<BenchTarget> {
  if (engine === 'duckdb') {
    const dir = join(ROOT, 'bench', 'out');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `demo-${customers}.duckdb`);
    if (!existsSync(path)) {
      console.log(`generating the ${customers.toLocaleString('en-US')}-customer demo into ${path} (once)...`);
      const r = await runMeasured(process.execPath, [TEND, '--db', path, 'demo', '--customers', String(customers), '--no-analyse', '--json']);
      console.log(`  done in ${r.seconds.toFixed(0)} s`);
    }
    return { engine: 'duckdb', args: ['--db', path], path };
  }
  if (engine !== 'postgres') throw new Error(`unknown engine ${engine}`);
  const schema = `bench_demo_${customers}`;
  const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  // Complete only when all six demo files were imported: a run killed halfway leaves tables behind.
  const hasImports = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'imports'`, [schema]);
  const complete = hasImports.rowCount !== 0
    && Number((await client.query<{ n: string }>(`SELECT count(DISTINCT entity) AS n FROM ${schema}.imports`)).rows[0]?.n) === 6;
  if (!complete) {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    console.log(`generating the ${customers.toLocaleString('en-US')}-customer demo into PostgreSQL schema ${schema} (once)...`);
    const r = await runMeasured(process.execPath, [TEND, '--database-url', url, 'demo', '--customers', String(customers), '--no-analyse', '--json']);
    console.log(`  done in ${r.seconds.toFixed(0)} s`);
  }
  await client.end();
  return { engine: 'postgres', args: ['--database-url', url], url };
}
