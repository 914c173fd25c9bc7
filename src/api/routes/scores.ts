// The latest scoring run: counts per value tier, lifecycle stage and RFM group, model parameters.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';

const DIMENSIONS = { tiers: 'value_tier', stages: 'lifecycle_stage', rfmGroups: 'rfm_group' } as const;

export function scoreRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/v1/scores/summary', {
      config: guard('scores:read'),
      schema: { summary: 'the latest score run: customers per tier, stage and RFM group; model parameters', tags: ['scores'] },
    }, async () => {
      const run = await store.db.selectFrom('score_runs').selectAll().orderBy('as_of', 'desc').limit(1).executeTakeFirst();
      if (!run) throw new DomainError('not_found', 'no scores yet: run `tend score` first', 'scores');
      const counts: Record<string, Record<string, number>> = {};
      for (const [key, col] of Object.entries(DIMENSIONS)) {
        const rows = await sql<{ k: string | null; n: number }>`SELECT ${sql.ref(col)} AS k, count(*) AS n FROM customer_scores GROUP BY 1 ORDER BY 1`.execute(store.db);
        counts[key] = Object.fromEntries(rows.rows.map((x) => [x.k ?? 'none', Number(x.n)]));
      }
      const total = await sql<{ n: number; buyers: number }>`SELECT count(*) AS n, count(*) FILTER (WHERE frequency > 0) AS buyers FROM customer_scores`.execute(store.db);
      const summary = (typeof run.summary === 'string' ? JSON.parse(run.summary) : run.summary) as Record<string, unknown>;
      return {
        asOf: run.as_of, computedAt: run.computed_at,
        customersScored: Number(total.rows[0]?.n ?? 0), buyers: Number(total.rows[0]?.buyers ?? 0),
        ...counts, models: summary.models ?? null, churn: summary.churn ?? null, base: summary.base ?? null,
      };
    });
  };
}
