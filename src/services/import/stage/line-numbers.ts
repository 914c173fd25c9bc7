// Physical line numbers for CSV rows. DuckDB numbers rows in file order; two things move the
// physical line away from `row + 1`: rows DuckDB rejected while parsing (they are not in
// `raw`), and quoted fields that contain newlines. Both are rare, so the correction table
// `line_shift(rn_from, shift)` is built only when needed, and is empty otherwise.
import type { DuckSession } from '../../../store/duckdb/duck-session.js';

export async function buildLineShift(s: DuckSession, columns: number, csv: boolean): Promise<boolean> {
  await s.run(`CREATE OR REPLACE TEMP TABLE line_shift (rn_from BIGINT, shift BIGINT)`);
  if (!csv) return false;
  // A parse reject at record index k (1-based, header excluded) pushes later good rows down one.
  await s.run(`INSERT INTO line_shift
    SELECT (line - 1) - (row_number() OVER (ORDER BY line) - 1), 1 FROM parse_rejects WHERE line IS NOT NULL`);
  const cols = Array.from({ length: columns }, (_, i) => `c${i}`);
  if (cols.length > 0) {
    // Cheap filter first (a newline anywhere in the row), exact count only for those rows.
    const any = cols.map((c) => `contains(coalesce(${c}, ''), chr(10))`).join(' OR ');
    const nl = cols.map((c) => `coalesce(length(${c}) - length(replace(${c}, chr(10), '')), 0)`).join(' + ');
    await s.run(`INSERT INTO line_shift SELECT rn + 1, ${nl} FROM raw WHERE ${any}`);
  }
  const { n } = await s.one<{ n: number }>(`SELECT count(*) AS n FROM line_shift`);
  return n > 0;
}

/** SQL for a row's line given `rn`; the plain formula when no shift exists. */
export function lineExpr(lineOffset: number, shifted: boolean): string {
  return shifted
    ? `rn + ${lineOffset} + coalesce((SELECT sum(ls.shift) FROM line_shift ls WHERE ls.rn_from <= raw.rn), 0)`
    : `rn + ${lineOffset}`;
}
