// After validation: rejected rows go to `rejects`, in-file duplicates are folded, and the
// identities of the good rows are listed in `stg_ids(row_no, kind, value)` for OneID.
import type { EntitySpec } from '../../../core/import/entities.js';
import type { ColumnMapping } from '../../../core/import/map-columns.js';
import type { DuckSession } from '../../../store/duckdb/duck-session.js';

export interface FinalizeResult {
  readonly good: number;
  readonly rejected: number;
  readonly duplicates: number;
}

export async function finalizeStage(s: DuckSession, spec: EntitySpec, mapping: ColumnMapping, file: string): Promise<FinalizeResult> {
  await s.run(`CREATE OR REPLACE TEMP TABLE rejects AS
    SELECT $1 AS file, line, field, reason, value FROM parse_rejects
    UNION ALL
    SELECT $1, line, reject_field, reject_reason, reject_value FROM stg WHERE reject_reason IS NOT NULL`, [file]);
  const { rejected } = await s.one<{ rejected: number }>(`SELECT count(*) AS rejected FROM rejects`);
  const { total } = await s.one<{ total: number }>(`SELECT count(*) AS total FROM stg WHERE reject_reason IS NULL`);

  const cols = `* EXCLUDE (reject_field, reject_reason, reject_value)`;
  if (spec.name === 'order-items') {
    // The same sku twice in one order is one line: quantities and amounts add up.
    await s.run(`CREATE OR REPLACE TEMP TABLE stg_good AS
      SELECT min(row_no) AS row_no, min(line) AS line, order_id, sku, sum(quantity)::INTEGER AS quantity,
        round(sum(amount) / sum(quantity), 2)::DECIMAL(18,2) AS unit_price, sum(amount)::DECIMAL(18,2) AS amount
      FROM stg WHERE reject_reason IS NULL GROUP BY order_id, sku`);
  } else if (spec.key.length > 0) {
    await s.run(`CREATE OR REPLACE TEMP TABLE stg_good AS SELECT ${cols} FROM stg WHERE reject_reason IS NULL
      QUALIFY row_number() OVER (PARTITION BY ${spec.key.join(', ')} ORDER BY row_no) = 1`);
  } else {
    await s.run(`CREATE OR REPLACE TEMP TABLE stg_good AS SELECT ${cols} FROM stg WHERE reject_reason IS NULL`);
  }
  await s.run(`DROP TABLE stg`);
  await s.run(`ALTER TABLE stg_good RENAME TO stg`);
  const { good } = await s.one<{ good: number }>(`SELECT count(*) AS good FROM stg`);

  const parts = spec.fields
    .filter((f) => f.identity && mapping.fields[f.name] !== undefined)
    .map((f) => `SELECT row_no, '${f.identity}' AS kind, ${f.name} AS value FROM stg WHERE ${f.name} IS NOT NULL`);
  if (spec.fields.some((f) => f.type === 'id_list' && mapping.fields[f.name] !== undefined)) {
    parts.push(`SELECT row_no, 'platform:' || lower(trim(split_part(p, ':', 1))), trim(substr(p, strpos(p, ':') + 1))
      FROM (SELECT row_no, unnest(string_split(platform_ids, '|')) AS p FROM stg WHERE platform_ids IS NOT NULL)`);
  }
  await s.run(`CREATE OR REPLACE TEMP TABLE stg_ids AS SELECT DISTINCT row_no, kind, value FROM (${
    parts.length > 0 ? parts.join(' UNION ALL ') : `SELECT CAST(NULL AS BIGINT) AS row_no, CAST(NULL AS TEXT) AS kind, CAST(NULL AS TEXT) AS value WHERE false`
  }) t`);
  // Folded order-item lines are summed, not dropped: they are not duplicates.
  return { good, rejected, duplicates: spec.name === 'order-items' ? 0 : total - good };
}
