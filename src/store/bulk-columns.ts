// Moving whole columns between the engine and typed arrays without a JS object per row:
// reading a numeric temp table into Float64Arrays, and bulk-loading typed columns into a
// table through the engine's bulk path (DuckDB read_csv, PostgreSQL COPY FROM STDIN).
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DOUBLE, DuckDBDataChunk, VARCHAR, type DuckDBValue, type DuckDBVector } from '@duckdb/node-api';
import { DuckSession, quoteIdent, sqlLiteral } from './duckdb/duck-session.js';
import type { PgSession } from './postgres/pg-session.js';

/** Reads every listed column of `table` (cast to DOUBLE; NULL -> NaN), in `orderBy` order. */
export async function readColumns(s: DuckSession | PgSession, table: string, columns: readonly string[], orderBy: string): Promise<Float64Array[]> {
  const { n } = await s.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const out = columns.map(() => new Float64Array(Number(n)));
  const select = `SELECT ${columns.map((c) => `CAST(${quoteIdent(c)} AS DOUBLE PRECISION)`).join(', ')} FROM ${table} ORDER BY ${orderBy}`;
  let row = 0;
  if (s instanceof DuckSession) {
    const result = await s.conn.stream(select);
    for (;;) {
      const chunk = await result.fetchChunk();
      // rowCount asks the native chunk each time: read it once (per row it cost ~1 s a million-customer scoring run).
      const count = chunk ? chunk.rowCount : 0;
      if (!chunk || count === 0) break;
      columns.forEach((_, c) => copyDoubles(chunk.getColumnVector(c), count, out[c] as Float64Array, row));
      row += count;
    }
    return out;
  }
  const stream = s.client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT csv)`));
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    const parts = line.split(',');
    for (let c = 0; c < columns.length; c++) {
      const v = parts[c];
      (out[c] as Float64Array)[row] = v === undefined || v === '' ? Number.NaN : Number(v);
    }
    row++;
  }
  return out;
}

/** Copies a fetched chunk's numeric column into `target` from `offset` (NULL -> NaN), without an array of boxed values. */
export function copyDoubles(vector: DuckDBVector, count: number, target: Float64Array, offset: number): void {
  for (let i = 0; i < count; i++) {
    const v = vector.getItem(i);
    target[offset + i] = v === null ? Number.NaN : Number(v);
  }
}

export type ColumnValue = number | string | null;

/**
 * Writes `rows` rows into `table` (which must exist) through a temporary CSV file, so memory
 * stays flat; `value(row, col)` gives each cell (NaN and null become NULL).
 */
export async function loadColumns(
  s: DuckSession | PgSession,
  table: string,
  columns: readonly string[],
  rows: number,
  value: (row: number, col: number) => ColumnValue,
): Promise<void> {
  if (s instanceof DuckSession && (await appendInPlace(s, table, columns, rows, value))) return;
  const dir = mkdtempSync(join(tmpdir(), 'tend-bulk-'));
  const file = join(dir, 'rows.csv');
  try {
    const out = createWriteStream(file);
    let buf = '';
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns.length; c++) {
        const v = value(r, c);
        if (c > 0) buf += ',';
        if (v === null || (typeof v === 'number' && !Number.isFinite(v))) continue;
        buf += typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`;
      }
      buf += '\n';
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    }
    out.end(buf);
    await once(out, 'finish');
    const cols = columns.map(quoteIdent).join(', ');
    if (s instanceof DuckSession) {
      await s.run(`COPY ${table} (${cols}) FROM ${sqlLiteral(file)} (FORMAT csv, HEADER false)`);
    } else {
      await pipeline(createReadStream(file), s.client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN (FORMAT csv)`)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * DuckDB's appender writes rows straight into the table's storage: no CSV to format and parse
 * again. Rows go in as data chunks of DOUBLE and VARCHAR columns (the appender casts them to the
 * table's types): numbers fill a chunk's vectors in JavaScript and cross into native code once
 * per 2,048 rows, where appending value by value crossed for every cell (text still crosses
 * once per value). It fills every column in table order, so it is used only when `columns` is
 * exactly the table's list.
 */
async function appendInPlace(s: DuckSession, table: string, columns: readonly string[], rows: number, value: (row: number, col: number) => ColumnValue): Promise<boolean> {
  const found = await s.all<{ database_name: string; schema_name: string; names: string; types: string }>(
    `SELECT database_name, schema_name, string_agg(column_name, ',' ORDER BY column_index) AS names,
       string_agg(CASE WHEN data_type IN (${NUMERIC_TYPES.map(sqlLiteral).join(', ')}) OR data_type LIKE 'DECIMAL%' THEN 'n' ELSE 't' END, '' ORDER BY column_index) AS types
     FROM duckdb_columns() WHERE table_name = $1 GROUP BY database_name, schema_name ORDER BY database_name = 'temp' DESC`, [table]);
  const target = found[0];
  if (!target || target.names !== columns.join(',')) return false;
  const numeric = [...target.types].map((t) => t === 'n');
  const types = numeric.map((n) => (n ? DOUBLE : VARCHAR));
  const appender = await s.conn.createAppender(table, target.schema_name, target.database_name);
  try {
    const size = 2048; // DuckDB's vector size: the most rows a chunk holds
    const values: ColumnValue[][] = columns.map(() => []);
    for (let from = 0; from < rows; from += size) {
      const count = Math.min(size, rows - from);
      const chunk = DuckDBDataChunk.create(types, count);
      for (let c = 0; c < columns.length; c++) {
        const out = values[c] as ColumnValue[];
        out.length = count;
        for (let i = 0; i < count; i++) out[i] = cell(value(from + i, c), numeric[c] as boolean);
        chunk.setColumnValues(c, out as DuckDBValue[]);
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return true;
}

const NUMERIC_TYPES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE'];

/** A cell as its chunk column holds it: NULL for null and non-finite numbers. */
function cell(v: ColumnValue, numeric: boolean): number | string | null {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return null;
  if (numeric) return typeof v === 'number' ? v : Number(v);
  return typeof v === 'string' ? v : String(v);
}
