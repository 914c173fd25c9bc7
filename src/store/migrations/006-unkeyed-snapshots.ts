import type { Migration } from './index.js';
import { scoreColumns } from './002-scores-tags-segments.js';

/**
 * On DuckDB, score_snapshots loses its primary key, like the other large append-only tables
 * (see 001): each scoring run appends a million rows, and the key's ART index made that insert
 * about three times slower (0.55 s against 0.16 s per million rows) and grew with every day
 * kept, while no query looks a snapshot up by (as_of, customer_id). One row per customer and
 * day is kept by the scorer, which replaces a day's rows in one transaction. DuckDB cannot drop
 * a constraint, so the table is rebuilt (a plain copy: rows keep their order of days, and a
 * large history is not sorted again). PostgreSQL keeps its key and indexes.
 */
export const unkeyedSnapshots: Migration = {
  version: 6,
  name: 'score snapshots without a primary key on DuckDB',
  statements: (engine) => engine === 'postgres' ? [] : [
    `CREATE TABLE score_snapshots_unkeyed (as_of DATE NOT NULL, customer_id BIGINT NOT NULL, ${scoreColumns(engine)})`,
    `INSERT INTO score_snapshots_unkeyed SELECT * FROM score_snapshots`,
    `DROP TABLE score_snapshots`,
    `ALTER TABLE score_snapshots_unkeyed RENAME TO score_snapshots`,
  ],
};
