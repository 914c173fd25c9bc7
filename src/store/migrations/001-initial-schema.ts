import type { Migration } from './index.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema: customers, identities, merges, products, orders, items, events, feedback',
  statements: (engine) => {
    const json = engine === 'postgres' ? 'JSONB' : 'JSON';
    const money = 'DECIMAL(18,2)';
    const ts = 'TIMESTAMP'; // always UTC; see docs/architecture.md
    // Natural keys of the big fact tables are enforced by the importer (in-file dedupe and an
    // anti-join) on both engines; PostgreSQL also declares them, DuckDB does not, because its
    // ART index would make bulk loads several times slower and one process owns the file.
    const key = (cols: string) => (engine === 'postgres' ? `, PRIMARY KEY (${cols})` : '');
    const stmts = [
      `CREATE SEQUENCE customer_id_seq START 1`,
      `CREATE SEQUENCE merge_id_seq START 1`,
      `CREATE SEQUENCE import_id_seq START 1`,
      `CREATE TABLE customers (
        id BIGINT PRIMARY KEY,
        name TEXT, gender TEXT, birthday DATE, city TEXT, province TEXT, country TEXT,
        signup_at ${ts}, acquisition_channel TEXT, acquisition_cost ${money},
        consent_email BOOLEAN, consent_sms BOOLEAN, consent_wechat BOOLEAN,
        attributes ${json}, merged_into BIGINT,
        created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`,
      `CREATE TABLE identities (
        kind TEXT NOT NULL, value TEXT NOT NULL, customer_id BIGINT NOT NULL,
        origin_customer_id BIGINT NOT NULL, source TEXT, created_at ${ts} NOT NULL,
        PRIMARY KEY (kind, value))`,
      `CREATE TABLE merges (
        id BIGINT PRIMARY KEY, survivor_id BIGINT NOT NULL, merged_id BIGINT NOT NULL,
        identity_kind TEXT NOT NULL, identity_value TEXT NOT NULL, source TEXT, actor TEXT NOT NULL,
        merged_at ${ts} NOT NULL, undone_at ${ts}, undone_by TEXT)`,
      `CREATE TABLE products (
        sku TEXT PRIMARY KEY, name TEXT, category TEXT, brand TEXT, price ${money},
        created_at ${ts} NOT NULL)`,
      `CREATE TABLE orders (
        order_id TEXT NOT NULL, customer_id BIGINT NOT NULL, origin_customer_id BIGINT NOT NULL,
        ordered_at ${ts} NOT NULL, channel TEXT, store TEXT, status TEXT NOT NULL,
        total ${money} NOT NULL, discount ${money} NOT NULL, currency TEXT NOT NULL,
        created_at ${ts} NOT NULL${key('order_id')})`,
      `CREATE TABLE order_items (
        order_id TEXT NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL,
        unit_price ${money} NOT NULL, amount ${money} NOT NULL${key('order_id, sku')})`,
      `CREATE TABLE events (
        message_id TEXT NOT NULL, customer_id BIGINT, origin_customer_id BIGINT, anonymous_id TEXT,
        name TEXT NOT NULL, occurred_at ${ts} NOT NULL, properties ${json}, received_at ${ts} NOT NULL${key('message_id')})`,
      `CREATE TABLE feedback (
        feedback_id TEXT NOT NULL, customer_id BIGINT NOT NULL, origin_customer_id BIGINT NOT NULL,
        submitted_at ${ts} NOT NULL, type TEXT NOT NULL, score INTEGER, text TEXT, channel TEXT,
        created_at ${ts} NOT NULL${key('feedback_id')})`,
      `CREATE TABLE imports (
        id BIGINT PRIMARY KEY DEFAULT nextval('import_id_seq'), entity TEXT NOT NULL, file TEXT NOT NULL,
        file_hash TEXT NOT NULL, format TEXT NOT NULL, encoding TEXT NOT NULL,
        imported BIGINT NOT NULL, rejected BIGINT NOT NULL, duplicates BIGINT NOT NULL, merged BIGINT NOT NULL,
        rejects_file TEXT, started_at ${ts} NOT NULL, finished_at ${ts} NOT NULL)`,
    ];
    if (engine === 'postgres') {
      // Row-store lookups by customer need indexes; DuckDB scans columns and does not.
      stmts.push(
        `CREATE INDEX identities_customer ON identities (customer_id)`,
        `CREATE INDEX orders_customer ON orders (customer_id, ordered_at)`,
        `CREATE INDEX events_customer ON events (customer_id, occurred_at)`,
        `CREATE INDEX events_anonymous ON events (anonymous_id)`,
        `CREATE INDEX feedback_customer ON feedback (customer_id, submitted_at)`,
        `CREATE INDEX customers_merged_into ON customers (merged_into)`,
      );
    }
    return stmts;
  },
};
