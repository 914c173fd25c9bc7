// Movement between value tiers, lifecycle stages or RFM groups from one scoring day to
// another: counts and revenue (historical value at the later day) per (from, to) pair,
// ready for a sankey chart. Customers absent on the first day come from 'none'.
import { sql } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';

export const MIGRATION_DIMENSIONS = { stage: 'lifecycle_stage', tier: 'value_tier', rfm: 'rfm_group' } as const;
export type MigrationDimension = keyof typeof MIGRATION_DIMENSIONS;

export interface MigrationCell {
  readonly from: string;
  readonly to: string;
  readonly customers: number;
  readonly revenue: number;
}

export async function migrationMatrix(store: Store, from: string, to: string, by: MigrationDimension): Promise<MigrationCell[]> {
  const col = MIGRATION_DIMENSIONS[by];
  if (!col) throw new DomainError('invalid_input', `--by must be one of ${Object.keys(MIGRATION_DIMENSIONS).join(', ')}`, 'by');
  const days = await store.db.selectFrom('score_runs').select('as_of').where('as_of', 'in', [from, to]).execute();
  for (const d of [from, to]) {
    if (!days.some((r) => r.as_of === d)) throw new DomainError('not_found', `no scores for ${d}: run \`tend score --as-of ${d}\` first`, d === from ? 'from' : 'to');
  }
  const c = sql.ref(col);
  const rows = await sql<{ from_v: string | null; to_v: string | null; customers: number; revenue: number | null }>`
    SELECT a.${c} AS from_v, b.${c} AS to_v, count(*) AS customers, sum(b.historical_clv) - sum(coalesce(a.historical_clv, 0)) AS revenue
    FROM score_snapshots b
    LEFT JOIN score_snapshots a ON a.customer_id = b.customer_id AND a.as_of = CAST(${from} AS DATE)
    WHERE b.as_of = CAST(${to} AS DATE)
    GROUP BY a.${c}, b.${c}
    ORDER BY 3 DESC`.execute(store.db);
  return rows.rows.map((r) => ({ from: r.from_v ?? 'none', to: r.to_v ?? 'none', customers: Number(r.customers), revenue: Number(r.revenue ?? 0) }));
}
