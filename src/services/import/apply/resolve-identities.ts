// OneID over a staged batch, as set operations both engines run: rows that share any
// identifier, directly or through an existing customer, form one component; a component
// maps to its oldest existing customer (others merge into it) or to a new customer.
//
// Input temp tables: `stg_ids(row_no, kind, value)` (normalised identities of good rows).
// Output temp table: `row_customer(row_no, customer_id)`; merges are applied and recorded.
import type { SqlSession } from '../../../store/sql-session.js';

export interface ResolveOptions {
  /** Create customers for components that name nobody known (false: leave them unresolved). */
  readonly createMissing: boolean;
  readonly source: string;
  readonly actor: string;
  readonly now: Date;
}

export interface ResolveResult {
  readonly created: number;
  readonly merged: number;
  /** pairs of customers this batch linked that an unmerge had separated: left apart */
  readonly keptApart: number;
}

const MAX_ROUNDS = 50;

export async function resolveIdentities(s: SqlSession, opts: ResolveOptions): Promise<ResolveResult> {
  const { multi } = await s.one<{ multi: boolean }>(`SELECT count(*) > count(DISTINCT row_no) AS multi FROM stg_ids`);
  if (!multi) return resolveSingleIdentity(s, opts);
  // Each row linked to its identities and to the existing customers those identities belong to.
  await s.run(`CREATE TEMP TABLE s_links AS
    SELECT row_no, kind, value FROM stg_ids
    UNION
    SELECT x.row_no, '#customer', CAST(i.customer_id AS TEXT)
    FROM stg_ids x JOIN identities i ON i.kind = x.kind AND i.value = x.value`);
  await s.run(`CREATE TEMP TABLE lab AS SELECT row_no, min(row_no) AS lab FROM s_links GROUP BY row_no`);

  // Label propagation: every row takes the smallest label reachable through a shared node.
  for (let round = 0; ; round++) {
    if (round >= MAX_ROUNDS) throw new Error('identity resolution did not converge');
    await s.run(`CREATE TEMP TABLE node_lab AS
      SELECT k.kind, k.value, min(l.lab) AS lab FROM s_links k JOIN lab l ON l.row_no = k.row_no GROUP BY k.kind, k.value`);
    await s.run(`CREATE TEMP TABLE lab2 AS
      SELECT k.row_no, min(n.lab) AS lab FROM s_links k JOIN node_lab n ON n.kind = k.kind AND n.value = k.value GROUP BY k.row_no`);
    const { changed } = await s.one<{ changed: number }>(
      `SELECT count(*) AS changed FROM lab2 JOIN lab ON lab.row_no = lab2.row_no WHERE lab2.lab <> lab.lab`,
    );
    await s.run(`DROP TABLE node_lab`);
    await s.run(`DROP TABLE lab`);
    await s.run(`ALTER TABLE lab2 RENAME TO lab`);
    if (Number(changed) === 0) break;
  }

  await s.run(`CREATE TEMP TABLE comp_hits AS
    SELECT DISTINCT l.lab, CAST(k.value AS BIGINT) AS customer_id
    FROM s_links k JOIN lab l ON l.row_no = k.row_no WHERE k.kind = '#customer'`);
  await s.run(`CREATE TEMP TABLE comp_customer AS SELECT lab, min(customer_id) AS customer_id FROM comp_hits GROUP BY lab`);
  await s.run(`CREATE TEMP TABLE merge_pairs AS
    SELECT h.lab, c.customer_id AS survivor, h.customer_id AS merged
    FROM comp_hits h JOIN comp_customer c ON c.lab = h.lab WHERE h.customer_id <> c.customer_id`);
  // An operator who undid a merge said these two are different people: a later record linking
  // them again attaches to the survivor but does not merge them.
  const keptApart = await s.run(`DELETE FROM merge_pairs WHERE EXISTS (SELECT 1 FROM merges u WHERE u.undone_at IS NOT NULL
    AND ((u.survivor_id = merge_pairs.survivor AND u.merged_id = merge_pairs.merged)
      OR (u.survivor_id = merge_pairs.merged AND u.merged_id = merge_pairs.survivor)))`);

  // Components with no known customer get a new one, unless they only carry anonymous ids.
  // Ids follow file order (ORDER BY lab) so that customer 1 is the file's first customer.
  // The named components are listed first, as their own table: written as a correlated EXISTS,
  // PostgreSQL planned it as a nested loop that took minutes on 100,000 customers.
  await s.run(`CREATE TEMP TABLE named_labs AS
    SELECT DISTINCT l2.lab FROM s_links k2 JOIN lab l2 ON l2.row_no = k2.row_no WHERE ${opts.createMissing ? `k2.kind <> 'anonymous_id'` : 'false'}`);
  await s.run(`CREATE TEMP TABLE new_comp AS
    SELECT lab, nextval('customer_id_seq') AS customer_id FROM (
      SELECT n.lab FROM named_labs n
      WHERE NOT EXISTS (SELECT 1 FROM comp_hits h WHERE h.lab = n.lab)
      ORDER BY n.lab) t`);
  const created = await s.run(`INSERT INTO customers (id, created_at, updated_at) SELECT customer_id, $1, $1 FROM new_comp`, [opts.now]);
  await s.run(`INSERT INTO comp_customer SELECT lab, customer_id FROM new_comp`);

  const merged = await applyMerges(s, opts);

  await s.run(`CREATE TEMP TABLE row_customer AS
    SELECT l.row_no, c.customer_id FROM lab l JOIN comp_customer c ON c.lab = l.lab`);
  await s.run(`INSERT INTO identities (kind, value, customer_id, origin_customer_id, source, created_at)
    SELECT x.kind, x.value, min(r.customer_id), min(r.customer_id), $1, $2
    FROM stg_ids x JOIN row_customer r ON r.row_no = x.row_no
    WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = x.kind AND i.value = x.value)
    GROUP BY x.kind, x.value`, [opts.source, opts.now]);
  await stitchAnonymousEvents(s);
  for (const t of ['s_links', 'lab', 'comp_hits', 'comp_customer', 'merge_pairs', 'new_comp', 'named_labs']) await s.run(`DROP TABLE ${t}`);
  return { created, merged, keptApart };
}

