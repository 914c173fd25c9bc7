// Settings: the scoring rules, the business locale, time zone and currency, and KPI targets.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { config } from '../../config.js';
import { loadScoringRules, saveScoringRules } from '../../services/score/scoring-settings.js';
import { kpiTargetsSchema } from '../../services/settings/kpi-target-rules.js';
import { loadKpiTargets, saveKpiTargets } from '../../services/settings/kpi-targets.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';
import { actorOf, audit } from '../auth/install-auth.js';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const businessSettingsSchema = z.object({
  locale: z.enum(['zh-CN', 'en']),
  timezone: z.string().min(1).max(64).refine(isTimeZone, { message: 'not a known IANA time zone' }),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'an ISO 4217 code such as CNY' }),
});
export type BusinessSettings = z.infer<typeof businessSettingsSchema>;

export async function loadBusinessSettings(store: Store): Promise<BusinessSettings> {
  const row = await store.db.selectFrom('settings').select('value').where('key', '=', 'business').executeTakeFirst();
  const fallback: BusinessSettings = { locale: 'zh-CN', timezone: config().timezone, currency: config().currency };
  const parsed = businessSettingsSchema.safeParse(typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value);
  return parsed.success ? parsed.data : fallback;
}

export function settingsRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['settings'];
    r.get('/v1/settings', { config: guard('settings:read'), schema: { summary: 'scoring rules and business locale, time zone, currency', tags } },
      async () => ({ scoring: await loadScoringRules(store), business: await loadBusinessSettings(store) }));

    r.put('/v1/settings/scoring', {
      config: guard('settings:write'),
      schema: { summary: 'replace the scoring rules (tiers, lifecycle, CLV); used by the next `tend score`', tags, body: z.record(z.string(), z.unknown()) },
    }, async (req) => {
      const saved = await saveScoringRules(store, req.body, actorOf(req.principal).actor);
      await audit(store, req, { action: 'settings.scoring', target: 'settings:scoring', detail: saved });
      return saved;
    });

    r.put('/v1/settings/business', {
      config: guard('settings:write'),
      schema: { summary: 'set the business locale, time zone and currency', tags, body: businessSettingsSchema },
    }, async (req) => {
      const value = JSON.stringify(req.body);
      await store.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('settings').where('key', '=', 'business').execute();
        await trx.insertInto('settings').values({ key: 'business', value, updated_by: actorOf(req.principal).actor, updated_at: new Date() }).execute();
      });
      await audit(store, req, { action: 'settings.business', target: 'settings:business', detail: req.body });
      return req.body;
    });

    // Targets sit beside the overview's actuals, so whoever reads dashboards reads them.
    r.get('/v1/settings/kpi-targets', { config: guard('dashboards:read'), schema: { summary: 'KPI targets for the overview (null: no target)', tags } },
      async () => loadKpiTargets(store));

    r.put('/v1/settings/kpi-targets', {
      config: guard('settings:write'),
      schema: {
        summary: 'replace the KPI targets: repurchase rate (0-1), NPS, average predicted CLV per buyer, active customers; a missing one is cleared',
        // loose here so an unknown key reaches the service, which names it in the error
        tags, body: kpiTargetsSchema.loose(),
      },
    }, async (req) => {
      const saved = await saveKpiTargets(store, req.body, actorOf(req.principal).actor);
      await audit(store, req, { action: 'settings.kpi_targets', target: 'settings:kpi_targets', detail: saved.targets });
      return saved;
    });
  };
}
