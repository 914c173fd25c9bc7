// Lifecycle dashboard: customers per stage now, the scoring days on record, and the movement
// between two of them (stages, tiers or RFM groups) via `migrationMatrix`.
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';
import { migrationMatrix, type MigrationCell, type MigrationDimension } from '../score/migration-matrix.js';
import { latestScoreDay, num, round2 } from './common.js';

export interface StageRow {
  readonly stage: string;
  readonly customers: number;
  readonly share: number;
  readonly monetary: number;
  readonly predictedClv: number;
}

export interface LifecycleDashboard {
  readonly asOf: string | null;
  readonly stages: readonly StageRow[];
  /** scoring days with a snapshot, newest first */
  readonly snapshots: readonly string[];
}

export async function lifecycleDashboard(store: Store): Promise<LifecycleDashboard> {
  const asOf = await latestScoreDay(store.db);
  const rows = await sql<{ k: string; n: unknown; m: unknown; p: unknown }>`
    SELECT s.lifecycle_stage AS k, count(*) AS n, sum(s.monetary) AS m, sum(s.predicted_clv) AS p
    FROM customer_scores s JOIN customers c ON c.id = s.customer_id
    WHERE c.merged_into IS NULL GROUP BY 1 ORDER BY 2 DESC`.execute(store.db);
  const total = rows.rows.reduce((a, r) => a + num(r.n), 0);
  return {
    asOf,
    stages: rows.rows.map((r) => ({ stage: r.k, customers: num(r.n), share: total > 0 ? num(r.n) / total : 0, monetary: round2(num(r.m)), predictedClv: round2(num(r.p)) })),
    snapshots: await scoreDays(store),
  };
}

export async function scoreDays(store: Store): Promise<string[]> {
  const runs = await store.db.selectFrom('score_runs').select('as_of').orderBy('as_of', 'desc').limit(400).execute();
  return runs.map((r) => String(r.as_of));
}

export interface MigrationDashboard {
  readonly from: string;
  readonly to: string;
  readonly by: MigrationDimension;
  readonly cells: readonly MigrationCell[];
}

/** Movement between two scoring days; without days, the two latest. */
export async function lifecycleMigration(store: Store, q: { from?: string | undefined; to?: string | undefined; by: MigrationDimension }): Promise<MigrationDashboard | null> {
  const days = await scoreDays(store);
  const to = q.to ?? days[0];
  const from = q.from ?? days.find((d) => to !== undefined && d < to);
  if (!from || !to) return null;
  return { from, to, by: q.by, cells: await migrationMatrix(store, from, to, q.by) };
}