/**
 * The common case (orders, events, feedback naming the customer one way): each row carries one
 * identity, so rows group by that identity, nothing can link two customers, and no
 * propagation is needed.
 */
async function resolveSingleIdentity(s: SqlSession, opts: ResolveOptions): Promise<ResolveResult> {
  const creatable = opts.createMissing ? `kind <> 'anonymous_id'` : 'false';
  await s.run(`CREATE TEMP TABLE new_ids AS
    SELECT kind, value, nextval('customer_id_seq') AS customer_id FROM (
      SELECT x.kind, x.value, min(x.row_no) AS first_row FROM stg_ids x
      WHERE ${creatable} AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = x.kind AND i.value = x.value)
      GROUP BY x.kind, x.value ORDER BY first_row) t`);
  const created = await s.run(`INSERT INTO customers (id, created_at, updated_at) SELECT customer_id, $1, $1 FROM new_ids`, [opts.now]);
  await s.run(`INSERT INTO identities (kind, value, customer_id, origin_customer_id, source, created_at)
    SELECT kind, value, customer_id, customer_id, $1, $2 FROM new_ids`, [opts.source, opts.now]);
  await s.run(`CREATE TEMP TABLE row_customer AS
    SELECT x.row_no, i.customer_id FROM stg_ids x JOIN identities i ON i.kind = x.kind AND i.value = x.value`);
  await stitchAnonymousEvents(s);
  await s.run(`DROP TABLE new_ids`);
  return { created, merged: 0, keptApart: 0 };
}

/**
 * When every staged row names its customer by one column (orders by customer_id, say), nothing
 * can link two customers: create the unknown ones straight from `stg` (first seen, first id) and
 * let the caller join `stg` to `identities` on that column. No `stg_ids` and no `row_customer`.
 * `unknown`, a condition on `x` (a row of `from`), picks the values to create customers for
 * instead of the default: those no identity of `kind` holds.
 */
