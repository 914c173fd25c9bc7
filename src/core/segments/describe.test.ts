import { describe, expect, it } from 'vitest';
import { describeRule } from './describe.js';
import type { SegmentRule } from './rule-schema.js';

const both = (rule: SegmentRule, opts = {}): [string, string] => [describeRule(rule, 'zh-CN', opts), describeRule(rule, 'en', opts)];

describe('describeRule', () => {
  it('reads the issue example in both languages', () => {
    const rule: SegmentRule = {
      type: 'and',
      conditions: [
        { type: 'purchase', product: { by: 'category', category: '美妆/口红' }, metric: 'orders', op: 'at_most', value: 0, window: { type: 'last_days', days: 180 } },
        { type: 'score', field: 'value_tier', op: 'equals', value: 'high_value' },
      ],
    };
    expect(both(rule)).toEqual([
      '最近180天未购买 美妆/口红 且 价值分层为 高价值客户',
      'has not bought 美妆/口红 in the last 180 days and value tier is high value',
    ]);
  });

  it('brackets nested groups and reads not', () => {
    const rule: SegmentRule = {
      type: 'or',
      conditions: [
        { type: 'and', conditions: [{ type: 'attribute', field: 'city', op: 'equals', value: '上海' }, { type: 'attribute', field: 'gender', op: 'equals', value: 'female' }] },
        { type: 'not', condition: { type: 'tag', op: 'has', tag_name: '高价值' } },
      ],
    };
    expect(both(rule)).toEqual([
      '（城市为 上海 且 性别为 女） 或 不满足（有标签 高价值）',
      '(city is 上海 and gender is female) or not (has tag 高价值)',
    ]);
    expect(both({ type: 'and', conditions: [] })).toEqual(['全部客户', 'all customers']);
    expect(both({ type: 'or', conditions: [] })).toEqual(['无客户', 'no customers']);
  });

  it('reads profile, custom attribute and score conditions with glossary terms', () => {
    const cases: Array<[SegmentRule, string, string]> = [
      [{ type: 'attribute', field: 'city', op: 'in', value: ['上海', '北京'] }, '城市为 上海、北京 之一', 'city is one of 上海, 北京'],
      [{ type: 'attribute', field: 'city', op: 'not_in', value: ['上海'] }, '城市不为 上海 中任何一个', 'city is none of 上海'],
      [{ type: 'attribute', field: 'city', op: 'starts_with', value: '上' }, '城市以 上 开头', 'city starts with 上'],
      [{ type: 'attribute', field: 'city', op: 'is_not_set' }, '城市未填写', 'city is not set'],
      [{ type: 'attribute', field: 'signup_at', op: 'more_than_days_ago', value: 365 }, '注册时间在 365 天以前', 'signup time is more than 365 days ago'],
      [{ type: 'attribute', field: 'signup_at', op: 'lt', value: '2025-01-01' }, '注册时间早于 2025-01-01', 'signup time is before 2025-01-01'],
      [{ type: 'attribute', field: 'birthday', op: 'annual_within_next_days', value: 7 }, '生日在未来 7 天内（不计年份）', 'birthday falls within the next 7 days (ignoring the year)'],
      [{ type: 'attribute', field: 'acquisition_cost', op: 'between', value: [5, 12.5] }, '获客成本介于 ¥5 和 ¥12.50 之间', 'acquisition cost is between ¥5 and ¥12.50'],
      [{ type: 'attribute', field: 'consent_sms', op: 'equals', value: true }, '短信授权同意为 是', 'SMS consent is yes'],
      [{ type: 'custom_attribute', key: '会员等级', op: 'equals', value: '金卡' }, '自定义属性「会员等级」为 金卡', 'custom attribute "会员等级" is 金卡'],
      [{ type: 'score', field: 'rfm_group', op: 'in', value: ['champions', 'at_risk', 'hibernating', 'lost'] }, 'RFM 分组为 重要价值、流失风险、休眠、已流失 之一', 'RFM group is one of champions, at risk, hibernating, lost'],
      [{ type: 'score', field: 'lifecycle_stage', op: 'not_equals', value: 'won_back' }, '生命周期阶段不为 已挽回', 'lifecycle stage is not won back'],
      [{ type: 'score', field: 'p_alive', op: 'lt', value: 0.3 }, '存活概率小于 0.3', 'probability alive is less than 0.3'],
      [{ type: 'score', field: 'churn_risk', op: 'gte', value: 70 }, '流失风险大于等于 70', 'churn risk is at least 70'],
    ];
    for (const [rule, zh, en] of cases) expect(both(rule)).toEqual([zh, en]);
  });

  it('reads purchases, events, feedback, tags and segments', () => {
    const cases: Array<[SegmentRule, string, string]> = [
      [
        { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_least', value: 3, window: { type: 'last_days', days: 90 } },
        '最近90天购买 任意商品 至少 3 次',
        'bought anything at least 3 times in the last 90 days',
      ],
      [
        { type: 'purchase', product: { by: 'brand', brand: '兰蔻' }, metric: 'orders', op: 'at_least', value: 1 },
        '购买过 品牌 兰蔻',
        'bought brand 兰蔻',
      ],
      [
        { type: 'purchase', product: { by: 'sku', skus: ['L1', 'L2'] }, metric: 'spend', op: 'at_least', value: 500, window: { type: 'between', from: '2025-06-01', to: '2025-06-18' } },
        '2025-06-01 至 2025-06-18 期间在 商品 L1、L2 上消费至少 ¥500',
        'spent at least ¥500 on SKU L1, L2 between 2025-06-01 and 2025-06-18',
      ],
      [{ type: 'purchase', product: { by: 'any' }, metric: 'spend', op: 'at_most', value: 99.9 }, '消费最多 ¥99.90', 'spent at most ¥99.90'],
      [
        { type: 'event', name: 'app_open', where: [{ key: 'platform', op: 'equals', value: 'ios' }], op: 'at_least', value: 3, window: { type: 'last_days', days: 7 } },
        '最近7天做过 app_open（属性「platform」为 ios） 至少 3 次',
        'did app_open (where property "platform" is ios) at least 3 times in the last 7 days',
      ],
      [{ type: 'event', name: 'app_open', op: 'at_most', value: 0, window: { type: 'last_days', days: 30 } }, '最近30天未做过 app_open', 'did not do app_open in the last 30 days'],
      [
        { type: 'event_sequence', first: { name: 'view_product' }, then: { name: 'add_to_cart' }, within_days: 3, window: { type: 'last_days', days: 30 } },
        '最近30天做过 view_product 后 3 天内做过 add_to_cart',
        'did view_product then add_to_cart within 3 days in the last 30 days',
      ],
      [{ type: 'nps', band: 'detractor', window: { type: 'last_days', days: 90 } }, '最近90天最新净推荐值评分为 贬损者（0-6 分）', 'latest NPS answer in the last 90 days is detractor (0-6)'],
      [{ type: 'nps', band: 'promoter' }, '最新净推荐值评分为 推荐者（9-10 分）', 'latest NPS answer is promoter (9-10)'],
      [{ type: 'complaints', op: 'at_least', value: 2, window: { type: 'last_days', days: 30 } }, '最近30天投诉 至少 2 次', 'complained at least 2 times in the last 30 days'],
      [{ type: 'complaints', op: 'at_most', value: 0, window: { type: 'last_days', days: 30 } }, '最近30天无投诉', 'made no complaints in the last 30 days'],
      [{ type: 'tag', op: 'has_not', tag_id: 7 }, '没有标签 #7', 'does not have tag #7'],
      [{ type: 'segment', op: 'not_in', segment_id: 3 }, '不属于人群 #3', 'is not in segment #3'],
    ];
    for (const [rule, zh, en] of cases) expect(both(rule)).toEqual([zh, en]);
  });

  it('uses tag and segment names when it is given them', () => {
    const opts = { tagName: (id: number) => (id === 7 ? '母婴' : undefined), segmentName: (id: number) => (id === 3 ? '高价值复购' : undefined) };
    expect(both({ type: 'tag', op: 'has', tag_id: 7 }, opts)).toEqual(['有标签 母婴', 'has tag 母婴']);
    expect(both({ type: 'segment', op: 'in', segment_id: 3 }, opts)).toEqual(['属于人群 高价值复购', 'is in segment 高价值复购']);
  });
});
