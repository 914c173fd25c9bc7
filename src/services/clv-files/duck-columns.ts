// Moving whole columns between DuckDB and typed arrays, a chunk (2,048 rows) at a time, so that
// a million customers never become a million JS objects.
import { BIGINT, DOUBLE, DuckDBDataChunk, type DuckDBConnection } from '@duckdb/node-api';
import { copyDoubles } from '../../store/bulk-columns.js';

/**
 * Runs `sql` and returns each of its columns as a Float64Array (NULL -> NaN). Every column of
 * the query must be numeric; cast in SQL (`x::DOUBLE`) where needed.
 */
export async function readNumberColumns(conn: DuckDBConnection, sql: string): Promise<Record<string, Float64Array>> {
  const result = await conn.stream(sql);
  const names = result.columnNames();
  const parts: Float64Array[][] = names.map(() => []);
  let total = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    for (let c = 0; c < names.length; c++) {
      const vector = chunk.getColumnVector(c);
      const out = new Float64Array(n);
      copyDoubles(vector, n, out, 0);
      parts[c]?.push(out);
    }
    total += n;
  }
  const columns: Record<string, Float64Array> = {};
  names.forEach((name, c) => {
    const out = new Float64Array(total);
    let at = 0;
    for (const part of parts[c] ?? []) {
      out.set(part, at);
      at += part.length;
    }
    columns[name] = out;
  });
  return columns;
}

const CHUNK = 2048;

/**
 * Appends typed-array columns to an existing table whose first column is a BIGINT row index
 * (0..n-1) and whose other columns are DOUBLE, in `columns` order. NaN is stored as NULL.
 */
export async function appendIndexedColumns(conn: DuckDBConnection, table: string, columns: readonly Float64Array[]): Promise<void> {
  const n = columns[0]?.length ?? 0;
  const appender = await conn.createAppender(table);
  try {
    const types = [BIGINT, ...columns.map(() => DOUBLE)];
    for (let start = 0; start < n; start += CHUNK) {
      const size = Math.min(CHUNK, n - start);
      const chunk = DuckDBDataChunk.create(types, size);
      chunk.setColumnValues(0, Array.from({ length: size }, (_, i) => BigInt(start + i)));
      columns.forEach((col, c) => {
        const values: (number | null)[] = new Array<number | null>(size);
        for (let i = 0; i < size; i++) {
          const v = col[start + i] as number;
          values[i] = Number.isFinite(v) ? v : null;
        }
        chunk.setColumnValues(c + 1, values);
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
