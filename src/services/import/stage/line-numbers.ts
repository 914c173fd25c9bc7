// Physical line numbers for CSV rows. DuckDB numbers rows in file order; two things move the
// physical line away from `row + 1`: rows DuckDB rejected while parsing (they are not in
// `raw`), and quoted fields that contain newlines. Both are rare: the validating pass counts
// each row's embedded newlines (\`tend_nl\`, cheap when there are none), and only when a
// correction exists are the staged lines shifted.
import type { DuckSession } from '../../../store/duckdb/duck-session.js';

/** SQL over `raw`'s text columns: how many newlines the row's fields hold. */
export function newlineCountExpr(columns: number): string {
  if (columns === 0) return '0';
  const cols = Array.from({ length: columns }, (_, i) => `c${i}`);
  // Cheap filter first (a newline anywhere in the row), exact count only for those rows.
  const any = cols.map((c) => `contains(coalesce(${c}, ''), chr(10))`).join(' OR ');
  const nl = cols.map((c) => `coalesce(length(${c}) - length(replace(${c}, chr(10), '')), 0)`).join(' + ');
  return `CASE WHEN ${any} THEN ${nl} ELSE 0 END`;
}

/** Moves `stg.line` down by the parse rejects and multi-line fields before each row. */
export async function shiftStagedLines(s: DuckSession): Promise<void> {
  await s.run(`CREATE OR REPLACE TEMP TABLE line_shift (rn_from BIGINT, shift BIGINT)`);
  // A parse reject at record index k (1-based, header excluded) pushes later good rows down one.
  await s.run(`INSERT INTO line_shift
    SELECT (line - 1) - (row_number() OVER (ORDER BY line) - 1), 1 FROM parse_rejects WHERE line IS NOT NULL`);
  await s.run(`INSERT INTO line_shift SELECT row_no + 1, tend_nl FROM stg WHERE tend_nl > 0`);
  const { n } = await s.one<{ n: number }>(`SELECT count(*) AS n FROM line_shift`);
  if (Number(n) === 0) return;
  // DuckDB numbers a parse reject by record, not physical line: add the newlines held by the
  // good rows before it (the j-th reject, 0-based, on DuckDB line L = record k + 1, follows k - 1 - j good rows).
  await s.run(`UPDATE parse_rejects SET line = parse_rejects.line + p.nl FROM (
      SELECT r.line, coalesce((SELECT sum(tend_nl) FROM stg WHERE tend_nl > 0 AND row_no <= r.line - 2 - r.j), 0) AS nl
      FROM (SELECT line, row_number() OVER (ORDER BY line) - 1 AS j FROM parse_rejects WHERE line IS NOT NULL) r
    ) p WHERE p.line = parse_rejects.line`);
  await s.run(`CREATE OR REPLACE TEMP TABLE line_cum AS
    SELECT rn_from, sum(sum(shift)) OVER (ORDER BY rn_from) AS cum FROM line_shift GROUP BY rn_from`);
  await s.run(`UPDATE stg SET line = stg.line + c.cum
    FROM (SELECT s2.row_no, lc.cum FROM stg s2 ASOF JOIN line_cum lc ON s2.row_no >= lc.rn_from) c
    WHERE c.row_no = stg.row_no`);
  await s.run(`DROP TABLE line_cum`);
}
