// Display labels of the scoring vocabulary, shared with the server's rule language (fields.ts).
import { GENDERS, LIFECYCLE_STAGES, RFM_GROUPS, VALUE_TIERS, type EnumValue } from '../../src/core/segments/fields';

const v = (value: string, zh: string, en: string): EnumValue => ({ value, label: { zh, en } });

export const CHANNELS: readonly EnumValue[] = [
  v('offline_store', '线下门店', 'offline store'), v('wechat', '微信', 'WeChat'), v('douyin', '抖音', 'Douyin'), v('search', '搜索', 'search'),
  v('tmall', '天猫', 'Tmall'), v('jd', '京东', 'JD.com'), v('referral', '转介绍', 'referral'), v('unknown', '未知', 'unknown'),
];

export const TIERS_WITH_NONE: readonly EnumValue[] = [...VALUE_TIERS, v('none', '未分层（潜在）', 'no tier (prospects)')];

export const ENUM_GROUPS = {
  tier: TIERS_WITH_NONE,
  stage: LIFECYCLE_STAGES,
  rfm: RFM_GROUPS,
  gender: GENDERS,
  channel: CHANNELS,
} as const;

/** Chart colours per value tier and lifecycle stage, so a tier keeps its colour on every page. */
export const TIER_COLORS: Record<string, string> = { high_value: '#d4380d', potential: '#fa8c16', regular: '#1677ff', dormant: '#8c8c8c', none: '#d9d9d9' };
export const STAGE_COLORS: Record<string, string> = {
  prospect: '#d9d9d9', new: '#95de64', active: '#52c41a', mature: '#237804', declining: '#faad14', dormant: '#8c8c8c', churned: '#cf1322', won_back: '#722ed1',
};
