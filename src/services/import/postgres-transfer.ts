// Moves rows between the DuckDB scratch database and PostgreSQL through the bulk paths on both
// sides: DuckDB writes CSV and PostgreSQL reads it with COPY FROM STDIN, or PostgreSQL writes
// with COPY TO STDOUT and DuckDB reads the CSV. Streamed through a file, never held in memory.
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { quoteIdent, sqlLiteral, type DuckSession } from '../../store/duckdb/duck-session.js';
import type { PgSession } from '../../store/postgres/pg-session.js';

function pgType(duckType: string): string {
  if (/^DECIMAL/.test(duckType)) return duckType.replace('DECIMAL', 'NUMERIC');
  if (duckType === 'VARCHAR' || duckType === 'JSON') return 'TEXT';
  if (['BIGINT', 'INTEGER', 'TIMESTAMP', 'DATE', 'BOOLEAN', 'DOUBLE'].includes(duckType)) return duckType === 'DOUBLE' ? 'DOUBLE PRECISION' : duckType;
  throw new Error(`no PostgreSQL type for staged column type ${duckType}`);
}

/** Staging bookkeeping the write phase never reads: not worth sending. */
const LOCAL_ONLY = new Set(['reject_no', 'reject_field', 'reject_reason', 'reject_value']);

/** Copies a DuckDB table or view into a PostgreSQL temp table of the same name. */
export async function transferTable(duck: DuckSession, pg: PgSession, table: string, tmpDir: string): Promise<void> {
  const cols = (await duck.all<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`)).filter((c) => !LOCAL_ONLY.has(c.column_name));
  const defs = cols.map((c) => `${quoteIdent(c.column_name)} ${pgType(c.column_type)}`).join(', ');
  await pg.run(`DROP TABLE IF EXISTS ${table}`);
  await pg.run(`CREATE TEMP TABLE ${table} (${defs})`);
  const names = cols.map((c) => quoteIdent(c.column_name)).join(', ');
  await copyIntoPostgres(duck, pg, `SELECT ${names} FROM ${table}`, `${table} (${names})`, join(tmpDir, `${table}.csv`));
  await pg.run(`ANALYZE ${table}`);
}

/** Runs `select` in DuckDB and appends its rows to `target` ("table (columns)") in PostgreSQL; returns how many. */
export async function copyIntoPostgres(duck: DuckSession, pg: PgSession, select: string, target: string, file: string): Promise<number> {
  await duck.run(`COPY (${select}) TO ${sqlLiteral(file)} (FORMAT csv, HEADER false)`);
  const copy = pg.client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT csv)`));
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
  return copy.rowCount;
}

/** Runs `select` in PostgreSQL into a new DuckDB temp table with the given column types. */
export async function copyFromPostgres(pg: PgSession, select: string, duck: DuckSession, table: string, columns: Readonly<Record<string, string>>, file: string): Promise<void> {
  await pipeline(pg.client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT csv)`)), createWriteStream(file));
  const types = `{${Object.entries(columns).map(([c, t]) => `${sqlLiteral(c)}: ${sqlLiteral(t)}`).join(', ')}}`;
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${table} AS
    SELECT * FROM read_csv(${sqlLiteral(file)}, header = false, columns = ${types}, delim = ',', quote = '"', escape = '"', auto_detect = false)`);
}
