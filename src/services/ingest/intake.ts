// The durable intake: where an accepted message is written (and synced) before the client gets
// its 2xx, and from where the flusher moves batches into the real tables. Two implementations:
// fsync'd segment files beside a DuckDB database (intake-file.ts), a committed queue table on
// PostgreSQL (intake-pg.ts).
import type { SqlSession } from '../../store/sql-session.js';
import type { IntakeRecord } from './records.js';

export interface Intake {
  /** Messages accepted and not yet applied (as this process knows it). */
  backlog(): number;
  /** Resolves once the records are durable; concurrent calls share one write and one sync. */
  append(records: readonly IntakeRecord[], messages: number): Promise<void>;
  /**
   * One flush, in one transaction on `s`: up to about `max` messages are put in temp table
   * `msgs`, `apply` runs, and the messages leave the intake atomically with being applied.
   * Returns how many messages were applied (0: nothing to do).
   */
  drain(s: SqlSession, max: number, apply: () => Promise<void>): Promise<number>;
  close(): Promise<void>;
}

/**
 * Group commit: items pushed while a write is running are written together by the next one,
 * so N concurrent requests cost about one write and one sync, not N.
 */
export class GroupCommit<T> {
  private pending: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  private running: Promise<void> | null = null;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  push(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.running ??= this.loop();
    });
  }

  /** Resolves when nothing is pending or being written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.write(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }
}

/** Runs async operations one at a time, in call order. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.tail.then(op, op);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
