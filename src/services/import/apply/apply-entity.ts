// Writes a staged batch into the target tables, inside the caller's transaction. Input temp
// tables: `stg` (good rows, cleaned, unique by natural key), `stg_ids`, `apply_rejects`.
import { assertNever } from '../../../core/errors.js';
import type { EntityName } from '../../../core/import/entities.js';
import { dialectSql, type SqlSession } from '../../../store/sql-session.js';
import type { SingleIdentity } from '../stage/finalize.js';
import { createCustomersForColumn, resolveIdentities, type ResolveResult } from './resolve-identities.js';

export interface ApplyCounts {
  imported: number;
  updated: number;
  duplicates: number;
  merged: number;
  customersCreated: number;
  /** customer pairs this batch linked but an earlier unmerge keeps apart */
  keptApart: number;
}

export interface ApplyContext {
  readonly source: string;
  readonly actor: string;
  readonly now: Date;
  /** every row names its customer by this one column (no `stg_ids`) */
  readonly singleIdentity?: SingleIdentity | null | undefined;
  /** the staged columns holding identifiers, when `stg_ids` lists exactly those (enables distinctIdentitySets) */
  readonly identityColumns?: readonly string[] | undefined;
  /** closes a timed step (see LapTimer) */
  readonly lap?: ((name: string) => void) | undefined;
}

/** Rows that belong to one customer: their table, natural key, and columns from `stg s`, `r.customer_id` and `$1` (now). */
export interface CustomerRows {
  readonly table: string;
  readonly key: string;
  readonly columns: readonly string[];
  readonly select: readonly string[];
}

export const CUSTOMER_ROWS: Readonly<Record<'orders' | 'feedback', CustomerRows>> = {
  orders: {
    table: 'orders',
    key: 'order_id',
    columns: ['order_id', 'customer_id', 'origin_customer_id', 'ordered_at', 'channel', 'store', 'status', 'total', 'discount', 'currency', 'created_at'],
    select: ['s.order_id', 'r.customer_id', 'r.customer_id', 's.ordered_at', 's.channel', 's.store', 's.status', 's.total', 's.discount', 's.currency', '$1'],
  },
  feedback: {
    table: 'feedback',
    key: 'feedback_id',
    columns: ['feedback_id', 'customer_id', 'origin_customer_id', 'submitted_at', 'type', 'score', 'text', 'channel', 'created_at'],
    select: ['s.feedback_id', 'r.customer_id', 'r.customer_id', 's.submitted_at', 's.type', 's.score', 's.text', 's.channel', '$1'],
  },
};

const CUSTOMER_FIELDS = ['name', 'gender', 'birthday', 'city', 'province', 'country', 'signup_at', 'acquisition_channel', 'acquisition_cost', 'consent_email', 'consent_sms', 'consent_wechat'] as const;

export async function applyEntity(s: SqlSession, entity: EntityName, ctx: ApplyContext): Promise<ApplyCounts> {
  switch (entity) {
    case 'customers':
      return applyCustomers(s, ctx);
    case 'products':
      return applyProducts(s, ctx);
    case 'orders':
    case 'feedback': {
      const rows = CUSTOMER_ROWS[entity];
      return applyWithCustomer(s, ctx, rows.table, rows.key, 'JOIN',
        (join) => `INSERT INTO ${rows.table} (${rows.columns.join(', ')}) SELECT ${rows.select.join(', ')} FROM stg s ${join}`);
    }
    case 'events':
      // Anonymous events keep no customer: a LEFT JOIN.
      return applyWithCustomer(s, ctx, 'events', 'message_id', 'LEFT JOIN',
        (join) => `INSERT INTO events (message_id, customer_id, origin_customer_id, anonymous_id, name, occurred_at, properties, received_at)
         SELECT s.message_id, r.customer_id, r.customer_id, s.anonymous_id, s.event, s.occurred_at, CAST(s.properties AS ${dialectSql.json(s.engine)}), $1
         FROM stg s ${join}${timeOrder(s, 's.occurred_at')}`);
    case 'order-items':
      return applyOrderItems(s);
    default:
      return assertNever(entity);
  }
}

/**
 * DuckDB keeps min/max per row group and skips groups outside a filter: stored in time order,
 * events and order lines answer "in the last d days" from the recent groups alone. (PostgreSQL
 * answers those through its (customer_id, time) indexes instead.)
 */
function timeOrder(s: SqlSession, column: string): string {
  return s.engine === 'duckdb' ? ` ORDER BY ${column}` : '';
}

export function counts(partial: Partial<ApplyCounts>): ApplyCounts {
  return { imported: 0, updated: 0, duplicates: 0, merged: 0, customersCreated: 0, keptApart: 0, ...partial };
}

/** Drops rows whose natural key is already stored; returns how many. */
async function dropExisting(s: SqlSession, table: string, key: string): Promise<number> {
  return s.run(`DELETE FROM stg WHERE EXISTS (SELECT 1 FROM ${table} t WHERE t.${key} = stg.${key})`);
}

async function resolve(s: SqlSession, ctx: ApplyContext, createMissing: boolean): Promise<ResolveResult> {
  return resolveIdentities(s, { createMissing, source: ctx.source, actor: ctx.actor, now: ctx.now });
}

