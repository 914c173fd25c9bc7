// `tend clv --summary`: a ready-made per-customer summary file (frequency, recency, T[,
// monetary_value] or x, t_x, T[, zbar]), checked row by row and read out as typed arrays.
import { quoteIdent, type DuckSession } from '../../store/duckdb/duck-session.js';
import { readNumberColumns } from './duck-columns.js';
import {
  CUSTOMERS_TABLE, findColumn, invalid, LINE, listColumns, loadRawTable, resolveColumn, ROW, rowLabel,
  type CustomerArrays, type TableFileOptions,
} from './read-input.js';

export interface SummaryColumns extends TableFileOptions {
  readonly file: string;
  /** the id column (default: ID, id, customer_id or customer when present, else the row number) */
  readonly customerCol?: string;
}

const X_NAMES = ['frequency', 'x'];
const TX_NAMES = ['recency', 't_x', 'tx'];
const T_NAMES = ['T', 'age'];
const ZBAR_NAMES = ['monetary_value', 'zbar'];
const ID_NAMES = ['ID', 'customer_id', 'customer', 'id'];

/**
 * Reads a per-customer summary (frequency, recency, T[, monetary_value], or x, t_x, T[, zbar])
 * into CUSTOMERS_TABLE and checks each row is a valid summary, naming the first bad one.
 */
export async function loadSummary(session: DuckSession, input: SummaryColumns): Promise<CustomerArrays> {
  const raw = await loadRawTable(session, input.file, input, 'summary', 'clv_summary_raw');
  try {
    const need = (names: readonly string[], what: string): string => {
      const found = findColumn(raw, names);
      if (found === undefined) {
        throw invalid('summary', `--summary: ${input.file} has no ${what} column (looked for ${names.map((n) => `"${n}"`).join(', ')}); columns found: ${listColumns(raw.columns)}`);
      }
      return found;
    };
    const x = need(X_NAMES, 'frequency');
    const tx = need(TX_NAMES, 'recency');
    const T = need(T_NAMES, 'T (age)');
    const zbar = findColumn(raw, ZBAR_NAMES);
    const id = input.customerCol !== undefined ? resolveColumn(raw, input.customerCol, 'customer-col') : findColumn(raw, ID_NAMES);
    const num = (c: string) => `TRY_CAST(trim(${quoteIdent(c)}) AS DOUBLE)`;
    await session.run(`CREATE OR REPLACE TEMP TABLE ${CUSTOMERS_TABLE} AS
      SELECT ${ROW} - 1 AS idx, ${ROW} AS row_no, ${LINE} AS line_no,
        ${id !== undefined ? `trim(${quoteIdent(id)})` : `CAST(${ROW} AS VARCHAR)`} AS customer,
        ${num(x)} AS x, ${num(tx)} AS tx, ${num(T)} AS T, ${zbar !== undefined ? num(zbar) : '0'} AS zbar,
        ${[x, tx, T, ...(zbar !== undefined ? [zbar] : [])].map((c) => `trim(${quoteIdent(c)})`).join(` || ',' || `)} AS text
      FROM ${raw.table}`);
    const problems: [string, string][] = [
      [`x IS NULL OR tx IS NULL OR T IS NULL OR zbar IS NULL OR NOT (isfinite(x) AND isfinite(tx) AND isfinite(T) AND isfinite(zbar))`, 'a value is empty or not a number'],
      [`x < 0 OR x <> floor(x)`, `${x} must be a whole number >= 0`],
      [`tx < 0`, `${tx} must be >= 0`],
      [`tx > T`, `${tx} must be <= ${T}`],
      [`x = 0 AND tx <> 0`, `${tx} must be 0 when ${x} is 0`],
      [`zbar < 0`, `${zbar ?? 'zbar'} must be >= 0`],
    ];
    for (const [condition, why] of problems) {
      const bad = await session.all<{ row_no: number; line_no: number | null; text: string | null; n: number }>(
        `SELECT row_no, line_no, text, count(*) OVER () AS n FROM ${CUSTOMERS_TABLE} WHERE ${condition} ORDER BY row_no LIMIT 1`,
      );
      const b = bad[0];
      if (b) {
        throw invalid('summary', `--summary: ${rowLabel(b.row_no, b.line_no)} of ${input.file} (${[x, tx, T, ...(zbar !== undefined ? [zbar] : [])].join(',')} = ${b.text ?? 'empty'}): ${why}${b.n > 1 ? ` (and ${b.n - 1} more rows)` : ''}`);
      }
    }
    const cols = await readNumberColumns(session.conn, `SELECT x, tx, T${zbar !== undefined ? ', zbar' : ''} FROM ${CUSTOMERS_TABLE} ORDER BY idx`);
    if ((cols.x?.length ?? 0) === 0) throw invalid('summary', `--summary: ${input.file} has no data rows`);
    return { x: cols.x as Float64Array, tx: cols.tx as Float64Array, T: cols.T as Float64Array, ...(cols.zbar ? { zbar: cols.zbar } : {}) };
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${raw.table}`);
  }
}
