import type { Engine } from '../engine.js';
import type { Migration } from './index.js';

/** The score columns customer_scores and score_snapshots share. */
export function scoreColumns(engine: Engine): string {
  const json = engine === 'postgres' ? 'JSONB' : 'JSON';
  const money = 'DECIMAL(18,2)';
  const float = 'DOUBLE PRECISION';
  return `
        recency_days INTEGER, frequency INTEGER NOT NULL, monetary ${money} NOT NULL,
        orders_365d INTEGER NOT NULL, spend_365d ${money} NOT NULL, avg_order_value ${money},
        first_order_at TIMESTAMP, last_order_at TIMESTAMP, tenure_days INTEGER,
        r_score INTEGER, f_score INTEGER, m_score INTEGER, rfm_group TEXT,
        value_tier TEXT, bulk_buyer BOOLEAN NOT NULL, impulse_buyer BOOLEAN NOT NULL,
        lifecycle_stage TEXT NOT NULL,
        p_alive ${float}, expected_purchases_90d ${float}, predicted_clv ${float}, expected_next_order_at TIMESTAMP,
        historical_clv ${money} NOT NULL, churn_risk INTEGER, churn_reasons ${json}`;
}

export const scoresTagsSegments: Migration = {
  version: 2,
  name: 'customer scores with snapshots, tags, segments with membership history, settings',
  statements: (engine) => {
    const json = engine === 'postgres' ? 'JSONB' : 'JSON';
    const scoreCols = scoreColumns(engine);
    const stmts = [
      `CREATE SEQUENCE tag_id_seq START 1`,
      `CREATE SEQUENCE segment_id_seq START 1`,
      `CREATE TABLE customer_scores (customer_id BIGINT PRIMARY KEY, as_of DATE NOT NULL, ${scoreCols}, computed_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE score_snapshots (as_of DATE NOT NULL, customer_id BIGINT NOT NULL, ${scoreCols}, PRIMARY KEY (as_of, customer_id))`,
      `CREATE TABLE score_runs (as_of DATE PRIMARY KEY, summary ${json} NOT NULL, computed_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE tags (
        id BIGINT PRIMARY KEY DEFAULT nextval('tag_id_seq'), name TEXT NOT NULL UNIQUE, tag_group TEXT NOT NULL,
        description TEXT, rule ${json}, builtin BOOLEAN NOT NULL, created_by TEXT NOT NULL,
        created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE customer_tags (
        customer_id BIGINT NOT NULL, tag_id BIGINT NOT NULL, source TEXT NOT NULL, set_by TEXT NOT NULL,
        entered_at TIMESTAMP NOT NULL, exited_at TIMESTAMP)`,
      `CREATE TABLE segments (
        id BIGINT PRIMARY KEY DEFAULT nextval('segment_id_seq'), name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
        description TEXT, rule ${json}, source_segment_id BIGINT, member_count BIGINT NOT NULL,
        refreshed_at TIMESTAMP, created_by TEXT NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE segment_members (
        segment_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, entered_at TIMESTAMP NOT NULL, exited_at TIMESTAMP)`,
      `CREATE TABLE settings (key TEXT PRIMARY KEY, value ${json} NOT NULL, updated_by TEXT NOT NULL, updated_at TIMESTAMP NOT NULL)`,
    ];
    if (engine === 'postgres') {
      stmts.push(
        `CREATE INDEX score_snapshots_customer ON score_snapshots (customer_id, as_of)`,
        `CREATE INDEX customer_tags_current ON customer_tags (tag_id, customer_id) WHERE exited_at IS NULL`,
        `CREATE INDEX customer_tags_customer ON customer_tags (customer_id)`,
        `CREATE INDEX segment_members_current ON segment_members (segment_id, customer_id) WHERE exited_at IS NULL`,
        `CREATE INDEX segment_members_customer ON segment_members (customer_id)`,
        `CREATE INDEX order_items_sku ON order_items (sku)`,
      );
    }
    return stmts;
  },
};
