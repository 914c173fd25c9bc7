// After validation: rejected rows go to `rejects`, in-file duplicates are folded, and the
// identities of the good rows are listed in `stg_ids(row_no, kind, value)` for OneID.
import type { EntitySpec } from '../../../core/import/entities.js';
import type { ColumnMapping } from '../../../core/import/map-columns.js';
import type { DuckSession } from '../../../store/duckdb/duck-session.js';

export interface FinalizeResult {
  readonly good: number;
  readonly rejected: number;
  readonly duplicates: number;
  /** Set when every good row names its customer by this one column: `stg_ids` is not built. */
  readonly singleIdentity: SingleIdentity | null;
  /** the identifier columns `stg_ids` was built from, or null when it also holds a list column */
  readonly identityColumns: readonly string[] | null;
}

export interface SingleIdentity {
  /** the staged column */
  readonly field: string;
  /** the identity kind its values are */
  readonly kind: string;
}

/** Orders and feedback naming customers by one column resolve straight from `stg`. */
const SINGLE_IDENTITY_ENTITIES = new Set(['orders', 'feedback']);

function singleIdentityOf(spec: EntitySpec, mapping: ColumnMapping): SingleIdentity | null {
  if (!SINGLE_IDENTITY_ENTITIES.has(spec.name)) return null;
  const mapped = spec.fields.filter((f) => (f.identity || f.type === 'id_list') && mapping.fields[f.name] !== undefined);
  const only = mapped[0];
  return mapped.length === 1 && only?.identity ? { field: only.name, kind: only.identity } : null;
}

export async function finalizeStage(s: DuckSession, spec: EntitySpec, mapping: ColumnMapping, file: string): Promise<FinalizeResult> {
  await s.run(`CREATE OR REPLACE TEMP TABLE rejects AS
    SELECT $1 AS file, line, field, reason, value FROM parse_rejects
    UNION ALL
    SELECT $1, line, reject_field, reject_reason, reject_value FROM stg WHERE reject_no IS NOT NULL`, [file]);
  const { rejected } = await s.one<{ rejected: number }>(`SELECT count(*) AS rejected FROM rejects`);
  const { total } = await s.one<{ total: number }>(`SELECT count(*) AS total FROM stg WHERE reject_no IS NULL`);

  if (spec.name === 'order-items') {
    // The same sku twice in one order is one line: quantities and amounts add up.
    await s.run(`CREATE OR REPLACE TEMP TABLE stg_good AS
      SELECT min(row_no) AS row_no, min(line) AS line, order_id, sku, sum(quantity)::INTEGER AS quantity,
        round(sum(amount) / sum(quantity), 2)::DECIMAL(18,2) AS unit_price, sum(amount)::DECIMAL(18,2) AS amount
      FROM stg WHERE reject_no IS NULL GROUP BY order_id, sku`);
    await s.run(`DROP TABLE stg`);
    await s.run(`ALTER TABLE stg_good RENAME TO stg`);
  } else {
    // Deleting the few bad and repeated rows in place is much cheaper than copying the good
    // ones (a window over ten million keys took longer than validating them).
    if (rejected > 0) await s.run(`DELETE FROM stg WHERE reject_no IS NOT NULL`);
    // Counting distinct keys is cheaper than grouping them with their first rows: files seldom
    // repeat a key, so the grouping runs only when the count says some key repeats.
    if (spec.key.length > 0 && !(await keysAreUnique(s, spec.key, total))) {
      const key = spec.key.join(', ');
      await s.run(`CREATE OR REPLACE TEMP TABLE dup_keys AS SELECT ${key}, min(row_no) AS keep FROM stg GROUP BY ${key} HAVING count(*) > 1`);
      const { dups } = await s.one<{ dups: number }>(`SELECT count(*) AS dups FROM dup_keys`);
      if (dups > 0) {
        await s.run(`DELETE FROM stg USING dup_keys d WHERE ${spec.key.map((k) => `stg.${k} = d.${k}`).join(' AND ')} AND stg.row_no <> d.keep`);
      }
      await s.run(`DROP TABLE dup_keys`);
    }
  }
  const { good } = await s.one<{ good: number }>(`SELECT count(*) AS good FROM stg`);
  const duplicates = spec.name === 'order-items' ? 0 : total - good;
  const singleIdentity = singleIdentityOf(spec, mapping);
  if (singleIdentity) return { good, rejected, duplicates, singleIdentity, identityColumns: [singleIdentity.field] };

  const parts = spec.fields
    .filter((f) => f.identity && mapping.fields[f.name] !== undefined)
    .map((f) => `SELECT row_no, '${f.identity}' AS kind, ${f.name} AS value FROM stg WHERE ${f.name} IS NOT NULL`);
  if (spec.fields.some((f) => f.type === 'id_list' && mapping.fields[f.name] !== undefined)) {
    parts.push(`SELECT row_no, 'platform:' || lower(trim(split_part(p, ':', 1))), trim(substr(p, strpos(p, ':') + 1))
      FROM (SELECT row_no, unnest(string_split(platform_ids, '|')) AS p FROM stg WHERE platform_ids IS NOT NULL)`);
  }
  // A row holds each kind once, so rows are unique except for repeated platform ids.
  const distinct = parts.length > 0 && spec.fields.some((f) => f.type === 'id_list' && mapping.fields[f.name] !== undefined) ? 'DISTINCT' : '';
  await s.run(`CREATE OR REPLACE TEMP TABLE stg_ids AS SELECT ${distinct} row_no, kind, value FROM (${
    parts.length > 0 ? parts.join(' UNION ALL ') : `SELECT CAST(NULL AS BIGINT) AS row_no, CAST(NULL AS TEXT) AS kind, CAST(NULL AS TEXT) AS value WHERE false`
  }) t`);
  const hasList = spec.fields.some((f) => f.type === 'id_list' && mapping.fields[f.name] !== undefined);
  const identityColumns = hasList ? null : spec.fields.filter((f) => f.identity && mapping.fields[f.name] !== undefined).map((f) => f.name);
  // Folded order-item lines are summed, not dropped: they are not duplicates.
  return { good, rejected, duplicates, singleIdentity: null, identityColumns };
}

/**
 * True when no key repeats: as many distinct key hashes as rows. Equal keys hash equally, so a
 * repeat always shows; a collision only sends a clean file through the exact grouping. Hashes
 * are counted faster than the text keys themselves.
 */
async function keysAreUnique(s: DuckSession, key: readonly string[], rows: number): Promise<boolean> {
  const { n } = await s.one<{ n: number }>(`SELECT count(DISTINCT hash(${key.join(', ')})) AS n FROM stg`);
  return Number(n) === Number(rows);
}
