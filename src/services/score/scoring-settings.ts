// Scoring thresholds live in the settings table under 'scoring'; absent means the defaults.
import { DEFAULT_SCORING_RULES, scoringRulesSchema, type ScoringRules } from '../../core/lifecycle/scoring-rules.js';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';

export async function loadScoringRules(store: Store): Promise<ScoringRules> {
  const row = await store.db.selectFrom('settings').select('value').where('key', '=', 'scoring').executeTakeFirst();
  if (!row) return DEFAULT_SCORING_RULES;
  const parsed = scoringRulesSchema.safeParse(row.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('invalid_input', `stored scoring settings are invalid at ${issue?.path.join('.')}: ${issue?.message}`, 'scoring');
  }
  return parsed.data;
}

export async function saveScoringRules(store: Store, value: unknown, actor: string): Promise<ScoringRules> {
  const parsed = scoringRulesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('invalid_input', `scoring.${issue?.path.join('.')}: ${issue?.message}`, `scoring.${issue?.path.join('.')}`);
  }
  const json = JSON.stringify(parsed.data);
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', 'scoring').execute();
    await trx.insertInto('settings').values({ key: 'scoring', value: json, updated_by: actor, updated_at: new Date() }).execute();
  });
  return parsed.data;
}
