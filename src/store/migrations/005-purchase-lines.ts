import type { Migration } from './index.js';

/**
 * Order lines carry their order's customer, time and status. "Bought from category X in the last
 * d days" is the commonest segment condition; answered from order_items alone it scans one table
 * instead of hash-joining ten million orders to fifteen million lines on a text key (4x faster
 * on the 1M-customer demo). Orders never change time or status after import, and every path that
 * moves an order to another customer (merge, unmerge) moves its lines too.
 */
export const purchaseLines: Migration = {
  version: 5,
  name: "order lines carry their order's customer, time and status",
  statements: (engine) => {
    const stmts = [
      `ALTER TABLE order_items ADD COLUMN customer_id BIGINT`,
      `ALTER TABLE order_items ADD COLUMN ordered_at TIMESTAMP`,
      `ALTER TABLE order_items ADD COLUMN status TEXT`,
      `UPDATE order_items SET customer_id = o.customer_id, ordered_at = o.ordered_at, status = o.status
        FROM orders o WHERE o.order_id = order_items.order_id`,
    ];
    if (engine === 'postgres') stmts.push(`CREATE INDEX order_items_customer ON order_items (customer_id, ordered_at)`);
    return stmts;
  },
};
