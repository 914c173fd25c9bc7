// Tags that come with Tend, written for the demo retailer's catalogue (and any shop whose
// categories follow the same paths). They are ordinary rule tags: editable, recomputed with
// the scores, kept with history.
import type { SegmentRule } from '../../core/segments/index.js';

export interface TagDefinition {
  readonly name: string;
  readonly group: TagGroup;
  readonly description: string;
  readonly rule: SegmentRule;
}

export const TAG_GROUPS = ['basic', 'behaviour', 'need'] as const;
export type TagGroup = (typeof TAG_GROUPS)[number];

const bought = (category: string, days?: number): SegmentRule => ({
  type: 'purchase', product: { by: 'category', category }, metric: 'orders', op: 'at_least', value: 1,
  ...(days ? { window: { type: 'last_days', days } } : {}),
}) as SegmentRule;

export const BUILTIN_TAGS: readonly TagDefinition[] = [
  { name: '女性客户', group: 'basic', description: 'gender is female', rule: { type: 'attribute', field: 'gender', op: 'equals', value: 'female' } as SegmentRule },
  { name: '一线城市', group: 'basic', description: 'lives in Beijing, Shanghai, Guangzhou or Shenzhen',
    rule: { type: 'attribute', field: 'city', op: 'in', value: ['北京', '上海', '广州', '深圳'] } as SegmentRule },
  { name: '母婴买家', group: 'behaviour', description: 'mother & baby buyer: bought 母婴 products', rule: bought('母婴') },
  { name: '生鲜高频', group: 'behaviour', description: 'high-frequency fresh-food buyer: 6+ fresh orders in 180 days',
    rule: { type: 'purchase', product: { by: 'category', category: '生鲜' }, metric: 'orders', op: 'at_least', value: 6, window: { type: 'last_days', days: 180 } } as SegmentRule },
  { name: '近期投诉', group: 'behaviour', description: 'complained in the last 60 days',
    rule: { type: 'complaints', op: 'at_least', value: 1, window: { type: 'last_days', days: 60 } } as SegmentRule },
  { name: 'NPS贬损者', group: 'behaviour', description: 'latest NPS answer in a year was 0-6',
    rule: { type: 'nps', band: 'detractor', window: { type: 'last_days', days: 365 } } as SegmentRule },
  { name: '口红复购提醒', group: 'need', description: 'bought lipstick before, none for 6 months: a seasonal shade offer fits',
    rule: { type: 'and', conditions: [bought('美妆/口红'), { type: 'purchase', product: { by: 'category', category: '美妆/口红' }, metric: 'orders', op: 'at_most', value: 0, window: { type: 'last_days', days: 180 } }] } as SegmentRule },
  { name: '潜在早教需求', group: 'need', description: 'bought baby formula but no early-education products yet',
    rule: { type: 'and', conditions: [bought('母婴/奶粉'), { type: 'purchase', product: { by: 'category', category: '母婴/早教' }, metric: 'orders', op: 'at_most', value: 0 }] } as SegmentRule },
];
