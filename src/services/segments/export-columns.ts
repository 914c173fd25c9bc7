// What a segment export may contain: the column whitelist (name -> SQL), the default columns and
// the formats. No I/O, so the console's export dialog offers the same list.
import { DomainError } from '../../core/errors.js';

/**
 * Exportable columns: name -> SQL over customers c / customer_scores s (a whitelist), in the order
 * the console lists them; the defaults keep this order too.
 */
export const EXPORT_COLUMNS = {
  id: 'c.id',
  customer_id: `(SELECT min(value) FROM identities i WHERE i.customer_id = c.id AND i.kind = 'external_id')`,
  name: 'c.name',
  phone: `(SELECT min(value) FROM identities i WHERE i.customer_id = c.id AND i.kind = 'phone')`,
  email: `(SELECT min(value) FROM identities i WHERE i.customer_id = c.id AND i.kind = 'email')`,
  gender: 'c.gender', birthday: 'c.birthday', city: 'c.city', province: 'c.province',
  acquisition_channel: 'c.acquisition_channel', signup_at: 'c.signup_at',
  value_tier: 's.value_tier', lifecycle_stage: 's.lifecycle_stage', rfm_group: 's.rfm_group',
  frequency: 's.frequency', monetary: 's.monetary', recency_days: 's.recency_days',
  predicted_clv: 's.predicted_clv', p_alive: 's.p_alive', churn_risk: 's.churn_risk',
} as const;
export type ExportColumn = keyof typeof EXPORT_COLUMNS;
export const EXPORT_COLUMN_NAMES = Object.keys(EXPORT_COLUMNS) as ExportColumn[];
export const DEFAULT_EXPORT_COLUMNS: readonly ExportColumn[] = ['id', 'customer_id', 'name', 'phone', 'email', 'city', 'value_tier', 'lifecycle_stage', 'predicted_clv', 'churn_risk'];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** "a,b,c" -> checked columns, in the order given, each once; nothing given -> the defaults. */
export function parseColumns(list: string | undefined): ExportColumn[] {
  if (list === undefined || list.trim() === '') return [...DEFAULT_EXPORT_COLUMNS];
  const cols = [...new Set(list.split(',').map((c) => c.trim()).filter(Boolean))];
  if (cols.length === 0) throw new DomainError('invalid_input', 'choose at least one column', 'columns');
  for (const c of cols) {
    if (!Object.hasOwn(EXPORT_COLUMNS, c)) throw new DomainError('invalid_input', `unknown column "${c}" (choose from ${EXPORT_COLUMN_NAMES.join(', ')})`, 'columns');
  }
  return cols as ExportColumn[];
}