/** Joins to `stg s` that give each row its customer as `r.customer_id`. */
type CustomerJoin = 'JOIN' | 'LEFT JOIN';

async function applyWithCustomer(s: SqlSession, ctx: ApplyContext, table: string, key: string, join: CustomerJoin, insert: (join: string) => string): Promise<ApplyCounts> {
  const lap = ctx.lap ?? (() => {});
  const duplicates = await dropExisting(s, table, key);
  lap('dedupe');
  const one = ctx.singleIdentity;
  if (one) {
    const created = await resolveKeyColumn(s, ctx, one);
    lap('customers');
    const imported = await s.run(insert(`${join} key_customer r ON r.value = s.${one.field}`), [ctx.now]);
    lap('insert');
    await s.run(`DROP TABLE key_customer`);
    return counts({ imported, duplicates, customersCreated: created });
  }
  // NOT EXISTS, not NOT IN: PostgreSQL plans it as an anti-join at any size.
  if (duplicates > 0) await s.run(`DELETE FROM stg_ids WHERE NOT EXISTS (SELECT 1 FROM stg WHERE stg.row_no = stg_ids.row_no)`);
  const columns = ctx.identityColumns ?? [];
  const sets = columns.length > 0 && (await distinctIdentitySets(s, columns));
  const r = await resolve(s, ctx, true);
  lap('customers');
  let imported: number;
  if (sets) {
    // Rows take their set's customer through the (small) set tables, not a row-by-row table.
    await s.run(`ALTER TABLE row_customer RENAME TO set_customer`);
    imported = await s.run(insert(`${join} id_sets t ON ${columns.map((c, i) => `${setKey(c, 's')} = t.k${i}`).join(' AND ')} ${join} set_customer r ON r.row_no = t.rep`), [ctx.now]);
    await s.run(`DROP TABLE set_customer`);
    await s.run(`DROP TABLE id_sets`);
  } else {
    imported = await s.run(insert(`${join} row_customer r ON r.row_no = s.row_no`), [ctx.now]);
    await s.run(`DROP TABLE row_customer`);
  }
  lap('insert');
  return counts({ imported, duplicates, merged: r.merged, customersCreated: r.created, keptApart: r.keptApart });
}

/**
 * Rows naming their customer by one column: maps each distinct value to its customer in
 * `key_customer(value, row_no, customer_id)`, creating the customers no identity names. A
 * million distinct keys, not ten million rows, meet `identities`, and only once when every key
 * is known (the usual case of orders after their customers). Returns how many were created.
 */
export async function resolveKeyColumn(s: SqlSession, ctx: ApplyContext, one: SingleIdentity): Promise<number> {
  await s.run(`CREATE TEMP TABLE key_customer AS
    SELECT k.value, k.row_no, i.customer_id
    FROM (SELECT ${one.field} AS value, min(row_no) AS row_no FROM stg GROUP BY ${one.field}) k
    LEFT JOIN identities i ON i.kind = '${one.kind}' AND i.value = k.value`);
  const created = await createCustomersForColumn(s, { createMissing: true, source: ctx.source, actor: ctx.actor, now: ctx.now }, 'value', one.kind, 'key_customer', 'x.customer_id IS NULL');
  if (created > 0) {
    await s.run(`UPDATE key_customer SET customer_id = i.customer_id FROM identities i
      WHERE key_customer.customer_id IS NULL AND i.kind = '${one.kind}' AND i.value = key_customer.value`);
  }
  return created;
}

/** '' never reaches `stg` (blank values are NULL), so it stands for NULL in a hashable key. */
function setKey(column: string, alias: string): string {
  return `coalesce(${alias}.${column}, '')`;
}

/**
 * Rows with the same identifiers resolve to the same customer, and event files repeat them
 * (every page view of a signed-in device). When they do, `id_sets` lists each distinct set with
 * its first row, `stg_ids` keeps only those rows, and OneID runs on them: the demo's 2M events
 * carry about 10x fewer sets. The first row keeps file order, so ids and merges come out as if
 * every row had been resolved. Returns whether the sets are in use.
 */
async function distinctIdentitySets(s: SqlSession, columns: readonly string[]): Promise<boolean> {
  await s.run(`CREATE TEMP TABLE id_sets AS
    SELECT ${columns.map((c, i) => `${setKey(c, 'stg')} AS k${i}`).join(', ')}, min(stg.row_no) AS rep
    FROM stg GROUP BY ${columns.map((c) => setKey(c, 'stg')).join(', ')}`);
  const { sets, rows } = await s.one<{ sets: number; rows: number }>(`SELECT (SELECT count(*) FROM id_sets) AS sets, (SELECT count(*) FROM stg) AS rows`);
  if (Number(sets) === Number(rows)) {
    await s.run(`DROP TABLE id_sets`);
    return false;
  }
  await s.run(`DELETE FROM stg_ids WHERE NOT EXISTS (SELECT 1 FROM id_sets t WHERE t.rep = stg_ids.row_no)`);
  return true;
}

