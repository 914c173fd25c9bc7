// Conditions on other tables, each as a semi-join (`customers.id IN (SELECT customer_id ...)`)
// or an anti-join (`NOT (customers.id IN (...))`). Subqueries never select a NULL customer_id,
// so both forms are two-valued. "At most n" is the anti-join of "more than n", so customers with
// no rows at all match it.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { assertNever } from '../errors.js';
import { windowRange, type TimeRange } from './dates.js';
import { NPS_BANDS } from './fields.js';
import { FALSE, TRUE, fieldPredicate, int, jsonPredicate, positiveOp, textParam, ts, type Clock, type Pred } from './compile-values.js';
import { SCORE_FIELDS } from './fields.js';
import type {
  ComplaintsCondition,
  CountOp,
  EventCondition,
  EventSequenceCondition,
  EventStep,
  NpsCondition,
  PurchaseCondition,
  ScoreCondition,
  TagCondition,
  Window,
} from './rule-schema.js';

const CUSTOMER_ID = sql.ref('customers.id');

export function memberOf(sub: Expression<unknown>): Pred {
  return sql<SqlBool>`${CUSTOMER_ID} IN (${sub})`;
}

export function notMemberOf(sub: Expression<unknown>): Pred {
  return sql<SqlBool>`NOT (${CUSTOMER_ID} IN (${sub}))`;
}

