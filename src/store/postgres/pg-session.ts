import type pg from 'pg';
import type { SqlSession } from '../sql-session.js';

/** TEND_PROFILE=1 prints each statement's wall time (as DuckSession does). */
const PROFILE = Boolean(process.env.TEND_PROFILE);

export class PgSession implements SqlSession {
  readonly engine = 'postgres' as const;
  constructor(readonly client: pg.PoolClient) {}

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const started = PROFILE ? Date.now() : 0;
    const res = await this.client.query(sql, params as unknown[]);
    if (PROFILE) process.stderr.write(`[profile] ${Date.now() - started} ms  ${sql.replace(/\s+/g, ' ').slice(0, 120)}\n`);
    // Autovacuum never analyzes temporary tables, and the planner then assumes a few hundred
    // rows and picks nested loops over millions: analyze each one built from a query.
    const ctas = /^\s*CREATE\s+TEMP(?:ORARY)?\s+TABLE\s+(\w+)\s+AS\b/i.exec(sql);
    if (ctas) await this.client.query(`ANALYZE ${ctas[1]}`);
    return res.rowCount ?? 0;
  }

  async all<T extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await this.client.query(sql, params as unknown[]);
    return res.rows as T[];
  }

  async one<T extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T> {
    const rows = await this.all<T>(sql, params);
    const row = rows[0];
    if (!row) throw new Error(`query returned no row: ${sql.slice(0, 80)}`);
    return row;
  }
}
