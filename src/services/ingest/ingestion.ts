// Event ingestion as one long-lived service per process: accepts validated messages into the
// durable intake (answering only once they are synced), tells the API when to push back
// (429), and runs the background flusher that applies the intake in batches.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../store/open-session.js';
import type { Store } from '../../store/open-store.js';
import { applyIntake, type IngestCounts } from './apply-intake.js';
import type { Intake } from './intake.js';
import { FileIntake } from './intake-file.js';
import { PgIntake } from './intake-pg.js';
import type { Message } from './messages.js';
import { toRecords, type IntakeRecord } from './records.js';
import type { SourceIdentity } from './sources.js';

export interface IngestOptions {
  /** DuckDB only: the folder of intake segments (default: `<database file>.intake` beside it). */
  readonly intakeDir?: string;
  /** Answer 429 once this many accepted messages wait to be applied (default 500,000). */
  readonly maxBacklog?: number;
  /** Answer 429 while this many ingestion requests are being handled (default 512). */
  readonly maxInFlight?: number;
  /** Pause between flushes when the intake is not full (ms, default 200). */
  readonly flushIntervalMs?: number;
  /** Messages applied per flush transaction at most (default 25,000). */
  readonly flushBatch?: number;
  /** Run the background flusher (default true); false: only `flushNow()` applies. */
  readonly autoFlush?: boolean;
  /** Currency of orders that name none (default CNY). */
  readonly currency?: string;
  /** Where flush failures are reported (default: stderr). */
  readonly onError?: (err: unknown) => void;
}

export interface IngestStats extends IngestCounts {
  flushes: number;
  failures: number;
  lastError: string | null;
}

const ZERO: IngestCounts = { messages: 0, identifies: 0, events: 0, duplicates: 0, orders: 0, items: 0, customersCreated: 0, merged: 0 };

export class Ingestion {
  readonly stats: IngestStats = { ...ZERO, flushes: 0, failures: 0, lastError: null };
  private inFlight = 0;
  private stopping = false;
  private closing = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private flushing: Promise<number> = Promise.resolve(0);
  /** applied messages per second, smoothed */
  private rate = 5_000;

  private constructor(readonly store: Store, private readonly intake: Intake, private readonly opts: IngestOptions) {}

  static async start(store: Store, opts: IngestOptions = {}): Promise<Ingestion> {
    let intake: Intake;
    if (store.handle.engine === 'postgres') {
      intake = await PgIntake.open(store);
    } else {
      const dir = opts.intakeDir ?? (store.handle.path === ':memory:' ? mkdtempSync(join(tmpdir(), 'tend-intake-')) : `${store.handle.path}.intake`);
      intake = await FileIntake.open(store, dir);
    }
    const svc = new Ingestion(store, intake, opts);
    if (opts.autoFlush ?? true) svc.startFlusher();
    return svc;
  }

  backlog(): number {
    return this.intake.backlog();
  }

  /**
   * Null when a request may come in; otherwise the seconds a client should wait. Callers that
   * get null must pair it with `done()` (the in-flight count).
   */
  admit(): { retryAfter: number } | null {
    if (this.closing) return { retryAfter: 5 };
    if (this.inFlight >= (this.opts.maxInFlight ?? 512)) return { retryAfter: 1 };
    const excess = this.backlog() - (this.opts.maxBacklog ?? 500_000);
    if (excess >= 0) return { retryAfter: Math.min(60, Math.max(1, Math.ceil((excess + 1) / this.rate))) };
    this.inFlight++;
    return null;
  }

  done(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Makes the messages durable; resolves with how many were accepted. */
  async accept(messages: readonly Message[], source: SourceIdentity): Promise<number> {
    const now = new Date();
    const records: IntakeRecord[] = [];
    for (const m of messages) for (const r of toRecords(m, source.id, now)) records.push(r);
    await this.intake.append(records, messages.length);
    if (this.backlog() >= this.batchSize()) this.wake?.();
    return messages.length;
  }

  private batchSize(): number {
    return this.opts.flushBatch ?? 25_000;
  }

  /** Applies everything in the intake now (waits for a running flush first). */
  async flushNow(): Promise<IngestCounts> {
    const total = { ...ZERO };
    for (;;) {
      const before = { ...this.stats };
      const n = await this.flushOnce();
      for (const k of Object.keys(ZERO) as Array<keyof IngestCounts>) total[k] += this.stats[k] - before[k];
      if (n === 0) return total;
    }
  }

  private flushOnce(): Promise<number> {
    const run = async (): Promise<number> => {
      const started = Date.now();
      const { session, close } = await openSession(this.store);
      try {
        let counts = ZERO;
        const n = await this.intake.drain(session, this.batchSize(), async () => {
          counts = await applyIntake(session, { source: 'api:ingest', actor: 'ingest', now: new Date(), currency: this.opts.currency ?? 'CNY' });
        });
        if (n > 0) {
          for (const k of Object.keys(ZERO) as Array<keyof IngestCounts>) this.stats[k] += counts[k];
          this.stats.flushes++;
          const seconds = Math.max(0.001, (Date.now() - started) / 1000);
          this.rate = 0.7 * this.rate + 0.3 * (n / seconds);
        }
        return n;
      } finally {
        await close();
      }
    };
    this.flushing = this.flushing.then(run, run);
    return this.flushing;
  }

  private startFlusher(): void {
    const interval = this.opts.flushIntervalMs ?? 200;
    const sleep = (ms: number) => new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(t); this.wake = null; resolve(); };
    });
    this.loopDone = (async () => {
      let failures = 0;
      while (!this.stopping) {
        if (this.backlog() === 0) {
          await sleep(interval);
          continue;
        }
        try {
          const n = await this.flushOnce();
          failures = 0;
          if (n < this.batchSize() && !this.stopping) await sleep(interval);
        } catch (err) {
          failures++;
          this.stats.failures++;
          this.stats.lastError = err instanceof Error ? err.message : String(err);
          (this.opts.onError ?? ((e) => process.stderr.write(`ingest flush failed (will retry): ${String(e)}\n`)))(err);
          if (!this.stopping) await sleep(Math.min(30_000, interval * 2 ** Math.min(failures, 8)));
        }
      }
    })();
  }

  /** Stops the background flusher (accepted messages stay in the intake). */
  async stopFlusher(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loopDone;
    await this.flushing.catch(() => 0);
  }

  /**
   * Stops accepting, waits for writes in progress, and by default applies what is left; with
   * `drain: false` the intake is left as a crash would leave it (replayed at the next start).
   */
  async close(opts: { drain?: boolean } = {}): Promise<void> {
    this.closing = true;
    await this.stopFlusher();
    await this.intake.close();
    if (opts.drain ?? true) await this.flushNow().catch((err: unknown) => (this.opts.onError ?? (() => undefined))(err));
  }
}
