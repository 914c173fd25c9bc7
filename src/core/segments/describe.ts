// A rule read aloud, in zh-CN or English, with the console's vocabulary (docs/GLOSSARY.md):
// "最近180天未购买 美妆/口红 且 价值分层为 高价值客户" /
// "has not bought 美妆/口红 in the last 180 days and value tier is high value".
import { assertNever } from '../errors.js';
import { ATTRIBUTE_FIELDS, NPS_BANDS, SCORE_FIELDS, enumLabel, type FieldDef, type Operator } from './fields.js';
import type { CountOp, EventStep, ProductFilter, PropertyFilter, RuleValue, Scalar, SegmentRule, Window } from './rule-schema.js';

export type Lang = 'zh-CN' | 'en';

export interface DescribeOptions {
  /** Display name of a tag named by id. */
  readonly tagName?: (id: number) => string | undefined;
  /** Display name of a segment. */
  readonly segmentName?: (id: number) => string | undefined;
}

export function describeRule(rule: SegmentRule, lang: Lang, opts: DescribeOptions = {}): string {
  return new Describer(lang === 'zh-CN', opts).node(rule, true);
}

class Describer {
  constructor(
    private readonly zh: boolean,
    private readonly opts: DescribeOptions,
  ) {}

  private t(zh: string, en: string): string {
    return this.zh ? zh : en;
  }

  node(node: SegmentRule, top = false): string {
    switch (node.type) {
      case 'and':
      case 'or': {
        if (node.conditions.length === 0) return node.type === 'and' ? this.t('全部客户', 'all customers') : this.t('无客户', 'no customers');
        const parts = node.conditions.map((c) => this.node(c));
        const joiner = node.type === 'and' ? this.t(' 且 ', ' and ') : this.t(' 或 ', ' or ');
        const text = parts.join(joiner);
        return top || parts.length === 1 ? text : this.t(`（${text}）`, `(${text})`);
      }
      case 'not': {
        const inner = this.node(node.condition, true);
        return this.t(`不满足（${inner}）`, `not (${inner})`);
      }
      case 'attribute':
        return this.field(ATTRIBUTE_FIELDS[node.field], node.op, node.value);
      case 'score':
        return this.field(SCORE_FIELDS[node.field], node.op, node.value);
      case 'custom_attribute':
        return this.json(this.t(`自定义属性「${node.key}」`, `custom attribute "${node.key}"`), node.op, node.value);
      case 'tag': {
        const name = node.tag_name ?? this.opts.tagName?.(node.tag_id ?? 0) ?? `#${node.tag_id ?? '?'}`;
        return node.op === 'has' ? this.t(`有标签 ${name}`, `has tag ${name}`) : this.t(`没有标签 ${name}`, `does not have tag ${name}`);
      }
      case 'segment': {
        const name = this.opts.segmentName?.(node.segment_id) ?? `#${node.segment_id}`;
        return node.op === 'in' ? this.t(`属于人群 ${name}`, `is in segment ${name}`) : this.t(`不属于人群 ${name}`, `is not in segment ${name}`);
      }
      case 'purchase':
        return this.purchase(node.product, node.metric, node.op, node.value, node.window);
      case 'event': {
        const what = this.step(node);
        const [zhWin, enWin] = this.window(node.window);
        return this.counted(node.op, node.value, {
          did: [`${zhWin}做过 ${what}`, `did ${what}${enWin}`],
          didNot: [`${zhWin}未做过 ${what}`, `did not do ${what}${enWin}`],
          times: (cmp) => [`${zhWin}做过 ${what} ${cmp.zh}`, `did ${what} ${cmp.en}${enWin}`],
        });
      }
      case 'event_sequence': {
        const [zhWin, enWin] = this.window(node.window);
        const a = this.step(node.first);
        const b = this.step(node.then);
        return this.t(`${zhWin}做过 ${a} 后 ${node.within_days} 天内做过 ${b}`, `did ${a} then ${b} within ${node.within_days} days${enWin}`);
      }
      case 'nps': {
        const band = NPS_BANDS[node.band];
        const [zhWin, enWin] = this.window(node.window);
        return this.t(
          `${zhWin}最新净推荐值评分为 ${band.label.zh}（${band.min}-${band.max} 分）`,
          `latest NPS answer${enWin} is ${band.label.en} (${band.min}-${band.max})`,
        );
      }
      case 'complaints': {
        const [zhWin, enWin] = this.window(node.window);
        return this.counted(node.op, node.value, {
          did: [`${zhWin}有投诉`, `complained${enWin}`],
          didNot: [`${zhWin}无投诉`, `made no complaints${enWin}`],
          times: (cmp) => [`${zhWin}投诉 ${cmp.zh}`, `complained ${cmp.en}${enWin}`],
        });
      }
      default:
        return assertNever(node);
    }
  }

