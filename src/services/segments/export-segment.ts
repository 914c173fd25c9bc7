// Exports a segment's current members with chosen columns to CSV (UTF-8 with BOM, so Excel
// shows Chinese correctly) or XLSX (streamed), page by page so memory stays flat.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import { showSegment } from './segments.js';

/** Exportable columns: name -> SQL over customers c / customer_scores s (a whitelist). */
export const EXPORT_COLUMNS = {
  id: 'c.id', name: 'c.name', gender: 'c.gender', birthday: 'c.birthday', city: 'c.city', province: 'c.province',
  customer_id: `(SELECT min(value) FROM identities i WHERE i.customer_id = c.id AND i.kind = 'external_id')`,
  email: `(SELECT min(value) FROM identities i WHERE i.customer_id = c.id AND i.kind = 'email')`,
  phone: `(SELECT min(value) FROM identities i WHERE i.customer_id = c.id AND i.kind = 'phone')`,
  acquisition_channel: 'c.acquisition_channel', signup_at: 'c.signup_at',
  value_tier: 's.value_tier', lifecycle_stage: 's.lifecycle_stage', rfm_group: 's.rfm_group',
  frequency: 's.frequency', monetary: 's.monetary', recency_days: 's.recency_days',
  predicted_clv: 's.predicted_clv', p_alive: 's.p_alive', churn_risk: 's.churn_risk',
} as const;
export type ExportColumn = keyof typeof EXPORT_COLUMNS;
export const DEFAULT_EXPORT_COLUMNS: readonly ExportColumn[] = ['id', 'customer_id', 'name', 'phone', 'email', 'city', 'value_tier', 'lifecycle_stage', 'predicted_clv', 'churn_risk'];

export function parseColumns(list: string | undefined): ExportColumn[] {
  if (!list) return [...DEFAULT_EXPORT_COLUMNS];
  const cols = list.split(',').map((c) => c.trim()).filter(Boolean);
  for (const c of cols) {
    if (!(c in EXPORT_COLUMNS)) throw new DomainError('invalid_input', `unknown column "${c}" (choose from ${Object.keys(EXPORT_COLUMNS).join(', ')})`, 'columns');
  }
  return cols as ExportColumn[];
}

const PAGE = 10_000;

export async function exportSegment(store: Store, ref: string | number, file: string, columns: readonly ExportColumn[], format: 'csv' | 'xlsx'): Promise<{ rows: number; file: string }> {
  const seg = await showSegment(store, ref);
  const select = sql.join(columns.map((c) => sql`${sql.raw(EXPORT_COLUMNS[c])} AS ${sql.ref(c)}`));
  const page = async (after: number) =>
    (await sql<Record<string, unknown>>`SELECT c.id AS tend_cursor, ${select} FROM segment_members m JOIN customers c ON c.id = m.customer_id
      LEFT JOIN customer_scores s ON s.customer_id = c.id
      WHERE m.segment_id = ${seg.id} AND m.exited_at IS NULL AND c.id > ${after} ORDER BY c.id LIMIT ${PAGE}`.execute(store.db)).rows;
  const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : v);
  let rows = 0;
  let after = 0;
  const idOf = (batch: Record<string, unknown>[]) => Number(batch[batch.length - 1]?.tend_cursor);
  if (format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = wb.addWorksheet(seg.name.slice(0, 31));
    ws.addRow([...columns]).commit();
    for (;;) {
      const batch = await page(after);
      if (batch.length === 0) break;
      for (const r of batch) ws.addRow(columns.map((c) => cell(r[c]))).commit();
      rows += batch.length;
      after = idOf(batch);
    }
    ws.commit();
    await wb.commit();
    return { rows, file };
  }
  const out = createWriteStream(file);
  const esc = (v: unknown) => {
    const s = String(cell(v));
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  out.write(`\uFEFF${columns.join(',')}\n`);
  for (;;) {
    const batch = await page(after);
    if (batch.length === 0) break;
    if (!out.write(batch.map((r) => columns.map((c) => esc(r[c])).join(',')).join('\n') + '\n')) await once(out, 'drain');
    rows += batch.length;
    after = idOf(batch);
  }
  out.end();
  await once(out, 'finish');
  return { rows, file };
}
