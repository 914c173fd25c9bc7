// Compiles a segment rule into one Kysely query selecting the ids of the live customers it
// matches. The SQL is what both DuckDB and PostgreSQL accept; every value is a bound parameter;
// relative dates are computed here from the injected `now`.
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../store/schema.js';
import { DomainError, assertNever } from '../errors.js';
import {
  complaintsPredicate,
  eventPredicate,
  eventSequencePredicate,
  npsPredicate,
  purchasePredicate,
  scorePredicate,
  staticSegmentPredicate,
  tagPredicate,
} from './compile-activity.js';
import { FALSE, TRUE, fieldPredicate, jsonPredicate, positiveOp, type Clock, type Pred } from './compile-values.js';
import { DEFAULT_TIME_ZONE, localDate } from './dates.js';
import { ATTRIBUTE_FIELDS } from './fields.js';
import { findSegmentCycle } from './references.js';
import type { SegmentRule } from './rule-schema.js';
import { checkRule, formatRuleError, ruleErrorsToDomainError } from './validate.js';

export interface CompileContext {
  /** The moment relative windows ("last 30 days") count back from. */
  readonly now: Date;
  /** Business time zone for whole days and birthdays; default Asia/Shanghai. */
  readonly timeZone?: string;
  /** The segment this rule belongs to, if any (a reference back to it is a cycle). */
  readonly segmentId?: number;
  /** The rule of a dynamic segment; undefined for static or unknown segments (read from segment_members). */
  readonly segmentRule?: (id: number) => SegmentRule | undefined;
}

export type MemberQuery = SelectQueryBuilder<Database, 'customers', { id: number }>;

/** `SELECT customers.id FROM customers WHERE merged_into IS NULL AND <rule>`. */
export function compileRule(db: Kysely<Database>, rule: SegmentRule, ctx: CompileContext): MemberQuery {
  const predicate = rulePredicate(rule, ctx);
  return db.selectFrom('customers').select('customers.id').where('customers.merged_into', 'is', null).where(predicate);
}

/** `SELECT count(*) AS n` over the members. */
export function countQuery(db: Kysely<Database>, rule: SegmentRule, ctx: CompileContext) {
  return db.selectFrom(compileRule(db, rule, ctx).as('m')).select((eb) => eb.fn.countAll<number>().as('n'));
}

/**
 * The rule as a boolean expression over the `customers` table (referred to by that name), for
 * queries that need it inside a larger statement. Throws DomainError('invalid_input') for a
 * rule that fails validation or refers to segments in a cycle.
 */
export function rulePredicate(rule: SegmentRule, ctx: CompileContext): Expression<SqlBool> {
  const cycle = findSegmentCycle(rule, ctx.segmentRule, ctx.segmentId);
  if (cycle) throw new DomainError('invalid_input', `segment rule refers back to itself: segment ${cycle.join(' → ')}`, 'rule');
  const timeZone = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  const clock: Clock = { now: ctx.now, timeZone, today: localDate(ctx.now, timeZone) };
  return new RuleCompiler(clock, ctx.segmentRule).compile(rule);
}

class RuleCompiler {
  constructor(
    private readonly clock: Clock,
    private readonly segmentRule: ((id: number) => SegmentRule | undefined) | undefined,
  ) {}

  compile(rule: SegmentRule): Pred {
    const errors = checkRule(rule);
    if (errors.length > 0) throw ruleErrorsToDomainError(errors);
    return this.node(rule);
  }

  private node(node: SegmentRule): Pred {
    switch (node.type) {
      case 'and':
        return this.group(node.conditions, 'AND');
      case 'or':
        return this.group(node.conditions, 'OR');
      case 'not':
        return sql<SqlBool>`NOT (${this.node(node.condition)})`;
      case 'attribute': {
        const def = ATTRIBUTE_FIELDS[node.field];
        const { op, negated } = positiveOp(node.op);
        const p = fieldPredicate(sql.ref(`customers.${def.column}`), def, op, node.value, this.clock);
        return negated ? sql<SqlBool>`NOT ${p}` : p;
      }
      case 'custom_attribute':
        return jsonPredicate(sql.ref('customers.attributes'), node.key, node.op, node.value);
      case 'score':
        return scorePredicate(node, this.clock);
      case 'tag':
        return tagPredicate(node);
      case 'purchase':
        return purchasePredicate(node, this.clock);
      case 'event':
        return eventPredicate(node, this.clock);
      case 'event_sequence':
        return eventSequencePredicate(node, this.clock);
      case 'nps':
        return npsPredicate(node, this.clock);
      case 'complaints':
        return complaintsPredicate(node, this.clock);
      case 'segment': {
        // Dynamic segments are inlined (cycles were rejected up front); static ones read members.
        const nested = this.segmentRule?.(node.segment_id);
        if (nested === undefined) return staticSegmentPredicate(node.segment_id, node.op);
        const errors = checkRule(nested);
        if (errors.length > 0) {
          throw new DomainError('invalid_input', `segment ${node.segment_id} has an invalid rule: ${errors.map(formatRuleError).join('; ')}`, 'rule');
        }
        const p = this.node(nested);
        return node.op === 'in' ? sql<SqlBool>`(${p})` : sql<SqlBool>`NOT (${p})`;
      }
      default:
        return assertNever(node);
    }
  }

  private group(conditions: readonly SegmentRule[], joiner: 'AND' | 'OR'): Pred {
    if (conditions.length === 0) return joiner === 'AND' ? TRUE : FALSE;
    const parts = conditions.map((c) => this.node(c));
    if (parts.length === 1 && parts[0] !== undefined) return parts[0];
    return sql<SqlBool>`(${sql.join(parts, joiner === 'AND' ? sql` AND ` : sql` OR `)})`;
  }
}
