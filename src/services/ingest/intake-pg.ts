// PostgreSQL intake: each accepted request is one committed row of `intake` (its records as a
// JSON array) before the client gets its 2xx; concurrent requests share one INSERT and one
// commit. A flush deletes a batch of rows and applies their records in the same transaction,
// so a message leaves the queue exactly when it is applied, whatever crashes. Flushers of
// several processes take turns through an advisory lock.
import type { Store } from '../../store/open-store.js';
import type { SqlSession } from '../../store/sql-session.js';
import { GroupCommit, type Intake } from './intake.js';
import { pgMsgsSql } from './msgs-table.js';
import { recordLine, type IntakeRecord } from './records.js';

interface Row {
  readonly records: string;
  readonly messages: number;
}

/** Rows of a flush are read in id order; record k of row id gets row_no id * 1e6 + k. */
const ROW_STRIDE = 1_000_000;

export class PgIntake implements Intake {
  private readonly commits: GroupCommit<Row>;
  private queued = 0;
  private closed = false;

  private constructor(private readonly store: Store) {
    this.commits = new GroupCommit((rows) => this.insert(rows));
  }

  static async open(store: Store): Promise<PgIntake> {
    const intake = new PgIntake(store);
    await intake.refreshBacklog();
    return intake;
  }

  backlog(): number {
    return this.queued;
  }

  private async refreshBacklog(): Promise<void> {
    const r = await this.store.db.selectFrom('intake').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('messages'), eb.lit(0)).as('n')).executeTakeFirst();
    this.queued = Number(r?.n ?? 0);
  }

  append(records: readonly IntakeRecord[], messages: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('intake is closed'));
    if (records.length >= ROW_STRIDE) return Promise.reject(new Error('too many records in one request'));
    const json = `[${records.map((r) => recordLine(r)).join(',')}]`;
    this.queued += messages;
    return this.commits.push({ records: json, messages }).catch((err: unknown) => {
      this.queued -= messages;
      throw err;
    });
  }

  private async insert(rows: Row[]): Promise<void> {
    if (this.store.handle.engine !== 'postgres') throw new Error('PgIntake needs PostgreSQL');
    await this.store.handle.pool.query(
      `INSERT INTO intake (records, messages, received_at) SELECT r, m, $3::timestamp FROM unnest($1::text[], $2::int[]) AS u(r, m)`,
      [rows.map((r) => r.records), rows.map((r) => r.messages), new Date()],
    );
  }

  async drain(s: SqlSession, max: number, apply: () => Promise<void>): Promise<number> {
    await s.run('BEGIN');
    let messages = 0;
    try {
      await s.run(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.tend.ingest'))`);
      await s.run(`CREATE TEMP TABLE taken (id BIGINT, records TEXT, messages INTEGER) ON COMMIT DROP`);
      // Whole requests, oldest first, until about `max` messages.
      await s.run(`WITH d AS (
          DELETE FROM intake WHERE id IN (
            SELECT id FROM (SELECT id, messages, sum(messages) OVER (ORDER BY id) AS run
                            FROM (SELECT id, messages FROM intake ORDER BY id LIMIT 100000) a) t
            WHERE run - messages < $1)
          RETURNING id, records, messages)
        INSERT INTO taken SELECT id, records, messages FROM d`, [max]);
      messages = Number((await s.one<{ n: number }>(`SELECT coalesce(sum(messages), 0) AS n FROM taken`)).n);
      const rows = Number((await s.one<{ n: number }>(`SELECT count(*) AS n FROM taken`)).n);
      if (rows === 0) {
        await s.run('ROLLBACK');
        return 0;
      }
      await s.run(`CREATE TEMP TABLE raw_intake ON COMMIT DROP AS
        SELECT t.id * ${ROW_STRIDE} + e.n AS id, e.r FROM taken t, jsonb_array_elements(CAST(t.records AS JSONB)) WITH ORDINALITY AS e(r, n)`);
      await s.run(pgMsgsSql());
      await apply();
      await s.run('DROP TABLE msgs');
      await s.run('COMMIT');
    } catch (err) {
      await s.run('ROLLBACK').catch(() => 0);
      throw err;
    }
    await this.refreshBacklog().catch(() => undefined);
    return messages;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.commits.idle();
  }
}
