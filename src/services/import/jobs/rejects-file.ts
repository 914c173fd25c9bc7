// The rejects of an HTTP import: importFile writes them (file,line,field,reason,value); here the
// server path in `file` becomes the uploaded file's name, and pages are read back for the API.
import { rm } from 'node:fs/promises';
import { sqlLiteral, type DuckSession } from '../../../store/duckdb/duck-session.js';

export interface RejectRow {
  readonly line: number;
  readonly field: string | null;
  readonly reason: string;
  readonly value: string | null;
}

export interface RejectsPage {
  readonly items: readonly RejectRow[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

const read = (file: string) => `read_csv(${sqlLiteral(file)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
  columns = {'file': 'VARCHAR', 'line': 'BIGINT', 'field': 'VARCHAR', 'reason': 'VARCHAR', 'value': 'VARCHAR'})`;

/** Rewrites `raw` to `out` with `name` in the file column, then removes `raw`. */
export async function renameRejectsFile(s: DuckSession, raw: string, out: string, name: string): Promise<void> {
  await s.run(`COPY (SELECT ${sqlLiteral(name)} AS file, line, field, reason, value FROM ${read(raw)}) TO ${sqlLiteral(out)} (FORMAT csv, HEADER true)`);
  await rm(raw, { force: true });
}

export async function readRejectsPage(s: DuckSession, file: string, page: number, pageSize: number): Promise<RejectsPage> {
  const { n } = await s.one<{ n: number }>(`SELECT count(*) AS n FROM ${read(file)}`);
  const items = await s.all<{ line: number; field: string | null; reason: string; value: string | null }>(
    `SELECT line, field, reason, value FROM ${read(file)} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return { items: items.map((r) => ({ line: Number(r.line), field: r.field, reason: r.reason, value: r.value })), total: Number(n), page, pageSize };
}
