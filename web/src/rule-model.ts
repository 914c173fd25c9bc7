// The segment builder's editing model and its conversion to and from the rule language
// (src/core/segments/rule-schema.ts). Conditions the builder cannot edit are kept as raw JSON.
import { ATTRIBUTE_FIELDS, OPERATORS_BY_TYPE, SCORE_FIELDS, type FieldDef, type FieldType, type Operator } from '../../src/core/segments/fields';

export type CondType = 'attribute' | 'score' | 'purchase' | 'tag' | 'event' | 'nps' | 'complaints' | 'segment';
export const COND_TYPES: readonly CondType[] = ['score', 'attribute', 'purchase', 'tag', 'event', 'nps', 'complaints', 'segment'];

export type Scalar = string | number | boolean;
export type Value = Scalar | Scalar[] | undefined;

export interface Cond {
  readonly key: string;
  readonly kind: 'cond';
  readonly type: CondType;
  field?: string;
  op?: string;
  value?: Value;
  /** purchase */
  productBy?: 'any' | 'category' | 'brand' | 'sku';
  product?: string;
  metric?: 'orders' | 'spend';
  /** purchase, event, nps, complaints: 0 / undefined = all time */
  windowDays?: number;
  /** event */
  name?: string;
  /** nps */
  band?: 'promoter' | 'passive' | 'detractor';
  /** tag */
  tagId?: number;
  /** segment */
  segmentId?: number;
}

export interface Raw {
  readonly key: string;
  readonly kind: 'raw';
  readonly rule: unknown;
}

export interface Group {
  readonly key: string;
  readonly kind: 'group';
  op: 'and' | 'or';
  not: boolean;
  children: Node[];
}

export type Node = Group | Cond | Raw;

let seq = 0;
export const newKey = (): string => `n${++seq}`;

export function fieldDef(type: CondType, field: string | undefined): FieldDef | undefined {
  if (!field) return undefined;
  const table: Record<string, FieldDef> = type === 'attribute' ? ATTRIBUTE_FIELDS : type === 'score' ? SCORE_FIELDS : {};
  return table[field];
}

export function operatorsFor(t: FieldType): readonly Operator[] {
  return OPERATORS_BY_TYPE[t];
}

export function newCondition(type: CondType): Cond {
  switch (type) {
    case 'score': return { key: newKey(), kind: 'cond', type, field: 'value_tier', op: 'equals', value: 'high_value' };
    case 'attribute': return { key: newKey(), kind: 'cond', type, field: 'city', op: 'equals', value: '' };
    case 'purchase': return { key: newKey(), kind: 'cond', type, productBy: 'any', product: '', metric: 'orders', op: 'at_least', value: 1, windowDays: 90 };
    case 'tag': return { key: newKey(), kind: 'cond', type, op: 'has' };
    case 'event': return { key: newKey(), kind: 'cond', type, name: '', op: 'at_least', value: 1, windowDays: 30 };
    case 'nps': return { key: newKey(), kind: 'cond', type, band: 'detractor', windowDays: 90 };
    case 'complaints': return { key: newKey(), kind: 'cond', type, op: 'at_least', value: 1, windowDays: 90 };
    case 'segment': return { key: newKey(), kind: 'cond', type, op: 'in' };
  }
}

export function newGroup(op: 'and' | 'or' = 'and', children: Node[] = []): Group {
  return { key: newKey(), kind: 'group', op, not: false, children };
}

/** A sensible default value when the field or operator changes. */
export function defaultValue(def: FieldDef | undefined, op: string): Value {
  if (!def) return undefined;
  if (op === 'is_set' || op === 'is_not_set') return undefined;
  if (['more_than_days_ago', 'within_last_days', 'annual_within_next_days', 'annual_within_last_days'].includes(op)) return 30;
  if (op === 'in' || op === 'not_in') return [];
  if (op === 'between') return def.type === 'date' || def.type === 'timestamp' ? ['', ''] : [0, 100];
  if (def.type === 'enum') return def.values?.[0]?.value;
  if (def.type === 'boolean') return true;
  if (def.type === 'integer' || def.type === 'number' || def.type === 'money') return 0;
  return '';
}

const windowOf = (days: number | undefined) => (days && days > 0 ? { window: { type: 'last_days', days } } : {});
const blank = (v: Value) => v === undefined || v === '' || (Array.isArray(v) && (v.length === 0 || v.some((x) => x === '')));

