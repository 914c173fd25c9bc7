// Validation of a segment rule: the zod schema checks shapes, then a walk over the tree checks
// what depends on the field (operator fits the field's type, value fits the operator). Every
// error names its place in the tree, e.g. `conditions[2].op: operator "gt" is not valid for
// text field "city"`.
import type { z } from 'zod';
import { DomainError, assertNever } from '../errors.js';
import {
  ATTRIBUTE_FIELDS,
  JSON_OPERATORS,
  OPERATORS_BY_TYPE,
  SCORE_FIELDS,
  type FieldDef,
  type FieldType,
  type Operator,
} from './fields.js';
import {
  LIMITS,
  isValidDate,
  segmentRuleSchema,
  type PropertyFilter,
  type RuleValue,
  type SegmentRule,
  type Window,
} from './rule-schema.js';

export interface RuleError {
  /** Where in the tree, e.g. `conditions[2].value`; empty for the root. */
  readonly path: string;
  readonly message: string;
}

export type RuleValidation = { readonly ok: true; readonly rule: SegmentRule } | { readonly ok: false; readonly errors: readonly RuleError[] };

export function formatRuleError(e: RuleError): string {
  return e.path === '' ? e.message : `${e.path}: ${e.message}`;
}

/** Checks untrusted input (JSON from the API or the database) and returns the rule or every error. */
export function validateRule(input: unknown): RuleValidation {
  if (nestingDepth(input, 0) > LIMITS.depth * 3 + 6) {
    return { ok: false, errors: [{ path: '', message: `rule is nested too deeply (at most ${LIMITS.depth} levels of groups)` }] };
  }
  const parsed = segmentRuleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(fromZodIssue) };
  const errors = checkRule(parsed.data);
  return errors.length === 0 ? { ok: true, rule: parsed.data } : { ok: false, errors };
}

/** Like validateRule, but throws DomainError('invalid_input') naming every error. */
export function parseRule(input: unknown): SegmentRule {
  const result = validateRule(input);
  if (result.ok) return result.rule;
  throw ruleErrorsToDomainError(result.errors);
}

export function ruleErrorsToDomainError(errors: readonly RuleError[]): DomainError {
  const first = errors[0];
  const message = `invalid segment rule: ${errors.map(formatRuleError).join('; ')}`;
  return new DomainError('invalid_input', message, first?.path === '' ? undefined : first?.path);
}

/** The checks beyond the schema, for a rule that already has the right shape. */
export function checkRule(rule: SegmentRule): RuleError[] {
  const errors: RuleError[] = [];
  const state = { nodes: 0, depth: 0 };
  checkNode(rule, '', errors, state, 1);
  if (state.nodes > LIMITS.nodes) errors.push({ path: '', message: `rule has ${state.nodes} conditions; at most ${LIMITS.nodes} are allowed` });
  if (state.depth > LIMITS.depth) errors.push({ path: '', message: `rule is nested ${state.depth} levels deep; at most ${LIMITS.depth} are allowed` });
  return errors;
}

function fromZodIssue(issue: z.core.$ZodIssue): RuleError {
  const path = joinPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  }
  return { path, message: issue.message };
}

function joinPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

const at = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function nestingDepth(x: unknown, depth: number): number {
  if (depth > LIMITS.depth * 3 + 6 || typeof x !== 'object' || x === null) return depth;
  let max = depth;
  for (const v of Object.values(x)) max = Math.max(max, nestingDepth(v, depth + 1));
  return max;
}

