// Value predicates: one operator applied to a whitelisted column, or to a key of a JSON column.
// Every value is a bound parameter; type names in CASTs and column references come from code.
// Each predicate is two-valued (never NULL), so NOT of it is the exact complement: a negative
// operator (not_equals, not_in, not_contains, is_not_set) matches customers without the value.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { assertNever } from '../errors.js';
import { addDays, annualRanges, DAY_MS, sqlTimestamp, startOfDay } from './dates.js';
import { NEGATION, type FieldDef, type Operator } from './fields.js';
import type { RuleValue, Scalar } from './rule-schema.js';

export type Pred = RawBuilder<SqlBool>;

export const TRUE: Pred = sql<SqlBool>`TRUE`;
export const FALSE: Pred = sql<SqlBool>`FALSE`;

/** What relative dates are measured from. */
export interface Clock {
  readonly now: Date;
  readonly timeZone: string;
  /** The business-time-zone date of `now`. */
  readonly today: string;
}

export function positiveOp(op: Operator): { readonly op: Operator; readonly negated: boolean } {
  const positive = NEGATION[op];
  return positive === undefined ? { op, negated: false } : { op: positive, negated: true };
}

/**
 * The predicate "column holds a value and it satisfies the positive operator" for a field.
 * The caller negates it for negative operators (see positiveOp).
 */
export function fieldPredicate(col: Expression<unknown>, def: FieldDef, op: Operator, value: RuleValue | undefined, clock: Clock): Pred {
  const p = fieldTest(col, def, op, value, clock);
  return sql<SqlBool>`(${col} IS NOT NULL AND ${p})`;
}

function fieldTest(col: Expression<unknown>, def: FieldDef, op: Operator, value: RuleValue | undefined, clock: Clock): Pred {
  const bind = (v: Scalar): RawBuilder<unknown> => param(def, v);
  switch (op) {
    case 'is_set':
      return def.type === 'text' ? sql<SqlBool>`${col} <> ${''}` : TRUE;
    case 'equals':
      if (def.type === 'timestamp') return dayRange(col, scalar(value), scalar(value), clock);
      return sql<SqlBool>`${col} = ${bind(scalar(value))}`;
    case 'in':
      return sql<SqlBool>`${col} IN (${sql.join(list(value).map(bind))})`;
    case 'contains':
      return sql<SqlBool>`strpos(${col}, ${textParam(text(value))}) > 0`;
    case 'starts_with':
      return sql<SqlBool>`starts_with(${col}, ${textParam(text(value))})`;
    case 'between': {
      const [lo, hi] = pair(value);
      if (def.type === 'timestamp') return dayRange(col, lo, hi, clock);
      return sql<SqlBool>`${col} BETWEEN ${bind(lo)} AND ${bind(hi)}`;
    }
    case 'gt':
      if (def.type === 'timestamp') return sql<SqlBool>`${col} >= ${ts(startOfDay(addDays(date(value), 1), clock.timeZone))}`;
      return sql<SqlBool>`${col} > ${bind(scalar(value))}`;
    case 'gte':
      if (def.type === 'timestamp') return sql<SqlBool>`${col} >= ${ts(startOfDay(date(value), clock.timeZone))}`;
      return sql<SqlBool>`${col} >= ${bind(scalar(value))}`;
    case 'lt':
      if (def.type === 'timestamp') return sql<SqlBool>`${col} < ${ts(startOfDay(date(value), clock.timeZone))}`;
      return sql<SqlBool>`${col} < ${bind(scalar(value))}`;
    case 'lte':
      if (def.type === 'timestamp') return sql<SqlBool>`${col} < ${ts(startOfDay(addDays(date(value), 1), clock.timeZone))}`;
      return sql<SqlBool>`${col} <= ${bind(scalar(value))}`;
    case 'more_than_days_ago': {
      const n = days(value);
      if (def.type === 'date') return sql<SqlBool>`${col} < ${dateParam(addDays(clock.today, -n))}`;
      return sql<SqlBool>`${col} < ${ts(new Date(clock.now.getTime() - n * DAY_MS))}`;
    }
    case 'within_last_days': {
      const n = days(value);
      if (def.type === 'date') return sql<SqlBool>`${col} BETWEEN ${dateParam(addDays(clock.today, -n))} AND ${dateParam(clock.today)}`;
      return sql<SqlBool>`${col} BETWEEN ${ts(new Date(clock.now.getTime() - n * DAY_MS))} AND ${ts(clock.now)}`;
    }
    case 'annual_within_next_days':
    case 'annual_within_last_days': {
      const ranges = annualRanges(clock.today, op === 'annual_within_next_days' ? 'next' : 'last', days(value));
      if (ranges === 'all') return TRUE;
      const md = sql`(EXTRACT(MONTH FROM ${col}) * 100 + EXTRACT(DAY FROM ${col}))`;
      const parts = ranges.map(([a, b]) => sql<SqlBool>`${md} BETWEEN ${int(a)} AND ${int(b)}`);
      return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
    }
    case 'not_equals':
    case 'not_in':
    case 'not_contains':
    case 'is_not_set':
      throw new Error(`negative operator ${op} reached fieldTest; use positiveOp first`);
    default:
      return assertNever(op);
  }
}

/** Whole business-time-zone days from `from` to `to` (inclusive) on a timestamp column. */
function dayRange(col: Expression<unknown>, from: Scalar, to: Scalar, clock: Clock): Pred {
  const start = startOfDay(String(from), clock.timeZone);
  const end = startOfDay(addDays(String(to), 1), clock.timeZone);
  return sql<SqlBool>`${col} >= ${ts(start)} AND ${col} < ${ts(end)}`;
}

