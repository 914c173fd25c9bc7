// Keeps a membership table in step with a rule: who entered and who left since the last
// refresh, with entered_at / exited_at history, and an event per entry and exit so journeys
// can start on them. One transaction; set operations only; every value bound.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Engine } from '../../store/engine.js';
import type { Database } from '../../store/schema.js';
import { dialectSql } from '../../store/sql-session.js';

export interface MembershipTarget {
  /** 'segment' -> segment_members(segment_id); 'tag' -> customer_tags(tag_id) */
  readonly kind: 'segment' | 'tag';
  readonly id: number;
  readonly name: string;
}

export interface RefreshResult {
  readonly entered: number;
  readonly exited: number;
  readonly members: number;
}

/** Runs `memberSql` (selecting `id`) and applies the difference to the target's history. */
export async function applyMembership(db: Kysely<Database>, engine: Engine, target: MembershipTarget, memberSql: CompiledQuery, now: Date, actor: string): Promise<RefreshResult> {
  return db.transaction().execute((trx) => refreshIn(trx, engine, target, memberSql, now, actor));
}

async function refreshIn(trx: Transaction<Database>, engine: Engine, target: MembershipTarget, memberSql: CompiledQuery, now: Date, actor: string): Promise<RefreshResult> {
  const run = async (text: string, params: readonly unknown[] = []) =>
    Number((await trx.executeQuery(CompiledQuery.raw(text, [...params]))).numAffectedRows ?? 0);
  const [table, key] = target.kind === 'segment' ? ['segment_members', 'segment_id'] : ['customer_tags', 'tag_id'];
  const current = (p: string) => `SELECT customer_id FROM ${table} WHERE ${key} = ${p} AND exited_at IS NULL`;
  // Anti-joins as NOT EXISTS: PostgreSQL turns NOT IN over a large subquery into a nested loop.
  for (const t of ['member_now', 'member_in', 'member_out']) await run(`DROP TABLE IF EXISTS ${t}`);
  await run(`CREATE TEMP TABLE member_now AS ${memberSql.sql}`, memberSql.parameters);
  await run(`CREATE TEMP TABLE member_in AS SELECT n.id FROM member_now n
    WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${key} = $1 AND t.exited_at IS NULL AND t.customer_id = n.id)`, [target.id]);
  await run(`CREATE TEMP TABLE member_out AS SELECT c.customer_id AS id FROM (${current('$1')}) c
    WHERE NOT EXISTS (SELECT 1 FROM member_now n WHERE n.id = c.customer_id)`, [target.id]);
  const entered = target.kind === 'segment'
    ? await run(`INSERT INTO segment_members (segment_id, customer_id, entered_at) SELECT $1, id, $2 FROM member_in`, [target.id, now])
    : await run(`INSERT INTO customer_tags (customer_id, tag_id, source, set_by, entered_at) SELECT id, $1, 'rule', $3, $2 FROM member_in`, [target.id, now, actor]);
  const exited = await run(`UPDATE ${table} SET exited_at = $1 WHERE ${key} = $2 AND exited_at IS NULL
    AND customer_id IN (SELECT id FROM member_out)`, [now, target.id]);
  const props = JSON.stringify({ [`${target.kind}_id`]: target.id, name: target.name });
  for (const [what, from] of [['entered', 'member_in'], ['exited', 'member_out']] as const) {
    await run(`INSERT INTO events (message_id, customer_id, origin_customer_id, anonymous_id, name, occurred_at, properties, received_at)
      SELECT $1 || CAST(id AS TEXT), id, id, NULL, $2, $3, CAST($4 AS ${dialectSql.json(engine)}), $3 FROM ${from}`,
      [`${target.kind}:${target.id}:${what}:${now.toISOString()}:`, `${target.kind}_${what}`, now, props]);
  }
  const members = Number((await trx.executeQuery<{ n: number }>(CompiledQuery.raw(`SELECT count(*) AS n FROM member_now`))).rows[0]?.n ?? 0);
  for (const t of ['member_now', 'member_in', 'member_out']) await run(`DROP TABLE ${t}`);
  return { entered, exited, members };
}
