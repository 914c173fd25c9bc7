// The whitelist of fields a segment rule may name. A rule says `field: 'city'`; the compiler
// looks the name up here and uses the column written below, so user text never becomes an
// identifier. Labels follow docs/GLOSSARY.md.
import type { CustomerScoresTable, CustomersTable } from '../../store/schema.js';

export type FieldType = 'text' | 'enum' | 'integer' | 'number' | 'money' | 'boolean' | 'date' | 'timestamp';

export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface EnumValue {
  readonly value: string;
  readonly label: Label;
}

export interface FieldDef<C extends string = string> {
  readonly column: C;
  readonly type: FieldType;
  readonly label: Label;
  /** Allowed values of an `enum` field, in display order. */
  readonly values?: readonly EnumValue[];
}

/** Every operator a condition on a field (or a JSON key) may use. */
export const OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'between',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_set',
  'is_not_set',
  'more_than_days_ago',
  'within_last_days',
  'annual_within_next_days',
  'annual_within_last_days',
] as const;
export type Operator = (typeof OPERATORS)[number];

const SET: readonly Operator[] = ['is_set', 'is_not_set'];
const ORDER: readonly Operator[] = ['between', 'gt', 'gte', 'lt', 'lte'];
const RELATIVE: readonly Operator[] = ['more_than_days_ago', 'within_last_days'];