function and(parts: readonly Pred[]): Pred {
  return parts.length === 0 ? TRUE : sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

function inRange(col: Expression<unknown>, r: TimeRange): Pred[] {
  const upper = r.toInclusive ? sql<SqlBool>`${col} <= ${ts(r.to)}` : sql<SqlBool>`${col} < ${ts(r.to)}`;
  return r.from === undefined ? [upper] : [sql<SqlBool>`${col} >= ${ts(r.from)}`, upper];
}

interface Aggregate {
  /** `FROM ...` contents (constant SQL with bound values). */
  readonly from: RawBuilder<unknown>;
  readonly customer: RawBuilder<unknown>;
  readonly where: readonly Pred[];
  readonly metric: RawBuilder<unknown>;
  /** The metric counts rows (so "at least 1" needs no HAVING), rather than summing money. */
  readonly counts: boolean;
}

function select(a: Aggregate, having: Pred | undefined): RawBuilder<unknown> {
  const base = sql`SELECT ${a.customer} FROM ${a.from} WHERE ${and(a.where)}`;
  return having === undefined ? base : sql`${base} GROUP BY ${a.customer} HAVING ${having}`;
}

/** Customers whose metric is at least / at most n (customers with no rows have metric 0). */
function threshold(a: Aggregate, op: CountOp, n: number): Pred {
  const bound = a.counts ? int(n) : sql`CAST(${n} AS DECIMAL(18,2))`;
  switch (op) {
    case 'at_least':
      if (n <= 0) return TRUE;
      return memberOf(select(a, a.counts && n === 1 ? undefined : sql<SqlBool>`${a.metric} >= ${bound}`));
    case 'at_most':
      return notMemberOf(select(a, a.counts && n === 0 ? undefined : sql<SqlBool>`${a.metric} > ${bound}`));
    default:
      return assertNever(op);
  }
}

const range = (w: Window | undefined, clock: Clock): TimeRange => windowRange(w, clock.now, clock.timeZone);

export function purchasePredicate(c: PurchaseCondition, clock: Clock): Pred {
  const spend = c.metric === 'spend';
  const p = c.product;
  if (p.by === 'any') {
    const where: Pred[] = [sql<SqlBool>`o.status = ${textParam('paid')}`, ...inRange(sql.ref('o.ordered_at'), range(c.window, clock))];
    return threshold({ from: sql`orders AS o`, customer: sql.ref('o.customer_id'), where, metric: spend ? sql`sum(o.total)` : sql`count(*)`, counts: !spend }, c.op, c.value);
  }
  // Order lines carry their order's customer, time and status (migration 005): no join to orders.
  const where: Pred[] = [sql<SqlBool>`oi.status = ${textParam('paid')}`, ...inRange(sql.ref('oi.ordered_at'), range(c.window, clock))];
  let from: RawBuilder<unknown>;
  switch (p.by) {
    case 'sku':
      from = sql`order_items AS oi`;
      where.push(sql<SqlBool>`oi.sku IN (${sql.join(p.skus.map(textParam))})`);
      break;
    case 'category':
      from = sql`order_items AS oi JOIN products AS p ON p.sku = oi.sku`;
      where.push(sql<SqlBool>`(p.category = ${textParam(p.category)} OR starts_with(p.category, ${textParam(`${p.category}/`)}))`);
      break;
    case 'brand':
      from = sql`order_items AS oi JOIN products AS p ON p.sku = oi.sku`;
      where.push(sql<SqlBool>`p.brand = ${textParam(p.brand)}`);
      break;
    default:
      return assertNever(p);
  }
  const metric = spend ? sql`sum(oi.amount)` : sql`count(DISTINCT oi.order_id)`;
  return threshold({ from, customer: sql.ref('oi.customer_id'), where, metric, counts: !spend }, c.op, c.value);
}

function stepFilters(alias: 'e' | 'a' | 'b', step: EventStep): Pred[] {
  const props = sql.ref(`${alias}.properties`);
  return [
    sql<SqlBool>`${sql.ref(`${alias}.name`)} = ${textParam(step.name)}`,
    ...(step.where ?? []).map((f) => jsonPredicate(props, f.key, f.op, f.value)),
  ];
}

export function eventPredicate(c: EventCondition, clock: Clock): Pred {
  const where = [sql<SqlBool>`e.customer_id IS NOT NULL`, ...stepFilters('e', c), ...inRange(sql.ref('e.occurred_at'), range(c.window, clock))];
  return threshold({ from: sql`events AS e`, customer: sql.ref('e.customer_id'), where, metric: sql`count(*)`, counts: true }, c.op, c.value);
}

export function eventSequencePredicate(c: EventSequenceCondition, clock: Clock): Pred {
  const where = [
    sql<SqlBool>`a.customer_id IS NOT NULL`,
    ...stepFilters('a', c.first),
    ...inRange(sql.ref('a.occurred_at'), range(c.window, clock)),
    ...stepFilters('b', c.then),
    sql<SqlBool>`b.occurred_at >= a.occurred_at`,
    sql<SqlBool>`b.message_id <> a.message_id`,
    sql<SqlBool>`b.occurred_at <= a.occurred_at + CAST(${c.within_days} AS INTEGER) * INTERVAL '1 day'`,
    sql<SqlBool>`b.occurred_at <= ${ts(clock.now)}`,
  ];
  return memberOf(sql`SELECT a.customer_id FROM events AS a JOIN events AS b ON b.customer_id = a.customer_id WHERE ${and(where)}`);
}

export function npsPredicate(c: NpsCondition, clock: Clock): Pred {
  const band = NPS_BANDS[c.band];
  const where = [sql<SqlBool>`f.type = ${textParam('nps')}`, sql<SqlBool>`f.score IS NOT NULL`, ...inRange(sql.ref('f.submitted_at'), range(c.window, clock))];
  const latest = sql`SELECT f.customer_id, f.score, ROW_NUMBER() OVER (PARTITION BY f.customer_id ORDER BY f.submitted_at DESC, f.feedback_id DESC) AS rn FROM feedback AS f WHERE ${and(where)}`;
  return memberOf(sql`SELECT l.customer_id FROM (${latest}) AS l WHERE l.rn = 1 AND l.score BETWEEN ${int(band.min)} AND ${int(band.max)}`);
}

export function complaintsPredicate(c: ComplaintsCondition, clock: Clock): Pred {
  const where = [sql<SqlBool>`f.type = ${textParam('complaint')}`, ...inRange(sql.ref('f.submitted_at'), range(c.window, clock))];
  return threshold({ from: sql`feedback AS f`, customer: sql.ref('f.customer_id'), where, metric: sql`count(*)`, counts: true }, c.op, c.value);
}

export function tagPredicate(c: TagCondition): Pred {
  const sub =
    c.tag_id !== undefined
      ? sql`SELECT ct.customer_id FROM customer_tags AS ct WHERE ct.exited_at IS NULL AND ct.tag_id = ${int(c.tag_id)}`
      : c.tag_name !== undefined
        ? sql`SELECT ct.customer_id FROM customer_tags AS ct JOIN tags AS t ON t.id = ct.tag_id WHERE ct.exited_at IS NULL AND t.name = ${textParam(c.tag_name)}`
        : undefined;
  if (sub === undefined) return FALSE;
  return c.op === 'has' ? memberOf(sub) : notMemberOf(sub);
}

export function staticSegmentPredicate(segmentId: number, op: 'in' | 'not_in'): Pred {
  const sub = sql`SELECT sm.customer_id FROM segment_members AS sm WHERE sm.exited_at IS NULL AND sm.segment_id = ${int(segmentId)}`;
  return op === 'in' ? memberOf(sub) : notMemberOf(sub);
}

/** Score conditions read the latest scores; customers without a score row have no value. */
export function scorePredicate(c: ScoreCondition, clock: Clock): Pred {
  const def = SCORE_FIELDS[c.field];
  const { op, negated } = positiveOp(c.op);
  const test = fieldPredicate(sql.ref(`cs.${def.column}`), def, op, c.value, clock);
  const sub = sql`SELECT cs.customer_id FROM customer_scores AS cs WHERE ${test}`;
  return negated ? notMemberOf(sub) : memberOf(sub);
}
