// Exports a segment's current members with chosen columns to CSV (UTF-8 with BOM, so Excel
// shows Chinese correctly) or XLSX (exceljs's streaming writer), page by page so memory stays
// flat. One row query and one writer serve both `tend segment export` (a file) and the HTTP
// download (a stream).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';
import { EXPORT_COLUMNS, exportHeader, exportValue, type ExportColumn, type ExportFormat, type ExportLabels } from './export-columns.js';
import { findSegment } from './segments.js';

export { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, EXPORT_FORMATS, EXPORT_LABELS, parseColumns, type ExportColumn, type ExportFormat, type ExportLabels } from './export-columns.js';

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const PAGE = 10_000;

/** The current members' chosen columns in id order, a page of rows at a time: the one export query. */
export async function* memberPages(store: Store, segmentId: number, columns: readonly ExportColumn[], pageSize = PAGE): AsyncGenerator<unknown[][]> {
  const select = sql.join(columns.map((c) => sql`${sql.raw(EXPORT_COLUMNS[c])} AS ${sql.ref(c)}`));
  let after = 0;
  for (;;) {
    const batch = (await sql<Record<string, unknown>>`SELECT c.id AS tend_cursor, ${select} FROM segment_members m JOIN customers c ON c.id = m.customer_id
      LEFT JOIN customer_scores s ON s.customer_id = c.id
      WHERE m.segment_id = ${segmentId} AND m.exited_at IS NULL AND c.id > ${after} ORDER BY c.id LIMIT ${pageSize}`.execute(store.db)).rows;
    if (batch.length === 0) return;
    yield batch.map((r) => columns.map((c) => cellValue(r[c])));
    after = Number(batch[batch.length - 1]?.tend_cursor);
  }
}

/** Text for times (ISO, UTC), numbers as numbers, null for empty: the same values in both formats. */
function cellValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

function csvCell(v: unknown): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Waits while the reader is behind; false once it has gone away (a closed download). */
async function keepUp(out: Writable): Promise<boolean> {
  if (out.destroyed) return false;
  if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  return !out.destroyed;
}

/** Writes the export to `out` and ends it; resolves with the member rows written once `out` has finished. */
export async function writeExport(
  store: Store, seg: { id: number; name: string }, columns: readonly ExportColumn[], format: ExportFormat, out: Writable, labels: ExportLabels = 'codes',
): Promise<number> {
  let rows = 0;
  const header = exportHeader(columns, labels);
  const pages = async function* () {
    for await (const batch of memberPages(store, seg.id, columns)) yield labels === 'codes' ? batch : batch.map((r) => r.map((v, i) => exportValue(columns[i] as ExportColumn, v, labels)));
  };
  if (format === 'xlsx') {
    // Loaded on first use: exceljs takes a third of every CLI command's start-up otherwise.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
    // Sheet names: at most 31 characters, none of : \ / ? * [ ]
    const ws = wb.addWorksheet(seg.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || `segment ${seg.id}`);
    ws.addRow(header).commit();
    for await (const batch of pages()) {
      for (const r of batch) ws.addRow(r).commit();
      rows += batch.length;
      if (!(await keepUp(out))) return rows;
    }
    ws.commit();
    await wb.commit();
    return rows;
  }
  out.write(`\uFEFF${header.map(csvCell).join(',')}\n`);
  for await (const batch of pages()) {
    out.write(batch.map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
    rows += batch.length;
    if (!(await keepUp(out))) return rows;
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

/** `tend segment export`: the members to a file. */
export async function exportSegment(
  store: Store, ref: string | number, file: string, columns: readonly ExportColumn[], format: ExportFormat, labels: ExportLabels = 'codes',
): Promise<{ rows: number; file: string }> {
  const seg = await findSegment(store, ref);
  const out = createWriteStream(file);
  await once(out, 'open'); // a bad path fails here, before any row is read
  const rows = await writeExport(store, seg, columns, format, out, labels);
  return { rows, file };
}

/** The HTTP download: a stream the response reads while the rows are fetched page by page. */
export function exportStream(
  store: Store, seg: { id: number; name: string }, columns: readonly ExportColumn[], format: ExportFormat, labels: ExportLabels, onError: (err: unknown) => void,
): Readable {
  const out = new PassThrough();
  writeExport(store, seg, columns, format, out, labels).catch((err: unknown) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
