// Physical line numbers for CSV rows. DuckDB numbers rows in file order; two things move the
// physical line away from `row + 1`: rows DuckDB rejected while parsing (they are not in
// `stg`), and quoted fields that contain newlines. Both are rare. A file without quotes, or
// with one line per record (counted beside the validating pass), has no multi-line field; only
// when the counts disagree is the file scanned again for each row's embedded newlines.
import { createReadStream } from 'node:fs';
import type { DuckSession } from '../../../store/duckdb/duck-session.js';

/**
 * Physical lines in a file (its newlines, plus one for a last line without one), or null when
 * the file has no quote character at all, so no field can hold a newline. Looking for a quote
 * is one native search per megabyte; counting newlines one call per line.
 */
export async function physicalLinesIfQuoted(file: string): Promise<number | null> {
  let quoted = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (chunk.indexOf(34) !== -1) {
      quoted = true;
      break;
    }
  }
  if (!quoted) return null;
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
  }
  return last === 10 ? lines : lines + 1;
}

/** SQL over text columns c0..cN: how many newlines the row's fields hold. */
export function newlineCountExpr(columns: number): string {
  if (columns === 0) return '0';
  const cols = Array.from({ length: columns }, (_, i) => `c${i}`);
  // Cheap filter first (a newline anywhere in the row), exact count only for those rows.
  const any = cols.map((c) => `contains(coalesce(${c}, ''), chr(10))`).join(' OR ');
  const nl = cols.map((c) => `coalesce(length(${c}) - length(replace(${c}, chr(10), '')), 0)`).join(' + ');
  return `CASE WHEN ${any} THEN ${nl} ELSE 0 END`;
}

/**
 * Builds `row_nl(row_no, nl)`: the rows whose fields hold newlines. Empty without a rescan when
 * the file has no quotes or exactly one line per record plus the header.
 */
export async function findMultilineRows(s: DuckSession, o: { physicalLines: number | null; records: number; rescan: string; columns: number }): Promise<void> {
  if (o.physicalLines === null || o.physicalLines === o.records + 1) {
    await s.run(`CREATE OR REPLACE TEMP TABLE row_nl (row_no BIGINT, nl BIGINT)`);
    return;
  }
  // The rescan yields the same rows in the same order as the validating pass (row ids number them).
  await s.run(`CREATE OR REPLACE TEMP TABLE nl_scan AS SELECT ${newlineCountExpr(o.columns)} AS nl FROM ${o.rescan}`);
  await s.run(`CREATE OR REPLACE TEMP TABLE row_nl AS SELECT rowid + 1 AS row_no, nl FROM nl_scan WHERE nl > 0`);
  await s.run(`DROP TABLE nl_scan`);
}

/** Moves `stg` rows' lines down by the parse rejects and multi-line fields (`row_nl`) before each row. */
export async function shiftStagedLines(s: DuckSession): Promise<void> {
  await s.run(`CREATE OR REPLACE TEMP TABLE line_shift (rn_from BIGINT, shift BIGINT)`);
  // A parse reject at record index k (1-based, header excluded) pushes later good rows down one.
  await s.run(`INSERT INTO line_shift
    SELECT (line - 1) - (row_number() OVER (ORDER BY line) - 1), 1 FROM parse_rejects WHERE line IS NOT NULL`);
  await s.run(`INSERT INTO line_shift SELECT row_no + 1, nl FROM row_nl`);
  const { n } = await s.one<{ n: number }>(`SELECT count(*) AS n FROM line_shift`);
  if (Number(n) === 0) return;
  // DuckDB numbers a parse reject by record, not physical line: add the newlines held by the
  // good rows before it (the j-th reject, 0-based, on DuckDB line L = record k + 1, follows k - 1 - j good rows).
  await s.run(`UPDATE parse_rejects SET line = parse_rejects.line + p.nl FROM (
      SELECT r.line, coalesce((SELECT sum(nl) FROM row_nl WHERE row_no <= r.line - 2 - r.j), 0) AS nl
      FROM (SELECT line, row_number() OVER (ORDER BY line) - 1 AS j FROM parse_rejects WHERE line IS NOT NULL) r
    ) p WHERE p.line = parse_rejects.line`);
  await s.run(`CREATE OR REPLACE TEMP TABLE line_cum AS
    SELECT rn_from, sum(sum(shift)) OVER (ORDER BY rn_from) AS cum FROM line_shift GROUP BY rn_from`);
  // `line` is row_no plus the header (a virtual column): moving row_no moves the line and,
  // the shift only growing down the file, keeps every row's place in file order.
  await s.run(`UPDATE stg SET row_no = stg.row_no + c.cum
    FROM (SELECT s2.row_no, lc.cum FROM stg s2 ASOF JOIN line_cum lc ON s2.row_no >= lc.rn_from) c
    WHERE c.row_no = stg.row_no`);
  await s.run(`DROP TABLE line_cum`);
}
