// Reading analysts' files for the CLV models with DuckDB: transaction files (CSV with any
// delimiter DuckDB detects, whitespace-aligned text such as CDNOW_master.txt, Parquet) and
// ready-made customer summaries. Everything stays in DuckDB temporary tables until it is a
// per-customer summary, which is read out as typed arrays.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { DAYS_PER_UNIT, type TimeUnit } from '../../core/clv/index.js';
import { DomainError } from '../../core/errors.js';
import { quoteIdent, sqlLiteral, type DuckSession } from '../../store/duckdb/duck-session.js';
import { readNumberColumns } from './duck-columns.js';

export interface TableFileOptions {
  /** the first line holds column names (default true) */
  readonly header?: boolean;
  /** ',', ';', 'tab', '|', 'whitespace' (runs of spaces/tabs), ...; default: detected */
  readonly delimiter?: string;
}

type Layout = { readonly kind: 'csv'; readonly delimiter?: string } | { readonly kind: 'whitespace' } | { readonly kind: 'parquet' };

/** A file loaded as all-text columns plus __tend_row (1-based data row) and __tend_line (text line, when known). */
export interface RawTable {
  readonly table: string;
  readonly file: string;
  readonly option: string;
  readonly columns: readonly string[];
}

export const ROW = '__tend_row';
export const LINE = '__tend_line';

export function invalid(option: string, message: string): DomainError {
  return new DomainError('invalid_input', message, option);
}

/** Where a row is, for error messages. */
export function rowLabel(row: unknown, line: unknown): string {
  return line !== null && line !== undefined && line !== row ? `data row ${String(row)} (line ${String(line)})` : `data row ${String(row)}`;
}

function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(64 * 1024, statSync(file).size));
    readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('utf8').replace(/^\uFEFF/, '');
    return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  } finally {
    closeSync(fd);
  }
}

function chooseLayout(file: string, delimiter: string | undefined, option: string): Layout {
  const ext = extname(file).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return { kind: 'parquet' };
  if (delimiter !== undefined) {
    const d = delimiter.toLowerCase();
    if (d === 'whitespace' || d === 'space' || d === ' ') return { kind: 'whitespace' };
    if (d === 'tab' || d === '\\t' || d === '\t') return { kind: 'csv', delimiter: '\t' };
    if (d === 'comma') return { kind: 'csv', delimiter: ',' };
    if (d === 'semicolon') return { kind: 'csv', delimiter: ';' };
    if ([...delimiter].length !== 1) throw invalid('delimiter', `--delimiter must be one character, "tab" or "whitespace", got "${delimiter}"`);
    return { kind: 'csv', delimiter };
  }
  if (/\.(gz|zst)$/i.test(file)) return { kind: 'csv' };
  const line = firstLine(file);
  if (line === '') throw invalid(option, `--${option}: ${file} is empty`);
  if (/[,\t;|]/.test(line)) return { kind: 'csv' };
  if (/\S\s+\S/.test(line.trim())) return { kind: 'whitespace' };
  return { kind: 'csv' };
}

function duckMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}

/** Loads a file into the temporary table `table`, every column as text. */
export async function loadRawTable(session: DuckSession, file: string, options: TableFileOptions, option: string, table: string): Promise<RawTable> {
  if (!existsSync(file) || !statSync(file).isFile()) throw invalid(option, `--${option}: file not found: ${file}`);
  const layout = chooseLayout(file, options.delimiter, option);
  const header = options.header ?? true;
  const src = `${table}_src`;
  try {
    if (layout.kind === 'whitespace') {
      await loadWhitespace(session, file, header, src, table);
    } else {
      const reader =
        layout.kind === 'parquet'
          ? `read_parquet(${sqlLiteral(file)})`
          : `read_csv(${sqlLiteral(file)}, all_varchar = true, header = ${header}${layout.delimiter ? `, delim = ${sqlLiteral(layout.delimiter)}` : ''})`;
      await session.run(`CREATE OR REPLACE TEMP TABLE ${src} AS SELECT * FROM ${reader}`);
      const described = await session.all<{ column_name: string }>(`DESCRIBE ${src}`);
      // without a header DuckDB names columns column0, column1, ...: number them from 1 like the CLI does
      const select = described.map((d, i) => `CAST(${quoteIdent(d.column_name)} AS VARCHAR) AS ${quoteIdent(!header && layout.kind === 'csv' ? `column${i + 1}` : d.column_name)}`);
      await session.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT rowid + 1 AS ${ROW}, CAST(NULL AS BIGINT) AS ${LINE}, ${select.join(', ')} FROM ${src}`);
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw invalid(option, `--${option}: cannot read ${file}: ${duckMessage(err)}`);
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${src}`);
  }
  const described = await session.all<{ column_name: string }>(`DESCRIBE ${table}`);
  const columns = described.map((d) => d.column_name).filter((c) => c !== ROW && c !== LINE);
  return { table, file, option, columns };
}