/** Which operators each field type accepts. */
export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly Operator[]>> = {
  text: ['equals', 'not_equals', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', ...SET],
  enum: ['equals', 'not_equals', 'in', 'not_in', ...SET],
  integer: ['equals', 'not_equals', 'in', 'not_in', ...ORDER, ...SET],
  number: ['equals', 'not_equals', ...ORDER, ...SET],
  money: ['equals', 'not_equals', ...ORDER, ...SET],
  boolean: ['equals', 'not_equals', ...SET],
  date: ['equals', 'not_equals', ...ORDER, ...RELATIVE, 'annual_within_next_days', 'annual_within_last_days', ...SET],
  timestamp: ['equals', 'not_equals', ...ORDER, ...RELATIVE, ...SET],
};

/** Operators for custom attributes and event properties (untyped JSON values). */
export const JSON_OPERATORS: readonly Operator[] = [
  'equals', 'not_equals', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', ...ORDER, ...SET,
];

/** The negative operators: each is the exact complement of its positive twin (unset included). */
export const NEGATION: Readonly<Partial<Record<Operator, Operator>>> = {
  not_equals: 'equals',
  not_in: 'in',
  not_contains: 'contains',
  is_not_set: 'is_set',
};

const l = (zh: string, en: string): Label => ({ zh, en });
const v = (value: string, zh: string, en: string): EnumValue => ({ value, label: l(zh, en) });

export const GENDERS: readonly EnumValue[] = [v('female', '女', 'female'), v('male', '男', 'male'), v('unknown', '未知', 'unknown')];

export const RFM_GROUPS: readonly EnumValue[] = [
  v('champions', '重要价值', 'champions'),
  v('loyal', '忠诚', 'loyal'),
  v('potential_loyalist', '潜在忠诚', 'potential loyalist'),
  v('new_customers', '新客户', 'new customers'),
  v('promising', '有潜力', 'promising'),
  v('need_attention', '需要关注', 'need attention'),
  v('about_to_sleep', '即将沉睡', 'about to sleep'),
  v('at_risk', '流失风险', 'at risk'),
  v('cannot_lose', '不能失去', 'cannot lose'),
  v('hibernating', '休眠', 'hibernating'),
  v('lost', '已流失', 'lost'),
];

export const VALUE_TIERS: readonly EnumValue[] = [
  v('high_value', '高价值客户', 'high value'),
  v('potential', '潜力客户', 'potential'),
  v('regular', '普通客户', 'regular'),
  v('dormant', '沉睡客户', 'dormant'),
];

export const LIFECYCLE_STAGES: readonly EnumValue[] = [
  v('prospect', '潜在', 'prospect'),
  v('new', '新客', 'new'),
  v('active', '活跃', 'active'),
  v('mature', '成熟', 'mature'),
  v('declining', '衰退', 'declining'),
  v('dormant', '沉睡', 'dormant'),
  v('churned', '流失', 'churned'),
  v('won_back', '已挽回', 'won back'),
];

/** Profile fields: columns of `customers`. */
export const ATTRIBUTE_FIELDS = {
  name: { column: 'name', type: 'text', label: l('姓名', 'name') },
  gender: { column: 'gender', type: 'enum', label: l('性别', 'gender'), values: GENDERS },
  birthday: { column: 'birthday', type: 'date', label: l('生日', 'birthday') },
  city: { column: 'city', type: 'text', label: l('城市', 'city') },
  province: { column: 'province', type: 'text', label: l('省份', 'province') },
  country: { column: 'country', type: 'text', label: l('国家', 'country') },
  signup_at: { column: 'signup_at', type: 'timestamp', label: l('注册时间', 'signup time') },
  acquisition_channel: { column: 'acquisition_channel', type: 'text', label: l('获客渠道', 'acquisition channel') },
  acquisition_cost: { column: 'acquisition_cost', type: 'money', label: l('获客成本', 'acquisition cost') },
  consent_email: { column: 'consent_email', type: 'boolean', label: l('邮件授权同意', 'email consent') },
  consent_sms: { column: 'consent_sms', type: 'boolean', label: l('短信授权同意', 'SMS consent') },
  consent_wechat: { column: 'consent_wechat', type: 'boolean', label: l('微信授权同意', 'WeChat consent') },
  created_at: { column: 'created_at', type: 'timestamp', label: l('建档时间', 'profile created') },
} as const satisfies Record<string, FieldDef<keyof CustomersTable>>;

/** Score fields: columns of `customer_scores` (the latest scoring run). */
export const SCORE_FIELDS = {
  rfm_group: { column: 'rfm_group', type: 'enum', label: l('RFM 分组', 'RFM group'), values: RFM_GROUPS },
  value_tier: { column: 'value_tier', type: 'enum', label: l('价值分层', 'value tier'), values: VALUE_TIERS },
  lifecycle_stage: { column: 'lifecycle_stage', type: 'enum', label: l('生命周期阶段', 'lifecycle stage'), values: LIFECYCLE_STAGES },
  r_score: { column: 'r_score', type: 'integer', label: l('R 分（最近购买时间）', 'R score (recency)') },
  f_score: { column: 'f_score', type: 'integer', label: l('F 分（购买频率）', 'F score (frequency)') },
  m_score: { column: 'm_score', type: 'integer', label: l('M 分（消费金额）', 'M score (monetary)') },
  recency_days: { column: 'recency_days', type: 'integer', label: l('距上次购买天数', 'days since last purchase') },
  frequency: { column: 'frequency', type: 'integer', label: l('购买次数', 'purchase count') },
  monetary: { column: 'monetary', type: 'money', label: l('累计消费金额', 'total spend') },
  orders_365d: { column: 'orders_365d', type: 'integer', label: l('近365天订单数', 'orders in the last 365 days') },
  spend_365d: { column: 'spend_365d', type: 'money', label: l('近365天消费金额', 'spend in the last 365 days') },
  avg_order_value: { column: 'avg_order_value', type: 'money', label: l('客单价', 'average order value') },
  first_order_at: { column: 'first_order_at', type: 'timestamp', label: l('首次购买时间', 'first order time') },
  last_order_at: { column: 'last_order_at', type: 'timestamp', label: l('最近购买时间', 'last order time') },
  tenure_days: { column: 'tenure_days', type: 'integer', label: l('客龄（天）', 'tenure (days)') },
  bulk_buyer: { column: 'bulk_buyer', type: 'boolean', label: l('批量购买者', 'bulk buyer') },
  impulse_buyer: { column: 'impulse_buyer', type: 'boolean', label: l('冲动购买者', 'impulse buyer') },
  p_alive: { column: 'p_alive', type: 'number', label: l('存活概率', 'probability alive') },
  expected_purchases_90d: { column: 'expected_purchases_90d', type: 'number', label: l('未来90天预期购买次数', 'expected purchases in 90 days') },
  predicted_clv: { column: 'predicted_clv', type: 'number', label: l('预测客户终身价值', 'predicted CLV') },
  historical_clv: { column: 'historical_clv', type: 'money', label: l('历史客户终身价值', 'historical CLV') },
  expected_next_order_at: { column: 'expected_next_order_at', type: 'timestamp', label: l('预计下次购买时间', 'expected next order') },
  churn_risk: { column: 'churn_risk', type: 'integer', label: l('流失风险', 'churn risk') },
} as const satisfies Record<string, FieldDef<keyof CustomerScoresTable>>;

export type AttributeField = keyof typeof ATTRIBUTE_FIELDS;
export type ScoreField = keyof typeof SCORE_FIELDS;

export const ATTRIBUTE_FIELD_NAMES = Object.keys(ATTRIBUTE_FIELDS) as [AttributeField, ...AttributeField[]];
export const SCORE_FIELD_NAMES = Object.keys(SCORE_FIELDS) as [ScoreField, ...ScoreField[]];

export function attributeField(name: AttributeField): FieldDef<keyof CustomersTable> {
  return ATTRIBUTE_FIELDS[name];
}

export function scoreField(name: ScoreField): FieldDef<keyof CustomerScoresTable> {
  return SCORE_FIELDS[name];
}

/** Display label of an enum value, or the raw value when it is not listed. */
export function enumLabel(def: FieldDef, value: string, lang: 'zh' | 'en'): string {
  return def.values?.find((x) => x.value === value)?.label[lang] ?? value;
}

/** NPS bands: promoter 9-10, passive 7-8, detractor 0-6. */
export const NPS_BANDS = {
  promoter: { min: 9, max: 10, label: l('推荐者', 'promoter') },
  passive: { min: 7, max: 8, label: l('中立者', 'passive') },
  detractor: { min: 0, max: 6, label: l('贬损者', 'detractor') },
} as const;
export type NpsBand = keyof typeof NPS_BANDS;
export const NPS_BAND_NAMES = Object.keys(NPS_BANDS) as [NpsBand, ...NpsBand[]];
