// Churn early warning: customers at or above a churn risk, with the reasons and the expected
// lost value (churn risk x spend in the last 365 days), filtered and paged on the server. The
// filter is also a segment rule (`churnRule`), so "save as segment" selects the same customers.
import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../../store/open-store.js';
import { num, numOrNull, parseReasons, round2, type PageQuery, type Paged } from './common.js';

export interface ChurnFilter {
  readonly minRisk: number;
  readonly stage?: string | undefined;
  readonly tier?: string | undefined;
}

export const CHURN_SORTS = { risk: 's.churn_risk', expected_loss: 'expected_loss', spend_365d: 's.spend_365d', predicted_clv: 's.predicted_clv' } as const;
export type ChurnSort = keyof typeof CHURN_SORTS;

export interface ChurnRow {
  readonly id: number;
  readonly name: string | null;
  readonly city: string | null;
  readonly churnRisk: number;
  readonly reasons: ReadonlyArray<{ key: string; en: string; zh: string }>;
  readonly lifecycleStage: string;
  readonly valueTier: string | null;
  readonly rfmGroup: string | null;
  readonly recencyDays: number | null;
  readonly spend365d: number;
  readonly predictedClv: number | null;
  readonly pAlive: number | null;
  readonly expectedLoss: number;
}

export interface ChurnList extends Paged<ChurnRow> {
  readonly totals: { readonly spend365d: number; readonly expectedLoss: number };
  /** the filter as a segment rule (for "save as segment") */
  readonly rule: unknown;
}

/** The segment rule that selects the same customers as the filter. */
export function churnRule(f: ChurnFilter): unknown {
  const conditions: unknown[] = [{ type: 'score', field: 'churn_risk', op: 'gte', value: f.minRisk }];
  if (f.stage) conditions.push({ type: 'score', field: 'lifecycle_stage', op: 'equals', value: f.stage });
  if (f.tier) conditions.push({ type: 'score', field: 'value_tier', op: 'equals', value: f.tier });
  return conditions.length === 1 ? conditions[0] : { type: 'and', conditions };
}

export async function churnList(store: Store, q: PageQuery & ChurnFilter & { sort: ChurnSort }): Promise<ChurnList> {
  const where: RawBuilder<unknown>[] = [sql`c.merged_into IS NULL`, sql`s.churn_risk >= ${q.minRisk}`];
  if (q.stage) where.push(sql`s.lifecycle_stage = ${q.stage}`);
  if (q.tier) where.push(sql`s.value_tier = ${q.tier}`);
  const cond = sql.join(where, sql` AND `);
  const from = sql`FROM customer_scores s JOIN customers c ON c.id = s.customer_id WHERE ${cond}`;
  const tot = (await sql<{ n: unknown; spend: unknown; loss: unknown }>`
    SELECT count(*) AS n, sum(s.spend_365d) AS spend, sum(s.spend_365d * s.churn_risk / 100.0) AS loss ${from}`.execute(store.db)).rows[0];
  const order = q.sort === 'expected_loss' ? sql`expected_loss` : sql.ref(CHURN_SORTS[q.sort]);
  const rows = await sql<Record<string, unknown>>`
    SELECT c.id, c.name, c.city, s.churn_risk, s.churn_reasons, s.lifecycle_stage, s.value_tier, s.rfm_group, s.recency_days,
      s.spend_365d, s.predicted_clv, s.p_alive, s.spend_365d * s.churn_risk / 100.0 AS expected_loss
    ${from}
    ORDER BY ${order} DESC NULLS LAST, c.id
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(store.db);
  return {
    items: rows.rows.map((r) => ({
      id: num(r.id), name: (r.name as string | null) ?? null, city: (r.city as string | null) ?? null, churnRisk: num(r.churn_risk),
      reasons: parseReasons(r.churn_reasons), lifecycleStage: String(r.lifecycle_stage), valueTier: (r.value_tier as string | null) ?? null,
      rfmGroup: (r.rfm_group as string | null) ?? null, recencyDays: numOrNull(r.recency_days), spend365d: round2(num(r.spend_365d)),
      predictedClv: numOrNull(r.predicted_clv), pAlive: numOrNull(r.p_alive), expectedLoss: round2(num(r.expected_loss)),
    })),
    total: num(tot?.n), page: q.page, pageSize: q.pageSize,
    totals: { spend365d: round2(num(tot?.spend)), expectedLoss: round2(num(tot?.loss)) },
    rule: churnRule(q),
  };
}