  /** [zh prefix, en suffix] for a window; empty for all time. */
  private window(w: Window | undefined): [string, string] {
    if (w === undefined) return ['', ''];
    if (w.type === 'last_days') return [`最近${w.days}天`, ` in the last ${w.days} days`];
    return [`${w.from} 至 ${w.to} 期间`, ` between ${w.from} and ${w.to}`];
  }

  private counted(
    op: CountOp,
    n: number,
    words: { did: [string, string]; didNot: [string, string]; times: (cmp: { zh: string; en: string }) => [string, string] },
  ): string {
    const pick = ([zh, en]: [string, string]): string => this.t(zh, en);
    if (op === 'at_least' && n === 1) return pick(words.did);
    if (op === 'at_most' && n === 0) return pick(words.didNot);
    const cmp = op === 'at_least' ? { zh: `至少 ${n} 次`, en: `at least ${n} ${n === 1 ? 'time' : 'times'}` } : { zh: `最多 ${n} 次`, en: `at most ${n} ${n === 1 ? 'time' : 'times'}` };
    return pick(words.times(cmp));
  }

  private product(p: ProductFilter): string {
    switch (p.by) {
      case 'any':
        return this.t('任意商品', 'anything');
      case 'sku':
        return this.t(`商品 ${p.skus.join('、')}`, `SKU ${p.skus.join(', ')}`);
      case 'category':
        return p.category;
      case 'brand':
        return this.t(`品牌 ${p.brand}`, `brand ${p.brand}`);
      default:
        return assertNever(p);
    }
  }

  private purchase(p: ProductFilter, metric: 'orders' | 'spend', op: CountOp, n: number, w: Window | undefined): string {
    const what = this.product(p);
    const [zhWin, enWin] = this.window(w);
    if (metric === 'spend') {
      const amount = money(n);
      const cmpZh = op === 'at_least' ? '至少' : '最多';
      const cmpEn = op === 'at_least' ? 'at least' : 'at most';
      return p.by === 'any'
        ? this.t(`${zhWin}消费${cmpZh} ${amount}`, `spent ${cmpEn} ${amount}${enWin}`)
        : this.t(`${zhWin}在 ${what} 上消费${cmpZh} ${amount}`, `spent ${cmpEn} ${amount} on ${what}${enWin}`);
    }
    return this.counted(op, n, {
      did: [`${zhWin}购买过 ${what}`, `bought ${what}${enWin}`],
      didNot: [`${zhWin}未购买 ${what}`, `has not bought ${what}${enWin}`],
      times: (cmp) => [`${zhWin}购买 ${what} ${cmp.zh}`, `bought ${what} ${cmp.en}${enWin}`],
    });
  }

  private step(s: EventStep): string {
    const filters = (s.where ?? []).map((f: PropertyFilter) => this.json(this.t(`属性「${f.key}」`, `property "${f.key}"`), f.op, f.value));
    if (filters.length === 0) return s.name;
    return this.t(`${s.name}（${filters.join(' 且 ')}）`, `${s.name} (where ${filters.join(' and ')})`);
  }

