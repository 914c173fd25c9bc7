// Applies one flush of intake records, inside the caller's transaction, through the import
// machinery: the records in temp table `msgs` (see msgs-table.ts) are staged as `stg`/`stg_ids`
// per entity and handed to applyEntity, so OneID resolution, merges, anonymous-id stitching and
// natural-key idempotency are exactly those of `tend import`.
//
// Order of the phases: identifies first (they link anonymous ids to people), then guest buyers,
// then events (idempotent by message id), then orders (idempotent by order id) and their items.
import { sqlLiteral } from '../../store/duckdb/duck-session.js';
import type { SqlSession } from '../../store/sql-session.js';
import { applyEntity, type ApplyContext } from '../import/apply/apply-entity.js';

export interface IngestCounts {
  messages: number;
  identifies: number;
  events: number;
  duplicates: number;
  orders: number;
  items: number;
  customersCreated: number;
  merged: number;
}

export interface IngestContext extends ApplyContext {
  /** currency of orders that name none */
  readonly currency: string;
}

const NULLS = `CAST(NULL AS TIMESTAMP) AS signup_at, CAST(NULL AS TEXT) AS acquisition_channel,
  CAST(NULL AS DECIMAL(18,2)) AS acquisition_cost, CAST(NULL AS BOOLEAN) AS consent_email,
  CAST(NULL AS BOOLEAN) AS consent_sms, CAST(NULL AS BOOLEAN) AS consent_wechat`;

/** stg_ids from the identifiers of the `m` rows matching `where`. */
function idsSql(where: string, withTraits: boolean): string {
  const parts = [
    `SELECT row_no, 'external_id' AS kind, user_id AS value FROM m WHERE ${where} AND user_id IS NOT NULL`,
    `SELECT row_no, 'anonymous_id', anonymous_id FROM m WHERE ${where} AND anonymous_id IS NOT NULL`,
  ];
  if (withTraits) {
    parts.push(`SELECT row_no, 'email', email FROM m WHERE ${where} AND email IS NOT NULL`);
    parts.push(`SELECT row_no, 'phone', phone FROM m WHERE ${where} AND phone IS NOT NULL`);
  }
  return `CREATE TEMP TABLE stg_ids AS SELECT DISTINCT row_no, kind, value FROM (${parts.join(' UNION ALL ')}) t`;
}

async function count(s: SqlSession, sql: string): Promise<number> {
  return Number((await s.one<{ n: number }>(sql)).n);
}

