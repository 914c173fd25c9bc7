// Dashboard read models for the console: overview KPIs, RFM, lifecycle and migration,
// retention cohorts, value (CLV) and churn early warning. All read the precomputed scores and
// aggregate on the server; lists are paged.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIFECYCLE_STAGES, VALUE_TIERS } from '../../core/segments/fields.js';
import { DashboardCache } from '../../services/dashboards/cache.js';
import { churnList, CHURN_SORTS, type ChurnSort } from '../../services/dashboards/churn.js';
import { MAX_PAGE_SIZE } from '../../services/dashboards/common.js';
import { lifecycleDashboard, lifecycleMigration } from '../../services/dashboards/lifecycle.js';
import { overview } from '../../services/dashboards/overview.js';
import { retentionCohorts } from '../../services/dashboards/retention.js';
import { rfmDashboard } from '../../services/dashboards/rfm.js';
import { channelValue, CLV_METRICS, clvHistogram, TOP_SORTS, topCustomers, type ClvMetric, type TopSort } from '../../services/dashboards/value.js';
import { MIGRATION_DIMENSIONS, type MigrationDimension } from '../../services/score/migration-matrix.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD');
const page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
};
const keys = <T extends object>(o: T) => Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
const values = (list: readonly { value: string }[]) => list.map((v) => v.value) as [string, ...string[]];

export function dashboardRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = guard('dashboards:read');
    const tags = ['dashboards'];
    const cache = new DashboardCache(store);

    r.get('/v1/dashboards/overview', {
      config,
      schema: {
        summary: 'KPIs: customers by tier and stage, active customers, repurchase rate and monthly trend, returning vs new revenue, CLV, churn risk, NPS',
        tags, querystring: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }),
      },
    }, async (req) => cache.get(`overview:${req.query.months}`, () => overview(store, { months: req.query.months })));

    r.get('/v1/dashboards/rfm', { config, schema: { summary: 'the RFM R x F grid (customers, spend) and RFM groups with revenue share', tags } },
      async () => rfmDashboard(store));

    r.get('/v1/dashboards/lifecycle', { config, schema: { summary: 'customers per lifecycle stage and the scoring days on record', tags } },
      async () => lifecycleDashboard(store));

    r.get('/v1/dashboards/migration', {
      config,
      schema: {
        summary: 'movement between two scoring days (default: the two latest) by stage, tier or RFM group',
        tags, querystring: z.object({ from: day.optional(), to: day.optional(), by: z.enum(keys(MIGRATION_DIMENSIONS)).default('stage') }),
      },
    }, async (req) => (await lifecycleMigration(store, { from: req.query.from, to: req.query.to, by: req.query.by as MigrationDimension })) ?? { from: null, to: null, by: req.query.by, cells: [] });

    r.get('/v1/dashboards/retention', {
      config,
      schema: {
        summary: 'monthly acquisition cohorts x months since the first order: customers and revenue',
        tags, querystring: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }),
      },
    }, async (req) => cache.get(`retention:${req.query.months}`, () => retentionCohorts(store, { months: req.query.months })));

    r.get('/v1/dashboards/value/clv-histogram', {
      config,
      schema: {
        summary: 'distribution of predicted or historical CLV over buyers',
        tags, querystring: z.object({ metric: z.enum(keys(CLV_METRICS)).default('predicted'), bins: z.coerce.number().int().min(2).max(50).default(20) }),
      },
    }, async (req) => clvHistogram(store, req.query.metric as ClvMetric, req.query.bins));

    r.get('/v1/dashboards/value/top-customers', {
      config,
      schema: { summary: 'the most valuable customers, paged', tags, querystring: z.object({ ...page, sort: z.enum(keys(TOP_SORTS)).default('predicted_clv') }) },
    }, async (req) => topCustomers(store, { page: req.query.page, pageSize: req.query.pageSize, sort: req.query.sort as TopSort }));

    r.get('/v1/dashboards/value/channels', { config, schema: { summary: 'CAC, CLV and CLV:CAC by acquisition channel', tags } },
      async () => ({ items: await channelValue(store) }));

    r.get('/v1/dashboards/churn', {
      config,
      schema: {
        summary: 'customers at churn risk with reasons and expected lost value (risk x spend in 365 days), paged; `rule` selects the same customers',
        tags,
        querystring: z.object({
          ...page,
          minRisk: z.coerce.number().int().min(0).max(100).default(70),
          stage: z.enum(values(LIFECYCLE_STAGES)).optional(),
          tier: z.enum(values(VALUE_TIERS)).optional(),
          sort: z.enum(keys(CHURN_SORTS)).default('expected_loss'),
        }),
      },
    }, async (req) => churnList(store, { ...req.query, sort: req.query.sort as ChurnSort }));
  };
}