  private field(def: FieldDef, op: Operator, value: RuleValue | undefined): string {
    const show = (v: Scalar): string => {
      if (def.type === 'enum' && typeof v === 'string') return enumLabel(def, v, this.zh ? 'zh' : 'en');
      if (def.type === 'money' && typeof v === 'number') return money(v);
      return this.scalar(v);
    };
    const dated = def.type === 'date' || def.type === 'timestamp';
    return this.phrase(this.t(def.label.zh, def.label.en), op, value, show, dated);
  }

  private json(label: string, op: Operator, value: RuleValue | undefined): string {
    return this.phrase(label, op, value, (v) => this.scalar(v), false);
  }

  private scalar(v: Scalar): string {
    if (typeof v === 'boolean') return v ? this.t('是', 'yes') : this.t('否', 'no');
    return String(v);
  }

  private phrase(label: string, op: Operator, value: RuleValue | undefined, show: (v: Scalar) => string, dated: boolean): string {
    const list = Array.isArray(value) ? value.map(show) : [];
    const one = value === undefined || Array.isArray(value) ? '' : show(value);
    const [lo, hi] = list;
    const zh = (s: string): string => `${label}${s}`;
    const en = (s: string): string => `${label} ${s}`;
    switch (op) {
      case 'equals':
        return this.t(zh(`为 ${one}`), en(`is ${one}`));
      case 'not_equals':
        return this.t(zh(`不为 ${one}`), en(`is not ${one}`));
      case 'in':
        return this.t(zh(`为 ${list.join('、')} 之一`), en(`is one of ${list.join(', ')}`));
      case 'not_in':
        return this.t(zh(`不为 ${list.join('、')} 中任何一个`), en(`is none of ${list.join(', ')}`));
      case 'contains':
        return this.t(zh(`包含 ${one}`), en(`contains ${one}`));
      case 'not_contains':
        return this.t(zh(`不包含 ${one}`), en(`does not contain ${one}`));
      case 'starts_with':
        return this.t(zh(`以 ${one} 开头`), en(`starts with ${one}`));
      case 'between':
        return this.t(zh(`介于 ${lo ?? ''} 和 ${hi ?? ''} 之间`), en(`is between ${lo ?? ''} and ${hi ?? ''}`));
      case 'gt':
        return dated ? this.t(zh(`晚于 ${one}`), en(`is after ${one}`)) : this.t(zh(`大于 ${one}`), en(`is greater than ${one}`));
      case 'gte':
        return dated ? this.t(zh(`不早于 ${one}`), en(`is on or after ${one}`)) : this.t(zh(`大于等于 ${one}`), en(`is at least ${one}`));
      case 'lt':
        return dated ? this.t(zh(`早于 ${one}`), en(`is before ${one}`)) : this.t(zh(`小于 ${one}`), en(`is less than ${one}`));
      case 'lte':
        return dated ? this.t(zh(`不晚于 ${one}`), en(`is on or before ${one}`)) : this.t(zh(`小于等于 ${one}`), en(`is at most ${one}`));
      case 'is_set':
        return this.t(zh('已填写'), en('is set'));
      case 'is_not_set':
        return this.t(zh('未填写'), en('is not set'));
      case 'more_than_days_ago':
        return this.t(zh(`在 ${String(value)} 天以前`), en(`is more than ${String(value)} days ago`));
      case 'within_last_days':
        return this.t(zh(`在最近 ${String(value)} 天内`), en(`is within the last ${String(value)} days`));
      case 'annual_within_next_days':
        return this.t(zh(`在未来 ${String(value)} 天内（不计年份）`), en(`falls within the next ${String(value)} days (ignoring the year)`));
      case 'annual_within_last_days':
        return this.t(zh(`在过去 ${String(value)} 天内（不计年份）`), en(`fell within the last ${String(value)} days (ignoring the year)`));
      default:
        return assertNever(op);
    }
  }
}

function money(n: number): string {
  return `¥${Number.isInteger(n) ? n : n.toFixed(2)}`;
}
