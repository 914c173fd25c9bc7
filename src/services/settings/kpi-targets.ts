// KPI targets live in the settings table under 'kpi_targets'; absent means no targets.
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import { kpiTargetsSchema, NO_KPI_TARGETS, type KpiTargets } from './kpi-target-rules.js';

const KEY = 'kpi_targets';

export interface StoredKpiTargets {
  readonly targets: KpiTargets;
  readonly updatedBy: string | null;
  readonly updatedAt: Date | null;
}

export async function loadKpiTargets(store: Store): Promise<StoredKpiTargets> {
  const row = await store.db.selectFrom('settings').select(['value', 'updated_by', 'updated_at']).where('key', '=', KEY).executeTakeFirst();
  if (!row) return { targets: NO_KPI_TARGETS, updatedBy: null, updatedAt: null };
  const parsed = kpiTargetsSchema.safeParse(typeof row.value === 'string' ? JSON.parse(row.value) : row.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('invalid_input', `stored KPI targets are invalid at ${issue?.path.join('.')}: ${issue?.message}`, 'kpiTargets');
  }
  return { targets: parsed.data, updatedBy: row.updated_by, updatedAt: row.updated_at };
}

/** Replaces all targets (a missing one is cleared); the input is validated field by field. */
export async function saveKpiTargets(store: Store, value: unknown, actor: string): Promise<StoredKpiTargets> {
  const parsed = kpiTargetsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('.');
    throw new DomainError('invalid_input', `${field}: ${issue?.message}`, field);
  }
  const updatedAt = new Date();
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', KEY).execute();
    await trx.insertInto('settings').values({ key: KEY, value: JSON.stringify(parsed.data), updated_by: actor, updated_at: updatedAt }).execute();
  });
  return { targets: parsed.data, updatedBy: actor, updatedAt };
}