function checkNode(node: SegmentRule, path: string, errors: RuleError[], state: { nodes: number; depth: number }, depth: number): void {
  state.nodes += 1;
  state.depth = Math.max(state.depth, depth);
  switch (node.type) {
    case 'and':
    case 'or':
      node.conditions.forEach((c, i) => checkNode(c, `${at(path, 'conditions')}[${i}]`, errors, state, depth + 1));
      return;
    case 'not':
      checkNode(node.condition, at(path, 'condition'), errors, state, depth + 1);
      return;
    case 'attribute':
      checkFieldCondition(ATTRIBUTE_FIELDS[node.field], `field "${node.field}"`, node.op, node.value, path, errors);
      return;
    case 'score':
      checkFieldCondition(SCORE_FIELDS[node.field], `field "${node.field}"`, node.op, node.value, path, errors);
      return;
    case 'custom_attribute':
      checkJsonCondition(`custom attribute "${node.key}"`, node.op, node.value, path, errors);
      return;
    case 'tag':
      if ((node.tag_id === undefined) === (node.tag_name === undefined)) {
        errors.push({ path: at(path, 'tag_id'), message: 'name the tag by exactly one of tag_id or tag_name' });
      }
      return;
    case 'purchase':
      if (node.metric === 'orders' && !Number.isInteger(node.value)) {
        errors.push({ path: at(path, 'value'), message: 'a number of orders must be a whole number' });
      }
      if (node.metric === 'spend' && !isCents(node.value)) {
        errors.push({ path: at(path, 'value'), message: 'an amount has at most 2 decimal places' });
      }
      checkWindow(node.window, path, errors);
      return;
    case 'event':
      checkFilters(node.where, at(path, 'where'), errors);
      checkWindow(node.window, path, errors);
      return;
    case 'event_sequence':
      checkFilters(node.first.where, at(path, 'first.where'), errors);
      checkFilters(node.then.where, at(path, 'then.where'), errors);
      checkWindow(node.window, path, errors);
      return;
    case 'nps':
    case 'complaints':
      checkWindow(node.window, path, errors);
      return;
    case 'segment':
      return;
    default:
      assertNever(node);
  }
}

function checkWindow(w: Window | undefined, path: string, errors: RuleError[]): void {
  if (w?.type === 'between' && w.from > w.to) {
    errors.push({ path: at(path, 'window.to'), message: `window ends (${w.to}) before it starts (${w.from})` });
  }
}

function checkFilters(filters: readonly PropertyFilter[] | undefined, path: string, errors: RuleError[]): void {
  filters?.forEach((f, i) => checkJsonCondition(`event property "${f.key}"`, f.op, f.value, `${path}[${i}]`, errors));
}

const TYPE_WORDS: Readonly<Record<FieldType, string>> = {
  text: 'text',
  enum: 'choice',
  integer: 'whole-number',
  number: 'number',
  money: 'money',
  boolean: 'yes/no',
  date: 'date',
  timestamp: 'time',
};

function checkFieldCondition(def: FieldDef, what: string, op: Operator, value: RuleValue | undefined, path: string, errors: RuleError[]): void {
  if (!OPERATORS_BY_TYPE[def.type].includes(op)) {
    errors.push({ path: at(path, 'op'), message: `operator "${op}" is not valid for ${TYPE_WORDS[def.type]} ${what}` });
    return;
  }
  const problem = valueProblem(op, value, (v) => scalarProblem(def, v));
  if (problem) errors.push({ path: problem.sub === '' ? at(path, 'value') : `${at(path, 'value')}${problem.sub}`, message: problem.message });
}

function checkJsonCondition(what: string, op: Operator, value: RuleValue | undefined, path: string, errors: RuleError[]): void {
  if (!JSON_OPERATORS.includes(op)) {
    errors.push({ path: at(path, 'op'), message: `operator "${op}" is not valid for ${what}` });
    return;
  }
  const numeric = op === 'between' || op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte';
  const problem = valueProblem(op, value, (v) => {
    if (numeric) return typeof v === 'number' && Number.isFinite(v) ? undefined : 'expected a number';
    if (op === 'contains' || op === 'not_contains' || op === 'starts_with') return typeof v === 'string' && v !== '' ? undefined : 'expected non-empty text';
    if (typeof v === 'string') return v === '' ? 'expected non-empty text (use is_not_set for a missing value)' : undefined;
    if (typeof v === 'number') return Number.isFinite(v) ? undefined : 'expected a finite number';
    return op === 'in' || op === 'not_in' ? 'expected text or numbers' : undefined;
  });
  if (problem) {
    errors.push({ path: `${at(path, 'value')}${problem.sub}`, message: problem.message });
    return;
  }
  if ((op === 'in' || op === 'not_in') && Array.isArray(value) && new Set(value.map((v) => typeof v)).size > 1) {
    errors.push({ path: at(path, 'value'), message: 'a list must hold only text or only numbers' });
  }
}

