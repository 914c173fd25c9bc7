// What a segment export may contain: the column whitelist (name -> SQL), the default columns and
// the formats. No I/O, so the console's export dialog offers the same list.
import { DomainError } from '../../core/errors.js';
import { GENDERS, LIFECYCLE_STAGES, RFM_GROUPS, VALUE_TIERS, type EnumValue } from '../../core/segments/fields.js';

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

/** What each column is called, for the console's dialog and for exports with labels. */
export const EXPORT_COLUMN_LABELS: Readonly<Record<ExportColumn, { readonly en: string; readonly zh: string }>> = {
  id: { en: 'Internal id', zh: '内部编号' },
  customer_id: { en: 'Customer id', zh: '客户编号' },
  name: { en: 'Name', zh: '姓名' },
  gender: { en: 'Gender', zh: '性别' },
  birthday: { en: 'Birthday', zh: '生日' },
  city: { en: 'City', zh: '城市' },
  province: { en: 'Province', zh: '省份' },
  email: { en: 'Email', zh: '邮箱' },
  phone: { en: 'Phone', zh: '手机号' },
  acquisition_channel: { en: 'Acquisition channel', zh: '获客渠道' },
  signup_at: { en: 'Signed up', zh: '注册时间' },
  value_tier: { en: 'Value tier', zh: '价值分层' },
  lifecycle_stage: { en: 'Lifecycle stage', zh: '生命周期阶段' },
  rfm_group: { en: 'RFM group', zh: 'RFM 分组' },
  frequency: { en: 'Orders (frequency)', zh: '购买频率' },
  monetary: { en: 'Spend (monetary)', zh: '消费金额' },
  recency_days: { en: 'Days since last order', zh: '距上次购买天数' },
  predicted_clv: { en: 'Predicted CLV', zh: '预测 CLV' },
  p_alive: { en: 'Probability alive', zh: '存活概率' },
  churn_risk: { en: 'Churn risk', zh: '流失风险' },
};

/** `codes`: column keys and stored codes (for tools); `zh`: Chinese headers and tier/stage/group/gender names (for people). */
export const EXPORT_LABELS = ['codes', 'zh'] as const;
export type ExportLabels = (typeof EXPORT_LABELS)[number];

const NAMED_VALUES: Partial<Record<ExportColumn, readonly EnumValue[]>> = {
  gender: GENDERS, value_tier: VALUE_TIERS, lifecycle_stage: LIFECYCLE_STAGES, rfm_group: RFM_GROUPS,
};

export function exportHeader(columns: readonly ExportColumn[], labels: ExportLabels): string[] {
  return columns.map((c) => (labels === 'zh' ? EXPORT_COLUMN_LABELS[c].zh : c));
}

/** A cell as exported: with `zh`, coded values by their Chinese names (unknown codes as they are). */
export function exportValue<T>(column: ExportColumn, value: T, labels: ExportLabels): T | string {
  if (labels === 'codes' || typeof value !== 'string') return value;
  return NAMED_VALUES[column]?.find((e) => e.value === value)?.label.zh ?? value;
}

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