/** Whitespace-aligned text: each line split on runs of blanks, leading/trailing blanks and CR ignored. */
async function loadWhitespace(session: DuckSession, file: string, header: boolean, src: string, table: string): Promise<void> {
  await session.run(
    `CREATE OR REPLACE TEMP TABLE ${src} AS SELECT line FROM read_csv(${sqlLiteral(file)}, columns = {'line': 'VARCHAR'}, header = false, delim = E'\\x1f', quote = '', escape = '', auto_detect = false, strict_mode = false)`,
  );
  await session.run(
    `CREATE OR REPLACE TEMP TABLE ${src}_split AS SELECT rowid + 1 AS line_no, string_split_regex(trim(line, E' \\t\\r'), '\\s+') AS f FROM ${src} WHERE trim(coalesce(line, ''), E' \\t\\r' || chr(65279)) <> ''`,
  );
  try {
    let names: string[];
    let firstData = 0;
    if (header) {
      const head = await session.all<{ line_no: number; f: string[] }>(`SELECT line_no, f FROM ${src}_split ORDER BY line_no LIMIT 1`);
      const first = head[0];
      names = (first?.f ?? []).map((n) => n.replace(/^\uFEFF/, ''));
      firstData = first?.line_no ?? 0;
    } else {
      const { width } = await session.one<{ width: number | null }>(`SELECT max(len(f)) AS width FROM ${src}_split`);
      names = Array.from({ length: width ?? 0 }, (_, i) => `column${i + 1}`);
    }
    const unique = dedupe(names);
    const select = unique.map((n, i) => `f[${i + 1}] AS ${quoteIdent(n)}`);
    if (select.length === 0) select.push(`NULL::VARCHAR AS column1`);
    await session.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT row_number() OVER (ORDER BY line_no) AS ${ROW}, line_no AS ${LINE}, ${select.join(', ')} FROM ${src}_split WHERE line_no > ${firstData} ORDER BY line_no`,
    );
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${src}_split`);
  }
}

function dedupe(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const name = n === '' ? 'column' : n;
    const k = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), k);
    return k === 1 ? name : `${name}_${k}`;
  });
}

/**
 * The column an option names: its exact name, else its name in any case, else (a whole number
 * N) the N-th column, counting from 1. Throws naming the option and listing the columns found.
 */
export function resolveColumn(raw: RawTable, spec: string, option: string): string {
  const exact = raw.columns.find((c) => c === spec);
  if (exact !== undefined) return exact;
  const folded = raw.columns.filter((c) => c.toLowerCase() === spec.toLowerCase());
  if (folded.length === 1 && folded[0] !== undefined) return folded[0];
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    const byIndex = raw.columns[n - 1];
    if (n >= 1 && byIndex !== undefined) return byIndex;
  }
  throw invalid(option, `--${option} "${spec}": no such column in ${raw.file}; columns found: ${listColumns(raw.columns)} (or give a column number from 1 to ${raw.columns.length})`);
}