interface ValueProblem {
  readonly sub: string;
  readonly message: string;
}

/** Whether the value has the shape the operator needs; `scalar` checks one element. */
function valueProblem(op: Operator, value: RuleValue | undefined, scalar: (v: string | number | boolean) => string | undefined): ValueProblem | undefined {
  const one = (v: RuleValue | undefined, sub = ''): ValueProblem | undefined => {
    if (v === undefined) return { sub, message: `operator "${op}" needs a value` };
    if (Array.isArray(v)) return { sub, message: `operator "${op}" takes one value, not a list` };
    const m = scalar(v);
    return m === undefined ? undefined : { sub, message: `${m}, got ${JSON.stringify(v)}` };
  };
  switch (op) {
    case 'is_set':
    case 'is_not_set':
      return value === undefined ? undefined : { sub: '', message: `operator "${op}" takes no value` };
    case 'in':
    case 'not_in': {
      if (!Array.isArray(value) || value.length === 0) return { sub: '', message: `operator "${op}" needs a non-empty list of values` };
      if (value.length > LIMITS.list) return { sub: '', message: `a list holds at most ${LIMITS.list} values` };
      for (const [i, v] of value.entries()) {
        const p = one(v, `[${i}]`);
        if (p) return p;
      }
      return undefined;
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) return { sub: '', message: 'operator "between" needs a list of two values [low, high]' };
      const [lo, hi] = value as [string | number | boolean, string | number | boolean];
      const p = one(lo, '[0]') ?? one(hi, '[1]');
      if (p) return p;
      return lo > hi ? { sub: '', message: `low end ${JSON.stringify(lo)} is above high end ${JSON.stringify(hi)}` } : undefined;
    }
    case 'more_than_days_ago':
    case 'within_last_days':
      return daysProblem(op, value, LIMITS.days);
    case 'annual_within_next_days':
    case 'annual_within_last_days':
      return daysProblem(op, value, 366);
    case 'equals':
    case 'not_equals':
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return one(value);
    default:
      return assertNever(op);
  }
}

function daysProblem(op: Operator, value: RuleValue | undefined, max: number): ValueProblem | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return { sub: '', message: `operator "${op}" needs a whole number of days` };
  if (value < 0) return { sub: '', message: 'number of days must not be negative' };
  if (value > max) return { sub: '', message: `number of days must be at most ${max}` };
  return undefined;
}

/** Why one value does not fit a field, or undefined when it does. */
function scalarProblem(def: FieldDef, v: string | number | boolean): string | undefined {
  switch (def.type) {
    case 'text':
      return typeof v === 'string' && v !== '' ? undefined : 'expected non-empty text';
    case 'enum': {
      const allowed = def.values?.map((x) => x.value) ?? [];
      return typeof v === 'string' && allowed.includes(v) ? undefined : `expected one of ${allowed.join(', ')}`;
    }
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v) ? undefined : 'expected a whole number';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : 'expected a number';
    case 'money':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'expected an amount';
      return isCents(v) ? undefined : 'expected an amount with at most 2 decimal places';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'expected true or false';
    case 'date':
    case 'timestamp':
      return typeof v === 'string' && isValidDate(v) ? undefined : 'expected a date YYYY-MM-DD';
    default:
      return assertNever(def.type);
  }
}

function isCents(v: number): boolean {
  return Math.abs(v) < 1e13 && Math.abs(Math.round(v * 100) - v * 100) < 1e-6;
}
