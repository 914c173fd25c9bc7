// Moves staged tables from the DuckDB scratch database into PostgreSQL temp tables through
// the bulk path: DuckDB writes CSV, PostgreSQL reads it with COPY FROM STDIN (streamed).
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent, sqlLiteral, type DuckSession } from '../../store/duckdb/duck-session.js';
import type { PgSession } from '../../store/postgres/pg-session.js';

function pgType(duckType: string): string {
  if (/^DECIMAL/.test(duckType)) return duckType.replace('DECIMAL', 'NUMERIC');
  if (duckType === 'VARCHAR' || duckType === 'JSON') return 'TEXT';
  if (['BIGINT', 'INTEGER', 'TIMESTAMP', 'DATE', 'BOOLEAN', 'DOUBLE'].includes(duckType)) return duckType === 'DOUBLE' ? 'DOUBLE PRECISION' : duckType;
  throw new Error(`no PostgreSQL type for staged column type ${duckType}`);
}

/** Staging bookkeeping the write phase never reads: not worth sending. */
const LOCAL_ONLY = new Set(['tend_nl', 'reject_field', 'reject_reason', 'reject_value']);

export async function transferTable(duck: DuckSession, pg: PgSession, table: string, tmpDir: string): Promise<void> {
  const cols = (await duck.all<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`)).filter((c) => !LOCAL_ONLY.has(c.column_name));
  const defs = cols.map((c) => `${quoteIdent(c.column_name)} ${pgType(c.column_type)}`).join(', ');
  await pg.run(`DROP TABLE IF EXISTS ${table}`);
  await pg.run(`CREATE TEMP TABLE ${table} (${defs})`);
  const file = join(tmpDir, `${table}.csv`);
  const names = cols.map((c) => quoteIdent(c.column_name)).join(', ');
  await duck.run(`COPY (SELECT ${names} FROM ${table}) TO ${sqlLiteral(file)} (FORMAT csv, HEADER false)`);
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), pg.client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN (FORMAT csv)`)));
  await pg.run(`ANALYZE ${table}`);
}