/** The rule of a node, or null when a condition is still incomplete. */
export function toRule(n: Node): unknown {
  if (n.kind === 'raw') return n.rule;
  if (n.kind === 'group') {
    const parts = n.children.map(toRule);
    if (parts.some((p) => p === null)) return null;
    const g = { type: n.op, conditions: parts };
    return n.not ? { type: 'not', condition: g } : g;
  }
  switch (n.type) {
    case 'attribute':
    case 'score': {
      if (!n.field || !n.op) return null;
      const noValue = n.op === 'is_set' || n.op === 'is_not_set';
      if (!noValue && blank(n.value)) return null;
      return { type: n.type, field: n.field, op: n.op, ...(noValue ? {} : { value: n.value }) };
    }
    case 'purchase': {
      const by = n.productBy ?? 'any';
      const p = (n.product ?? '').trim();
      if (by !== 'any' && !p) return null;
      const product = by === 'any' ? { by } : by === 'sku' ? { by, skus: p.split(/[,，\s]+/).filter(Boolean) } : by === 'category' ? { by, category: p } : { by, brand: p };
      if (typeof n.value !== 'number') return null;
      return { type: 'purchase', product, metric: n.metric ?? 'orders', op: n.op ?? 'at_least', value: n.value, ...windowOf(n.windowDays) };
    }
    case 'tag':
      return n.tagId ? { type: 'tag', op: n.op ?? 'has', tag_id: n.tagId } : null;
    case 'event':
      if (!n.name?.trim() || typeof n.value !== 'number') return null;
      return { type: 'event', name: n.name.trim(), op: n.op ?? 'at_least', value: Math.round(n.value), ...windowOf(n.windowDays) };
    case 'nps':
      return { type: 'nps', band: n.band ?? 'detractor', ...windowOf(n.windowDays) };
    case 'complaints':
      if (typeof n.value !== 'number') return null;
      return { type: 'complaints', op: n.op ?? 'at_least', value: Math.round(n.value), ...windowOf(n.windowDays) };
    case 'segment':
      return n.segmentId ? { type: 'segment', op: n.op ?? 'in', segment_id: n.segmentId } : null;
  }
}

type R = Record<string, unknown>;
const daysOf = (w: unknown): number | undefined => (w && typeof w === 'object' && (w as R).type === 'last_days' ? Number((w as R).days) : undefined);

/** The editing model of a rule; the root is always a group. */
export function fromRule(rule: unknown): Group {
  const node = toNode(rule);
  return node.kind === 'group' ? node : newGroup('and', [node]);
}

function toNode(rule: unknown): Node {
  const r = (rule ?? {}) as R;
  const raw = (): Raw => ({ key: newKey(), kind: 'raw', rule });
  switch (r.type) {
    case 'and':
    case 'or':
      return { key: newKey(), kind: 'group', op: r.type, not: false, children: Array.isArray(r.conditions) ? r.conditions.map(toNode) : [] };
    case 'not': {
      const inner = toNode(r.condition);
      if (inner.kind === 'group' && !inner.not) return { ...inner, not: true };
      return { key: newKey(), kind: 'group', op: 'and', not: true, children: [inner] };
    }
    case 'attribute':
    case 'score':
      return { key: newKey(), kind: 'cond', type: r.type, field: String(r.field), op: String(r.op), value: r.value as Value };
    case 'purchase': {
      const p = (r.product ?? {}) as R;
      if (r.window && daysOf(r.window) === undefined) return raw();
      const by = p.by as Cond['productBy'];
      const product = by === 'sku' ? (p.skus as string[]).join(',') : by === 'category' ? String(p.category) : by === 'brand' ? String(p.brand) : '';
      return { key: newKey(), kind: 'cond', type: 'purchase', productBy: by, product, metric: r.metric as Cond['metric'], op: String(r.op), value: Number(r.value), windowDays: daysOf(r.window) };
    }
    case 'tag':
      return typeof r.tag_id === 'number' ? { key: newKey(), kind: 'cond', type: 'tag', op: String(r.op), tagId: r.tag_id } : raw();
    case 'event':
      if (r.where || (r.window && daysOf(r.window) === undefined)) return raw();
      return { key: newKey(), kind: 'cond', type: 'event', name: String(r.name), op: String(r.op), value: Number(r.value), windowDays: daysOf(r.window) };
    case 'nps':
      if (r.window && daysOf(r.window) === undefined) return raw();
      return { key: newKey(), kind: 'cond', type: 'nps', band: r.band as Cond['band'], windowDays: daysOf(r.window) };
    case 'complaints':
      if (r.window && daysOf(r.window) === undefined) return raw();
      return { key: newKey(), kind: 'cond', type: 'complaints', op: String(r.op), value: Number(r.value), windowDays: daysOf(r.window) };
    case 'segment':
      return { key: newKey(), kind: 'cond', type: 'segment', op: String(r.op), segmentId: Number(r.segment_id) };
    default:
      return raw();
  }
}

/** A copy of the tree with the node `key` replaced by `f(node)` (or removed when f returns null). */
export function updateNode(root: Group, key: string, f: (n: Node) => Node | null): Group {
  const walk = (n: Node): Node | null => {
    if (n.key === key) return f(n);
    if (n.kind !== 'group') return n;
    return { ...n, children: n.children.map(walk).filter((c): c is Node => c !== null) };
  };
  return (walk(root) as Group | null) ?? newGroup();
}
