import type { Migration } from './index.js';

/**
 * Event ingestion: sources with write keys (stored as SHA-256 of the random key), the durable
 * intake queue and the ledger of applied intake segments.
 *
 * - `intake` is the PostgreSQL intake: one committed row per accepted request (its messages as
 *   a JSON array of intake records), deleted in the transaction that applies it, so a message
 *   is applied exactly once.
 * - `intake_segments` is the DuckDB intake's ledger: accepted messages live in fsync'd
 *   newline-JSON segment files beside the database; a segment's name is recorded here in the
 *   transaction that applies it, so a replay after a crash skips what was already applied.
 * Both tables exist on both engines so the schema is the same everywhere.
 */
export const ingestion: Migration = {
  version: 4,
  name: 'event ingestion: sources and intake',
  statements: (engine) => {
    const stmts = [
      `CREATE SEQUENCE source_id_seq START 1`,
      `CREATE SEQUENCE intake_id_seq START 1`,
      `CREATE TABLE sources (
        id BIGINT PRIMARY KEY DEFAULT nextval('source_id_seq'), name TEXT NOT NULL, key_prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE, created_by TEXT NOT NULL, created_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP)`,
      `CREATE TABLE intake (
        id BIGINT PRIMARY KEY DEFAULT nextval('intake_id_seq'), records TEXT NOT NULL, messages INTEGER NOT NULL,
        received_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE intake_segments (name TEXT PRIMARY KEY, messages BIGINT NOT NULL, applied_at TIMESTAMP NOT NULL)`,
    ];
    if (engine === 'postgres') {
      // Applied rows are deleted at once; autovacuum must keep up with a queue table.
      stmts.push(`ALTER TABLE intake SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_cost_delay = 0)`);
    }
    return stmts;
  },
};
