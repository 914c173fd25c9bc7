import type pg from 'pg';
import type { SqlSession } from '../sql-session.js';

export class PgSession implements SqlSession {
  readonly engine = 'postgres' as const;
  constructor(readonly client: pg.PoolClient) {}

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const res = await this.client.query(sql, params as unknown[]);
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
