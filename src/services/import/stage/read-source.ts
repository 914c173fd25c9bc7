// Presents a CSV, JSON-lines or Parquet file as `raw([rn,] c0..cN)` of text columns, in file
// order, through DuckDB's native readers. CSV is a view without `rn`: numbering rows with a
// window runs on one thread and would double the validating pass, so its rows are numbered by
// their position in `stg` afterwards. JSON lines are parsed into a numbered table (invalid lines
// are dropped, so position is not the line); Parquet is a numbered view.
// Rows DuckDB cannot parse (wrong column count, broken quoting, invalid JSON) go to
// `parse_rejects` with their line: for CSV by `collectParseRejects`.
import { DomainError } from '../../../core/errors.js';
import { headerDelimiter, readCsvHeader } from './csv-header.js';
import { quoteIdent, sqlLiteral, type DuckSession } from '../../../store/duckdb/duck-session.js';
import type { ImportFormat } from '../detect.js';

export interface SourceRead {
  readonly header: readonly string[];
  /** For CSV, line = data record index + 1 (the header); for JSONL the line; for Parquet the row. */
  readonly lineOffset: number;
  /** `raw` has `rn`; otherwise rows are numbered by their order in `stg` (see numberStagedRows) */
  readonly numbered: boolean;
  /** CSV: the same rows as `raw` again, without recording parse rejects a second time */
  readonly rescan?: string;
}

const US = '\x1f';
// DuckDB does not short-circuit AND: json_type must only see valid JSON.
const isObject = `(CASE WHEN json_valid(line) THEN json_type(line) = 'OBJECT' ELSE false END)`;

export async function readSource(s: DuckSession, file: string, format: ImportFormat): Promise<SourceRead> {
  await s.run(`CREATE OR REPLACE TEMP TABLE parse_rejects (line BIGINT, field TEXT, reason TEXT, value TEXT)`);
  await dropSource(s);
  switch (format) {
    case 'csv':
      return readCsv(s, file);
    case 'jsonl':
      return readJsonLines(s, file);
    case 'parquet':
      return readParquet(s, file);
  }
}

async function readCsv(s: DuckSession, file: string): Promise<SourceRead> {
  const path = sqlLiteral(file);
  const delim = await headerDelimiter(file);
  const dialect = `delim = ${sqlLiteral(delim)}, quote = '"', escape = '"', auto_detect = false`;
  const header = await readCsvHeader(file, delim);
  if (!header) throw new DomainError('invalid_input', `${file} is empty: expected a header row`, 'file');
  const names = header.map((_, i) => `c${i}`);
  const columns = `{${names.map((n) => `'${n}': 'VARCHAR'`).join(', ')}}`;
  // A view: the validating pass reads the file itself, in parallel. Rows keep file order
  // (insertion order is preserved), so `stg`'s row ids number them without a window.
  const read = `read_csv(${path}, header = true, columns = ${columns}, ${dialect}`;
  await s.run(`CREATE TEMP VIEW raw AS
    SELECT * FROM ${read}, store_rejects = true, rejects_table = 'tend_reject_errors', rejects_scan = 'tend_reject_scans')`);
  return { header, lineOffset: 1, numbered: false, rescan: `${read}, ignore_errors = true)` };
}

/** After a CSV `raw` is read: the rows DuckDB could not parse, into `parse_rejects`. */
export async function collectParseRejects(s: DuckSession): Promise<void> {
  await s.run(`INSERT INTO parse_rejects
    SELECT line, column_name, lower(error_type) || ': ' || error_message, left(csv_line, 200) FROM tend_reject_errors`);
}

/** How many records DuckDB's CSV parser rejected (one may carry several errors). */
export async function parseRejectedRecords(s: DuckSession): Promise<number> {
  return Number((await s.one<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM tend_reject_errors`)).n);
}

/** Drops `raw`, a view or a table depending on the format that made it. */
export async function dropSource(s: DuckSession): Promise<void> {
  await s.run(`DROP VIEW IF EXISTS raw`).catch(() => 0);
  await s.run(`DROP TABLE IF EXISTS raw`).catch(() => 0);
}

async function readJsonLines(s: DuckSession, file: string): Promise<SourceRead> {
  const src = `read_csv(${sqlLiteral(file)}, columns = {'line': 'VARCHAR'}, header = false, delim = '${US}', quote = '', escape = '', auto_detect = false)`;
  await s.run(`CREATE OR REPLACE TEMP TABLE raw_lines AS SELECT row_number() OVER () AS rn, line FROM ${src}`);
  await s.run(`INSERT INTO parse_rejects
    SELECT rn, NULL, CASE WHEN json_valid(line) THEN 'each line must be a JSON object' ELSE 'not valid JSON' END, left(line, 200)
    FROM raw_lines WHERE line IS NOT NULL AND ${isObject} IS NOT TRUE`);
  const keys = await s.all<{ k: string }>(
    `SELECT k FROM (SELECT unnest(json_keys(line)) AS k, rn FROM raw_lines WHERE ${isObject})
     GROUP BY k ORDER BY min(rn), k`,
  );
  if (keys.length === 0) throw new DomainError('invalid_input', `${file} has no JSON object lines`, 'file');
  const header = keys.map((k) => k.k);
  const cols = header.map((k, i) => `json_extract_string(line, ${sqlLiteral(`$.${JSON.stringify(k)}`)}) AS c${i}`).join(', ');
  await s.run(`CREATE TEMP TABLE raw AS SELECT rn, ${cols} FROM raw_lines
    WHERE ${isObject} ORDER BY rn`);
  await s.run(`DROP TABLE raw_lines`);
  return { header, lineOffset: 0, numbered: true };
}

async function readParquet(s: DuckSession, file: string): Promise<SourceRead> {
  const src = `read_parquet(${sqlLiteral(file)})`;
  const described = await s.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${src}`);
  const header = described.map((d) => d.column_name);
  // Parquet timestamps are instants: write them as UTC so the business time zone is not applied.
  const cols = described
    .map((d, i) => {
      const c = quoteIdent(d.column_name);
      if (/^TIMESTAMP WITH TIME ZONE/.test(d.column_type)) return `strftime(timezone('UTC', ${c}), '%Y-%m-%dT%H:%M:%S.%gZ') AS c${i}`;
      if (/^TIMESTAMP/.test(d.column_type)) return `strftime(${c}, '%Y-%m-%dT%H:%M:%S.%gZ') AS c${i}`;
      return `CAST(${c} AS VARCHAR) AS c${i}`;
    })
    .join(', ');
  await s.run(`CREATE TEMP VIEW raw AS SELECT row_number() OVER () AS rn, ${cols} FROM ${src}`);
  return { header, lineOffset: 0, numbered: true };
}