export async function createCustomersForColumn(s: SqlSession, opts: ResolveOptions, field: string, kind: string, from = 'stg', unknown?: string): Promise<number> {
  const where = unknown ?? `NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = $1 AND i.value = x.${field})`;
  await s.run(`CREATE TEMP TABLE new_ids AS
    SELECT value, nextval('customer_id_seq') AS customer_id FROM (
      SELECT x.${field} AS value, min(x.row_no) AS first_row FROM ${from} x
      WHERE ${where}
      GROUP BY x.${field} ORDER BY first_row) t`, unknown === undefined ? [kind] : []);
  const created = await s.run(`INSERT INTO customers (id, created_at, updated_at) SELECT customer_id, $1, $1 FROM new_ids`, [opts.now]);
  await s.run(`INSERT INTO identities (kind, value, customer_id, origin_customer_id, source, created_at)
    SELECT $1, value, customer_id, customer_id, $2, $3 FROM new_ids`, [kind, opts.source, opts.now]);
  await s.run(`DROP TABLE new_ids`);
  return created;
}

async function applyMerges(s: SqlSession, opts: ResolveOptions): Promise<number> {
  const { n } = await s.one<{ n: number }>(`SELECT count(*) AS n FROM merge_pairs`);
  if (Number(n) === 0) return 0;
  // The identifier that linked each merged customer: one of its identities seen in the batch.
  await s.run(`INSERT INTO merges (id, survivor_id, merged_id, identity_kind, identity_value, source, actor, merged_at)
    SELECT nextval('merge_id_seq'), p.survivor, p.merged,
      split_part(p.link, chr(31), 1), split_part(p.link, chr(31), 2), $1, $2, $3
    FROM (
      SELECT mp.survivor, mp.merged, min(x.kind || chr(31) || x.value) AS link
      FROM merge_pairs mp
      JOIN lab l ON l.lab = mp.lab
      JOIN stg_ids x ON x.row_no = l.row_no
      JOIN identities i ON i.kind = x.kind AND i.value = x.value AND i.customer_id = mp.merged
      GROUP BY mp.survivor, mp.merged
    ) p`, [opts.source, opts.actor, opts.now]);
  // Fill the survivor's empty profile fields from the customers merged into it.
  const cols = ['name', 'gender', 'birthday', 'city', 'province', 'country', 'signup_at', 'acquisition_channel', 'acquisition_cost', 'consent_email', 'consent_sms', 'consent_wechat'];
  await s.run(`UPDATE customers SET ${cols.map((c) => `${c} = coalesce(customers.${c}, m.${c})`).join(', ')}, updated_at = $1
    FROM (SELECT mp.survivor, c.* FROM merge_pairs mp JOIN customers c ON c.id = mp.merged
          WHERE mp.merged = (SELECT min(p2.merged) FROM merge_pairs p2 WHERE p2.survivor = mp.survivor)) m
    WHERE customers.id = m.survivor`, [opts.now]);
  await s.run(`UPDATE customers SET merged_into = mp.survivor, updated_at = $1 FROM merge_pairs mp WHERE customers.id = mp.merged`, [opts.now]);
  for (const table of ['identities', 'orders', 'order_items', 'events', 'feedback']) {
    await s.run(`UPDATE ${table} SET customer_id = mp.survivor FROM merge_pairs mp WHERE ${table}.customer_id = mp.merged`);
  }
  return Number(n);
}

/** Events recorded under an anonymous id before it was linked now belong to that customer. */
export async function stitchAnonymousEvents(s: SqlSession): Promise<number> {
  return s.run(`UPDATE events SET customer_id = i.customer_id, origin_customer_id = i.customer_id
    FROM identities i
    WHERE events.customer_id IS NULL AND i.kind = 'anonymous_id' AND i.value = events.anonymous_id
      AND i.value IN (SELECT value FROM stg_ids WHERE kind = 'anonymous_id')`);
}