async function applyCustomers(s: SqlSession, ctx: ApplyContext): Promise<ApplyCounts> {
  const e = s.engine;
  // Customers that exist before this batch: their rows update, the others are new.
  await s.run(`CREATE TEMP TABLE known_before AS SELECT DISTINCT i.customer_id FROM stg_ids x JOIN identities i ON i.kind = x.kind AND i.value = x.value`);
  const r = await resolve(s, ctx, true);
  // Within a file, a later row's non-empty field wins over an earlier row's.
  const last = (c: string) => `${dialectSql.lastNonNull(e, `s.${c}`, 's.row_no')} AS ${c}`;
  await s.run(`CREATE TEMP TABLE cust_vals AS
    SELECT r.customer_id, ${CUSTOMER_FIELDS.map(last).join(', ')}, ${last('attributes')}
    FROM stg s JOIN row_customer r ON r.row_no = s.row_no GROUP BY r.customer_id`);
  const json = dialectSql.json(e);
  const changed = CUSTOMER_FIELDS.map((c) => `(v.${c} IS NOT NULL AND v.${c} IS DISTINCT FROM c.${c})`)
    .concat(`(v.attributes IS NOT NULL AND c.attributes IS DISTINCT FROM ${dialectSql.jsonMerge(e, `coalesce(c.attributes, CAST('{}' AS ${json}))`, `CAST(v.attributes AS ${json})`)})`)
    .join(' OR ');
  await s.run(`CREATE TEMP TABLE cust_changed AS
    SELECT v.customer_id, (${changed}) AS changed, (k.customer_id IS NOT NULL) AS existed
    FROM cust_vals v JOIN customers c ON c.id = v.customer_id LEFT JOIN known_before k ON k.customer_id = v.customer_id`);
  await s.run(`UPDATE customers SET ${CUSTOMER_FIELDS.map((c) => `${c} = coalesce(v.${c}, customers.${c})`).join(', ')},
      attributes = CASE WHEN v.attributes IS NULL THEN customers.attributes
        ELSE ${dialectSql.jsonMerge(e, `coalesce(customers.attributes, CAST('{}' AS ${json}))`, `CAST(v.attributes AS ${json})`)} END,
      updated_at = $1
    FROM cust_vals v WHERE customers.id = v.customer_id
      AND v.customer_id IN (SELECT customer_id FROM cust_changed WHERE changed)`, [ctx.now]);
  const stats = await s.one<{ updated: number; unchanged: number }>(`SELECT
      count(*) FILTER (WHERE existed AND changed) AS updated,
      count(*) FILTER (WHERE existed AND NOT changed) AS unchanged FROM cust_changed`);
  for (const t of ['known_before', 'cust_vals', 'cust_changed', 'row_customer']) await s.run(`DROP TABLE ${t}`);
  return counts({ imported: r.created, updated: Number(stats.updated), duplicates: Number(stats.unchanged), merged: r.merged, customersCreated: r.created, keptApart: r.keptApart });
}

async function applyProducts(s: SqlSession, ctx: ApplyContext): Promise<ApplyCounts> {
  const cols = ['name', 'category', 'brand', 'price'];
  const differs = cols.map((c) => `(s.${c} IS NOT NULL AND s.${c} IS DISTINCT FROM p.${c})`).join(' OR ');
  const updated = await s.run(`UPDATE products SET ${cols.map((c) => `${c} = coalesce(s.${c}, products.${c})`).join(', ')}
    FROM stg s WHERE products.sku = s.sku AND EXISTS (SELECT 1 FROM products p WHERE p.sku = s.sku AND (${differs}))`);
  const existing = await dropExisting(s, 'products', 'sku');
  const imported = await s.run(`INSERT INTO products (sku, name, category, brand, price, created_at)
    SELECT sku, name, category, brand, price, $1 FROM stg`, [ctx.now]);
  return counts({ imported, updated, duplicates: existing - updated });
}

async function applyOrderItems(s: SqlSession): Promise<ApplyCounts> {
  await s.run(`INSERT INTO apply_rejects (line, field, reason, value)
    SELECT line, 'order_id', 'unknown order_id (import its order first)', order_id FROM stg
    WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = stg.order_id)`);
  await s.run(`DELETE FROM stg WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = stg.order_id)`);
  await s.run(`INSERT INTO apply_rejects (line, field, reason, value)
    SELECT line, 'sku', 'unknown sku (not in products)', sku FROM stg
    WHERE EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = stg.sku)`);
  await s.run(`DELETE FROM stg WHERE EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = stg.sku)`);
  const duplicates = await s.run(`DELETE FROM stg WHERE EXISTS (SELECT 1 FROM order_items t WHERE t.order_id = stg.order_id AND t.sku = stg.sku)`);
  const imported = await s.run(`INSERT INTO order_items (order_id, sku, quantity, unit_price, amount, customer_id, ordered_at, status)
    SELECT s.order_id, s.sku, s.quantity, s.unit_price, s.amount, o.customer_id, o.ordered_at, o.status
    FROM stg s JOIN orders o ON o.order_id = s.order_id${timeOrder(s, 'o.ordered_at')}`);
  return counts({ imported, duplicates });
}