/** A value bound with the CAST its field's type needs, so both engines read it the same. */
function param(def: FieldDef, v: Scalar): RawBuilder<unknown> {
  switch (def.type) {
    case 'text':
    case 'enum':
      return sql`CAST(${String(v)} AS TEXT)`;
    case 'integer':
      return sql`CAST(${Number(v)} AS BIGINT)`;
    case 'number':
      return sql`CAST(${Number(v)} AS DOUBLE PRECISION)`;
    case 'money':
      return sql`CAST(${Number(v)} AS DECIMAL(18,2))`;
    case 'boolean':
      return sql`CAST(${v === true} AS BOOLEAN)`;
    case 'date':
      return dateParam(String(v));
    case 'timestamp':
      return ts(startOfDay(String(v), 'UTC'));
    default:
      return assertNever(def.type);
  }
}

export function ts(d: Date): RawBuilder<unknown> {
  return sql`CAST(${sqlTimestamp(d)} AS TIMESTAMP)`;
}

export function dateParam(d: string): RawBuilder<unknown> {
  return sql`CAST(${d} AS DATE)`;
}

export function int(n: number): RawBuilder<unknown> {
  return sql`CAST(${n} AS BIGINT)`;
}

export function textParam(s: string): RawBuilder<unknown> {
  return sql`CAST(${s} AS TEXT)`;
}

/** Numbers in JSON text, the only text the numeric comparisons cast (others compare as NULL). */
const NUMBER_PATTERN = '^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$';

/**
 * The predicate for one operator on a key of a JSON column (`attributes`, `properties`). The key
 * is a bound parameter; `->>` reads it as text in both engines. Numbers compare numerically,
 * text and booleans as text.
 */
export function jsonPredicate(json: Expression<unknown>, key: string, op: Operator, value: RuleValue | undefined): Pred {
  const { op: pos, negated } = positiveOp(op);
  const p = sql<SqlBool>`COALESCE(${jsonTest(json, key, pos, value)}, FALSE)`;
  return negated ? sql<SqlBool>`NOT ${p}` : p;
}

function jsonTest(json: Expression<unknown>, key: string, op: Operator, value: RuleValue | undefined): Pred {
  const v = sql`(${json} ->> ${textParam(key)})`;
  const num = sql`(CASE WHEN ${v} ~ ${textParam(NUMBER_PATTERN)} THEN CAST(${v} AS DOUBLE PRECISION) END)`;
  const dbl = (x: Scalar): RawBuilder<unknown> => sql`CAST(${Number(x)} AS DOUBLE PRECISION)`;
  const txt = (x: Scalar): RawBuilder<unknown> => textParam(String(x));
  switch (op) {
    case 'is_set':
      return sql<SqlBool>`(${v} IS NOT NULL AND ${v} <> ${''})`;
    case 'equals': {
      const x = scalar(value);
      return typeof x === 'number' ? sql<SqlBool>`${num} = ${dbl(x)}` : sql<SqlBool>`${v} = ${txt(x)}`;
    }
    case 'in': {
      const xs = list(value);
      return typeof xs[0] === 'number' ? sql<SqlBool>`${num} IN (${sql.join(xs.map(dbl))})` : sql<SqlBool>`${v} IN (${sql.join(xs.map(txt))})`;
    }
    case 'contains':
      return sql<SqlBool>`strpos(${v}, ${textParam(text(value))}) > 0`;
    case 'starts_with':
      return sql<SqlBool>`starts_with(${v}, ${textParam(text(value))})`;
    case 'between': {
      const [lo, hi] = pair(value);
      return sql<SqlBool>`${num} BETWEEN ${dbl(lo)} AND ${dbl(hi)}`;
    }
    case 'gt':
      return sql<SqlBool>`${num} > ${dbl(scalar(value))}`;
    case 'gte':
      return sql<SqlBool>`${num} >= ${dbl(scalar(value))}`;
    case 'lt':
      return sql<SqlBool>`${num} < ${dbl(scalar(value))}`;
    case 'lte':
      return sql<SqlBool>`${num} <= ${dbl(scalar(value))}`;
    case 'not_equals':
    case 'not_in':
    case 'not_contains':
    case 'is_not_set':
    case 'more_than_days_ago':
    case 'within_last_days':
    case 'annual_within_next_days':
    case 'annual_within_last_days':
      throw new Error(`operator ${op} is not valid on a JSON key (the rule was not validated)`);
    default:
      return assertNever(op);
  }
}

// Narrowing helpers: validation guarantees the shapes; a mismatch here is a bug.

function scalar(v: RuleValue | undefined): Scalar {
  if (v === undefined || Array.isArray(v)) throw new Error('expected one value (the rule was not validated)');
  return v;
}

function list(v: RuleValue | undefined): Scalar[] {
  if (!Array.isArray(v) || v.length === 0) throw new Error('expected a list (the rule was not validated)');
  return v;
}

function pair(v: RuleValue | undefined): [Scalar, Scalar] {
  const xs = list(v);
  const [a, b] = xs;
  if (xs.length !== 2 || a === undefined || b === undefined) throw new Error('expected two values (the rule was not validated)');
  return [a, b];
}

function text(v: RuleValue | undefined): string {
  const x = scalar(v);
  if (typeof x !== 'string') throw new Error('expected text (the rule was not validated)');
  return x;
}

function date(v: RuleValue | undefined): string {
  return text(v);
}

function days(v: RuleValue | undefined): number {
  const x = scalar(v);
  if (typeof x !== 'number') throw new Error('expected a number of days (the rule was not validated)');
  return x;
}
