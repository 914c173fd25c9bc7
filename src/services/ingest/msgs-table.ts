// The `msgs` temp table a flush works on: intake records as typed columns. Each engine fills it
// from its own intake (DuckDB reads the segment files with read_json, PostgreSQL moves rows
// out of `intake`); the column list and types are written once, here.

interface Column {
  readonly name: string;
  /** key of the intake record (see records.ts) */
  readonly key: string;
  /** SQL type in `msgs` */
  readonly type: string;
  /** kept as JSON text */
  readonly json?: boolean;
}

const MONEY = 'DECIMAL(18,2)';

export const MSG_COLUMNS: readonly Column[] = [
  { name: 'type', key: 't', type: 'TEXT' },
  { name: 'message_id', key: 'm', type: 'TEXT' },
  { name: 'source_id', key: 's', type: 'BIGINT' },
  { name: 'received_at', key: 'r', type: 'TIMESTAMP' },
  { name: 'occurred_at', key: 'ts', type: 'TIMESTAMP' },
  { name: 'user_id', key: 'u', type: 'TEXT' },
  { name: 'anonymous_id', key: 'a', type: 'TEXT' },
  { name: 'email', key: 'em', type: 'TEXT' },
  { name: 'phone', key: 'ph', type: 'TEXT' },
  { name: 'event', key: 'e', type: 'TEXT' },
  { name: 'properties', key: 'p', type: 'TEXT', json: true },
  { name: 'traits', key: 'tr', type: 'TEXT', json: true },
  { name: 'name', key: 'nm', type: 'TEXT' },
  { name: 'gender', key: 'gd', type: 'TEXT' },
  { name: 'birthday', key: 'bd', type: 'DATE' },
  { name: 'city', key: 'ci', type: 'TEXT' },
  { name: 'province', key: 'pr', type: 'TEXT' },
  { name: 'country', key: 'co', type: 'TEXT' },
  { name: 'order_id', key: 'oid', type: 'TEXT' },
  { name: 'total', key: 'tot', type: MONEY },
  { name: 'discount', key: 'dis', type: MONEY },
  { name: 'currency', key: 'cur', type: 'TEXT' },
  { name: 'ix', key: 'ix', type: 'INTEGER' },
  { name: 'sku', key: 'sku', type: 'TEXT' },
  { name: 'quantity', key: 'qty', type: 'INTEGER' },
  { name: 'unit_price', key: 'pri', type: MONEY },
  { name: 'product_name', key: 'pn', type: 'TEXT' },
  { name: 'product_category', key: 'pc', type: 'TEXT' },
  { name: 'product_brand', key: 'pb', type: 'TEXT' },
];

/** DuckDB: `read_json` over segment files, every key read as text (or JSON), then cast. */
export function duckMsgsSql(fileList: string): string {
  const columns = [`q: 'BIGINT'`, ...MSG_COLUMNS.map((c) => `${c.key}: '${c.json ? 'JSON' : 'VARCHAR'}'`)].join(', ');
  const select = MSG_COLUMNS.map((c) => `CAST(${c.key} AS ${c.type}) AS ${c.name}`).join(', ');
  return `CREATE TEMP TABLE msgs AS SELECT q AS row_no, ${select}
    FROM read_json(${fileList}, format = 'newline_delimited', columns = {${columns}})`;
}

/** PostgreSQL: from `raw_intake(id, r JSONB)`. */
export function pgMsgsSql(): string {
  const select = MSG_COLUMNS.map((c) => (c.json ? `CAST(r->'${c.key}' AS TEXT) AS ${c.name}` : `CAST(r->>'${c.key}' AS ${c.type}) AS ${c.name}`)).join(', ');
  return `CREATE TEMP TABLE msgs AS SELECT id AS row_no, ${select} FROM raw_intake`;
}
