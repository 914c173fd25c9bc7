// `tend segment count` / `explain` and the live count of the segment builder.
import { compileRule, countQuery, describeRule, parseRule } from '../../core/segments/index.js';
import type { Store } from '../../store/open-store.js';
import { ruleContext } from './segment-context.js';

export interface RuleCount {
  readonly count: number;
  readonly sample: readonly number[];
}

export async function countRule(store: Store, input: unknown, opts: { sample?: number; now?: Date } = {}): Promise<RuleCount> {
  const rule = parseRule(input);
  const ctx = await ruleContext(store, { ...(opts.now ? { now: opts.now } : {}) });
  const n = await countQuery(store.db, rule, ctx.compile).executeTakeFirstOrThrow();
  const sample = await compileRule(store.db, rule, ctx.compile).orderBy('customers.id').limit(opts.sample ?? 10).execute();
  return { count: Number(n.n), sample: sample.map((r) => r.id) };
}

export interface RuleExplanation {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly zh: string;
  readonly en: string;
}

export async function explainRule(store: Store, input: unknown, opts: { now?: Date } = {}): Promise<RuleExplanation> {
  const rule = parseRule(input);
  const ctx = await ruleContext(store, { ...(opts.now ? { now: opts.now } : {}) });
  const compiled = compileRule(store.db, rule, ctx.compile).compile();
  return {
    sql: compiled.sql,
    parameters: compiled.parameters,
    zh: describeRule(rule, 'zh-CN', ctx.describe),
    en: describeRule(rule, 'en', ctx.describe),
  };
}
