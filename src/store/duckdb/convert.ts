// DuckDB result values -> plain JS, chosen deliberately so both engines return the same shapes:
// BIGINT -> number when safe (else string, never a silent rounding), DECIMAL -> number,
// DATE -> 'YYYY-MM-DD', TIMESTAMP -> Date (UTC), JSON -> parsed value.
import type { DuckDBResultReader, DuckDBType } from '@duckdb/node-api';
import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDataChunk } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

function bigToJs(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

function converterFor(type: DuckDBType): ((v: unknown) => unknown) | undefined {
  if (type.alias === 'JSON') return (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return (v) => (typeof v === 'bigint' ? bigToJs(v) : v);
    case DuckDBTypeId.DATE:
      return (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
    default:
      return undefined;
  }
}

export function readRows(reader: DuckDBResultReader): Row[] {
  return convertRows(reader.columnNames(), reader.columnTypes(), reader.getRowObjectsJS() as Row[]);
}

/** Rows of one chunk of a streamed result, converted like readRows. */
export function readChunkRows(names: readonly string[], types: readonly DuckDBType[], chunk: DuckDBDataChunk): Row[] {
  const rows = chunk.convertRows(JSDuckDBValueConverter).map((values) => {
    const row: Row = {};
    names.forEach((n, i) => (row[n] = values[i]));
    return row;
  });
  return convertRows(names, types, rows);
}

function convertRows(names: readonly string[], types: readonly DuckDBType[], rows: Row[]): Row[] {
  const converters = types.map(converterFor);
  if (converters.every((c) => c === undefined)) return rows;
  for (const row of rows) {
    for (let i = 0; i < names.length; i++) {
      const convert = converters[i];
      const name = names[i];
      if (convert && name !== undefined) {
        const value = row[name];
        if (value !== null && value !== undefined) row[name] = convert(value);
      }
    }
  }
  return rows;
}

/** Query parameters: DuckDB binds JS primitives; Dates go as ISO text (cast by the column). */
export function toDuckParam(v: unknown): string | number | boolean | bigint | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  return JSON.stringify(v);
}