/** The first of `candidates` present (exact, then any case), or undefined. */
export function findColumn(raw: RawTable, candidates: readonly string[]): string | undefined {
  for (const c of candidates) if (raw.columns.includes(c)) return c;
  for (const c of candidates) {
    const hit = raw.columns.find((col) => col.toLowerCase() === c.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function listColumns(columns: readonly string[]): string {
  return columns.length === 0 ? '(none)' : columns.map((c) => `"${c}"`).join(', ');
}

export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Transactions

export interface TransactionColumns extends TableFileOptions {
  readonly file: string;
  readonly customerCol: string;
  readonly dateCol: string;
  readonly amountCol?: string;
  /** strptime format of the dates (default: YYYYMMDD, YYYY-MM-DD or YYYY/MM/DD, any time after it ignored) */
  readonly dateFormat?: string;
}

export interface TransactionStats {
  /** transaction rows read */
  readonly rows: number;
  /** distinct (customer, day) pairs: purchases on the same day count once */
  readonly purchaseDays: number;
  readonly customers: number;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly hasAmounts: boolean;
}

/**
 * Table of (customer, day, value) with one row per customer and purchase day. Amounts are
 * summed as DECIMAL(38, 10): exact, so parallel aggregation in any order gives the same zbar
 * (and the same fit) on every run, which summing doubles does not.
 */
export const DAYS_TABLE = 'clv_days';

function dateExpression(text: string, format: string | undefined): string {
  if (format !== undefined) return `CAST(try_strptime(${text}, ${sqlLiteral(format)}) AS DATE)`;
  const prefix = (sep: string) => `'^\\d{4}${sep}\\d{1,2}${sep}\\d{1,2}'`;
  return `CAST(CASE
    WHEN regexp_full_match(${text}, '\\d{8}') THEN try_strptime(${text}, '%Y%m%d')
    WHEN regexp_matches(${text}, ${prefix('-')}) THEN try_strptime(regexp_extract(${text}, ${prefix('-')}), '%Y-%m-%d')
    WHEN regexp_matches(${text}, ${prefix('/')}) THEN try_strptime(regexp_extract(${text}, ${prefix('/')}), '%Y/%m/%d')
  END AS DATE)`;
}

/**
 * Reads a transaction file into DAYS_TABLE (customer text, day = days since 1970-01-01,
 * value = the day's total amount, 0 without an amount column). Rows with every used column
 * empty are skipped; any other row with an empty customer, an unreadable date or amount is an
 * error naming the column, the row and the value.
 */
export async function loadTransactions(session: DuckSession, input: TransactionColumns): Promise<TransactionStats> {
  const raw = await loadRawTable(session, input.file, input, 'transactions', 'clv_tx_raw');
  try {
    const customer = quoteIdent(resolveColumn(raw, input.customerCol, 'customer-col'));
    const dateName = resolveColumn(raw, input.dateCol, 'date-col');
    const amountName = input.amountCol !== undefined ? resolveColumn(raw, input.amountCol, 'amount-col') : undefined;
    const date = quoteIdent(dateName);
    const amount = amountName !== undefined ? quoteIdent(amountName) : undefined;
    const used = [customer, date, ...(amount ? [amount] : [])];
    await session.run(`CREATE OR REPLACE TEMP TABLE clv_tx AS
      SELECT ${ROW} AS row_no, ${LINE} AS line_no,
        trim(${customer}) AS customer,
        trim(${date}) AS date_text,
        ${dateExpression(`trim(${date})`, input.dateFormat)} AS d,
        ${amount ? `trim(${amount})` : 'NULL'} AS amount_text,
        ${amount ? `TRY_CAST(trim(${amount}) AS DOUBLE)` : '0'} AS amount
      FROM ${raw.table}
      WHERE NOT (${used.map((c) => `coalesce(trim(${c}), '') = ''`).join(' AND ')})`);
    await firstBad(session, `customer IS NULL OR customer = ''`, (r, n) => `--customer-col "${input.customerCol}": empty customer id at ${r}${n}`, 'customer-col');
    await firstBad(
      session,
      `d IS NULL`,
      (r, n, v) =>
        v === ''
          ? `--date-col "${input.dateCol}": empty date at ${r}${n}`
          : `--date-col "${input.dateCol}": cannot read "${v}" as a date at ${r}${n}; expected ${input.dateFormat ? `the --date-format ${input.dateFormat}` : 'YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD (pass --date-format, e.g. %d/%m/%Y, for others)'}`,
      'date-col',
      'coalesce(date_text, \'\')',
    );
    if (amount) {
      await firstBad(
        session,
        `amount IS NULL OR NOT isfinite(amount) OR abs(amount) >= 1e15`,
        (r, n, v) => `--amount-col "${input.amountCol}": cannot read "${v}" as a number at ${r}${n}; use plain numbers like 1234.5 (no currency signs or thousands separators, below 1e15)`,
        'amount-col',
        'coalesce(amount_text, \'\')',
      );
    }
    const { rows } = await session.one<{ rows: number }>(`SELECT count(*) AS rows FROM clv_tx`);
    if (rows === 0) throw invalid('transactions', `--transactions: ${input.file} has no data rows`);
    await session.run(`CREATE OR REPLACE TEMP TABLE ${DAYS_TABLE} AS
      SELECT customer, datediff('day', DATE '1970-01-01', d) AS day, sum(CAST(amount AS DECIMAL(38, 10))) AS value
      FROM clv_tx GROUP BY customer, day`);
    const stats = await session.one<{ days: number; customers: number; first_day: number; last_day: number }>(
      `SELECT count(*) AS days, count(DISTINCT customer) AS customers, min(day) AS first_day, max(day) AS last_day FROM ${DAYS_TABLE}`,
    );
    return { rows, purchaseDays: stats.days, customers: stats.customers, firstDay: stats.first_day, lastDay: stats.last_day, hasAmounts: amount !== undefined };
  } finally {
    await session.run(`DROP TABLE IF EXISTS clv_tx`);
    await session.run(`DROP TABLE IF EXISTS ${raw.table}`);
  }
}

/** Throws for the first clv_tx row matching `condition`, saying how many rows match in all. */
async function firstBad(
  session: DuckSession,
  condition: string,
  message: (where: string, more: string, value: string) => string,
  option: string,
  valueSql = `''`,
): Promise<void> {
  const bad = await session.all<{ row_no: number; line_no: number | null; v: string; n: number }>(
    `SELECT row_no, line_no, ${valueSql} AS v, count(*) OVER () AS n FROM clv_tx WHERE ${condition} ORDER BY row_no LIMIT 1`,
  );
  const b = bad[0];
  if (!b) return;
  const more = b.n > 1 ? ` (and ${b.n - 1} more rows)` : '';
  throw invalid(option, message(rowLabel(b.row_no, b.line_no), more, b.v));
}

// ---------------------------------------------------------------------------------------------
// Per-customer summaries

/** One row per customer, ordered by idx 0..n-1: customer, first_day, x, tx, T, zbar, holdout. */
export const CUSTOMERS_TABLE = 'clv_customers';

export interface CustomerArrays {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** mean value of repeat purchases (0 when x = 0); present when amounts were given */
  readonly zbar?: Float64Array;
  /** purchase days in (calibration end, holdout end]; present for evaluation */
  readonly holdout?: Float64Array;
  /** day number of the first purchase; present for transaction input */
  readonly firstDay?: Float64Array;
}

export interface CalibrationOptions {
  readonly calibrationEnd: number;
  readonly holdoutEnd?: number;
  readonly unit: TimeUnit;
  readonly hasAmounts: boolean;
}

/**
 * Summarises DAYS_TABLE into CUSTOMERS_TABLE with the conventions of the literature (as
 * summarizeTransactions does): x = purchase days up to the calibration end minus one,
 * tx = last - first, T = end - first, in the unit; zbar = mean value of the repeat purchase
 * days. Customers whose first purchase is after the calibration end are left out.
 */
export async function summarizeCalibration(session: DuckSession, o: CalibrationOptions): Promise<CustomerArrays> {
  const unit = DAYS_PER_UNIT[o.unit];
  const end = Math.floor(o.calibrationEnd);
  const holdoutEnd = o.holdoutEnd ?? end;
  await session.run(`CREATE OR REPLACE TEMP TABLE ${CUSTOMERS_TABLE} AS
    WITH c AS (
      SELECT customer, min(day) AS first_day,
        count(*) FILTER (WHERE day <= ${end}) AS n_cal,
        max(day) FILTER (WHERE day <= ${end}) AS last_day,
        coalesce(sum(value) FILTER (WHERE day <= ${end}), 0) AS total_cal,
        arg_min(value, day) AS first_value,
        count(*) FILTER (WHERE day > ${end} AND day <= ${holdoutEnd}) AS holdout
      FROM ${DAYS_TABLE} GROUP BY customer)
    SELECT row_number() OVER (ORDER BY TRY_CAST(customer AS DECIMAL(38, 0)) NULLS LAST, customer) - 1 AS idx,
      customer, first_day,
      CAST(n_cal - 1 AS DOUBLE) AS x,
      CAST(last_day - first_day AS DOUBLE) / ${unit} AS tx,
      CAST(${end} - first_day AS DOUBLE) / ${unit} AS T,
      CASE WHEN n_cal > 1 THEN CAST(total_cal - first_value AS DOUBLE) / (n_cal - 1) ELSE 0 END AS zbar,
      CAST(holdout AS DOUBLE) AS holdout
    FROM c WHERE first_day <= ${end}`);
  const cols = await readNumberColumns(
    session.conn,
    `SELECT x, tx, T, ${o.hasAmounts ? 'zbar, ' : ''}${o.holdoutEnd !== undefined ? 'holdout, ' : ''}CAST(first_day AS DOUBLE) AS first_day FROM ${CUSTOMERS_TABLE} ORDER BY idx`,
  );
  return {
    x: cols.x as Float64Array,
    tx: cols.tx as Float64Array,
    T: cols.T as Float64Array,
    ...(cols.zbar ? { zbar: cols.zbar } : {}),
    ...(cols.holdout ? { holdout: cols.holdout } : {}),
    ...(cols.first_day ? { firstDay: cols.first_day } : {}),
  };
}
