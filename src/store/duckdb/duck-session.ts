// One DuckDB connection used directly, for work that must stay on a single connection
// (temporary tables, a long transaction) and for DuckDB-only features such as read_csv.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { SqlSession } from '../sql-session.js';
import { readRows, toDuckParam, type Row } from './convert.js';

const PROFILE = Boolean(process.env.TEND_PROFILE);

export class DuckSession implements SqlSession {
  readonly engine = 'duckdb' as const;
  private constructor(readonly conn: DuckDBConnection) {}

  static async open(instance: DuckDBInstance): Promise<DuckSession> {
    return new DuckSession(await instance.connect());
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const started = PROFILE ? Date.now() : 0;
    const reader = await this.conn.runAndReadAll(sql, params.map(toDuckParam) as never);
    // TEND_PROFILE=1 prints each statement's wall time, for finding where bulk work goes.
    if (PROFILE) process.stderr.write(`[profile] ${Date.now() - started} ms  ${sql.replace(/\s+/g, ' ').slice(0, 120)}\n`);
    return reader.rowsChanged;
  }

  async all<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.map(toDuckParam) as never);
    return readRows(reader) as T[];
  }

  async one<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T> {
    const rows = await this.all<T>(sql, params);
    const row = rows[0];
    if (!row) throw new Error(`query returned no row: ${sql.slice(0, 80)}`);
    return row;
  }

  /** Percentage (0-100) of the statement running now, or -1 when DuckDB cannot tell. */
  progress(): number {
    try {
      return this.conn.progress.percentage;
    } catch {
      return -1;
    }
  }

  close(): void {
    this.conn.closeSync();
  }
}

/** SQL string literal (for table-function arguments, which cannot be bound parameters). */
export function sqlLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
