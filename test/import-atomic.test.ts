// A process killed in the middle of an import leaves the database as it was before that file;
// running the import again completes it. Runs the real CLI in a child process and SIGKILLs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { openStore } from '../src/store/open-store.js';

const ROWS = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'tend-atomic-'));
const csv = join(dir, 'orders.csv');
const lines = ['order_id,customer_id,ordered_at,total'];
for (let i = 0; i < ROWS; i++) lines.push(`O${i},C${i % 50_000},2024-01-01T00:00:00Z,${(i % 997) + 0.5}`);
writeFileSync(csv, `${lines.join('\n')}\n`);

const tend = join(import.meta.dirname, '..', 'bin', 'tend.mjs');

/** Starts the import and SIGKILLs it once it reports the write phase; resolves with its exit. */
function importAndKill(args: string[]): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tend, 'import', 'orders', csv, '--verbose', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let killed = false;
    child.stderr.on('data', (d: Buffer) => {
      if (!killed && d.toString().includes('phase: resolving')) {
        killed = true;
        // Give the transaction a moment to have written part of its rows.
        setTimeout(() => child.kill('SIGKILL'), 150);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ killed: signal === 'SIGKILL' || (killed && code !== 0) }));
  });
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tend, 'import', 'orders', csv, '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`import failed (${code}): ${err}`))));
  });
}

describe('an import killed mid-way', () => {
  it('leaves DuckDB unchanged, and the re-run completes it', async () => {
    const db = join(dir, 'atomic.duckdb');
    const { killed } = await importAndKill(['--db', db]);
    const store = await openStore({ engine: 'duckdb', path: db });
    const n = await store.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const c = await store.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await store.close();
    expect(killed).toBe(true);
    expect([0, ROWS]).toContain(Number(n.n));
    if (Number(n.n) === 0) expect(Number(c.n)).toBe(0);
    const summary = JSON.parse(await run(['--db', db]));
    expect(summary.imported + summary.duplicates).toBe(ROWS);
  });

  const pgUrl = process.env.TEND_TEST_DATABASE_URL;
  it.skipIf(!pgUrl)('leaves PostgreSQL unchanged, and the re-run completes it', async () => {
    const schema = `tend_atomic_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    const url = `${pgUrl}${pgUrl?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    try {
      const { killed } = await importAndKill(['--database-url', url]);
      expect(killed).toBe(true);
      const n = await admin.query(`SELECT (SELECT count(*) FROM ${schema}.orders) AS orders, (SELECT count(*) FROM ${schema}.customers) AS customers`);
      const orders = Number(n.rows[0].orders);
      expect([0, ROWS]).toContain(orders);
      if (orders === 0) expect(Number(n.rows[0].customers)).toBe(0);
      const summary = JSON.parse(await run(['--database-url', url]));
      expect(summary.imported + summary.duplicates).toBe(ROWS);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