export async function applyIntake(s: SqlSession, ctx: IngestContext): Promise<IngestCounts> {
  const out: IngestCounts = { messages: 0, identifies: 0, events: 0, duplicates: 0, orders: 0, items: 0, customersCreated: 0, merged: 0 };
  out.messages = await count(s, `SELECT count(*) AS n FROM msgs WHERE type <> 'item'`);
  // A message sent twice in one flush (a client retry) counts once.
  await s.run(`CREATE TEMP TABLE m AS SELECT DISTINCT ON (type, message_id, ix) * FROM msgs ORDER BY type, message_id, ix, row_no`);
  out.duplicates = out.messages - (await count(s, `SELECT count(*) AS n FROM m WHERE type <> 'item'`));

  // Identify: traits become profile fields and attributes; userId, email, phone and
  // anonymousId are identities of one person, so an anonymous history joins the profile.
  const identifies = await count(s, `SELECT count(*) AS n FROM m WHERE type = 'identify'`);
  if (identifies > 0) {
    await s.run(`CREATE TEMP TABLE stg AS SELECT row_no, name, gender, birthday, city, province, country, ${NULLS}, traits AS attributes
      FROM m WHERE type = 'identify'`);
    await s.run(idsSql(`type = 'identify'`, true));
    const c = await applyEntity(s, 'customers', ctx);
    out.identifies = identifies;
    out.customersCreated += c.customersCreated;
    out.merged += c.merged;
    await s.run(`DROP TABLE stg`);
    await s.run(`DROP TABLE stg_ids`);
  }

  // A purchase by someone only known by an anonymous id makes them a (guest) customer, so the
  // order has an owner; a later identify merges the guest into the person.
  await s.run(`CREATE TEMP TABLE guests AS SELECT value, nextval('customer_id_seq') AS customer_id FROM (
      SELECT DISTINCT anonymous_id AS value FROM m
      WHERE type = 'track' AND order_id IS NOT NULL AND user_id IS NULL AND anonymous_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = 'anonymous_id' AND i.value = m.anonymous_id)
        AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = m.order_id)
      ORDER BY 1) t`);
  out.customersCreated += await s.run(`INSERT INTO customers (id, created_at, updated_at) SELECT customer_id, $1, $1 FROM guests`, [ctx.now]);
  await s.run(`INSERT INTO identities (kind, value, customer_id, origin_customer_id, source, created_at)
    SELECT 'anonymous_id', value, customer_id, customer_id, $1, $2 FROM guests`, [ctx.source, ctx.now]);
  await s.run(`DROP TABLE guests`);

  // Events (track, page, screen): idempotent by message id against everything stored.
  const tracks = await count(s, `SELECT count(*) AS n FROM m WHERE type = 'track'`);
  if (tracks > 0) {
    await s.run(`CREATE TEMP TABLE stg AS SELECT row_no, message_id, anonymous_id, event, occurred_at, properties FROM m WHERE type = 'track'`);
    await s.run(idsSql(`type = 'track'`, false));
    const c = await applyEntity(s, 'events', ctx);
    out.events = c.imported;
    out.duplicates += c.duplicates;
    out.customersCreated += c.customersCreated;
    out.merged += c.merged;
    await s.run(`DROP TABLE stg`);
    await s.run(`DROP TABLE stg_ids`);
  }

  // Purchases: one order per order id (the first message wins), idempotent by order id.
  const purchases = await count(s, `SELECT count(*) AS n FROM m WHERE type = 'track' AND order_id IS NOT NULL`);
  if (purchases > 0) {
    await s.run(`CREATE TEMP TABLE stg AS SELECT row_no, message_id, order_id, occurred_at AS ordered_at,
        CAST('app' AS TEXT) AS channel, CAST(NULL AS TEXT) AS store, CAST('paid' AS TEXT) AS status,
        total, coalesce(discount, 0) AS discount, coalesce(currency, ${sqlLiteral(ctx.currency)}) AS currency, user_id, anonymous_id
      FROM (SELECT DISTINCT ON (order_id) * FROM m WHERE type = 'track' AND order_id IS NOT NULL ORDER BY order_id, row_no) t`);
    await s.run(`CREATE TEMP TABLE m_orders AS SELECT row_no, user_id, anonymous_id FROM stg`);
    await s.run(idsSql(`row_no IN (SELECT row_no FROM m_orders)`, false));
    const c = await applyEntity(s, 'orders', ctx);
    out.orders = c.imported;
    out.customersCreated += c.customersCreated;
    // `stg` now holds the orders new to the store; their items follow them in.
    await s.run(`INSERT INTO products (sku, name, category, brand, price, created_at)
      SELECT i.sku, min(i.product_name), min(i.product_category), min(i.product_brand), min(i.unit_price), $1
      FROM m i JOIN stg o ON o.message_id = i.message_id AND o.order_id = i.order_id
      WHERE i.type = 'item' AND NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = i.sku)
      GROUP BY i.sku`, [ctx.now]);
    out.items = await s.run(`INSERT INTO order_items (order_id, sku, quantity, unit_price, amount, customer_id, ordered_at, status)
      SELECT i.order_id, i.sku, sum(i.quantity), round(sum(i.quantity * i.unit_price) / sum(i.quantity), 2), sum(i.quantity * i.unit_price),
        min(x.customer_id), min(x.ordered_at), min(x.status)
      FROM m i JOIN stg o ON o.message_id = i.message_id AND o.order_id = i.order_id
        JOIN orders x ON x.order_id = i.order_id
      WHERE i.type = 'item' AND NOT EXISTS (SELECT 1 FROM order_items y WHERE y.order_id = i.order_id)
      GROUP BY i.order_id, i.sku`);
    for (const t of ['stg', 'stg_ids', 'm_orders']) await s.run(`DROP TABLE ${t}`);
  }
  await s.run(`DROP TABLE m`);
  return out;
}
