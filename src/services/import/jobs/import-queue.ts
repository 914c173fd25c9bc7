// Imports started over HTTP run in the server process one at a time, in order: each writes in
// one transaction (importFile), and one at a time keeps a large import from competing with
// another for memory and locks. Jobs live in memory (the most recent ones); their rejects and
// the `imports` table outlive them.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { DomainError } from '../../../core/errors.js';
import type { EntityName } from '../../../core/import/entities.js';
import type { Store } from '../../../store/open-store.js';
import { writeAudit, type ActorKind } from '../../auth/audit.js';
import { importFile, type ImportPhase } from '../import-file.js';
import { renameRejectsFile } from './rejects-file.js';
import type { ScratchDuck } from './scratch-duck.js';
import type { UploadInfo, UploadStore } from './upload-store.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobSummary {
  readonly rows: number;
  readonly imported: number;
  readonly updated: number;
  readonly duplicates: number;
  readonly merged: number;
  /** customer pairs the file linked that an earlier unmerge keeps apart */
  readonly keptApart: number;
  readonly customersCreated: number;
  readonly rejected: number;
  readonly format: string;
  readonly encoding: string;
  readonly ignoredColumns: readonly string[];
  readonly attributeColumns: readonly string[];
  readonly seconds: number;
}

export interface ImportJob {
  readonly id: string;
  readonly uploadId: string;
  readonly fileName: string;
  readonly entity: EntityName;
  readonly map: Readonly<Record<string, string>>;
  readonly createdBy: string;
  readonly createdAt: string;
  status: JobStatus;
  /** the importer's phase while running */
  phase: ImportPhase | null;
  /** overall progress 0-100 */
  percent: number;
  startedAt: string | null;
  finishedAt: string | null;
  summary: JobSummary | null;
  error: { code: string; message: string; field?: string | undefined } | null;
  /** the rejects can be paged and downloaded (false when none, or after the retention) */
  rejectsAvailable: boolean;
}

/** Who started a job, for the audit row written when it ends. */
export interface JobActor {
  readonly actor: string;
  readonly actorKind: ActorKind;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
}

export interface QueueOptions {
  /** business time zone and currency for values without one, read when a job starts */
  readonly business: () => Promise<{ timezone: string; currency: string }>;
  /** jobs kept in memory; older finished ones are forgotten and their rejects removed */
  readonly keep?: number;
  readonly onError?: (err: unknown, job: ImportJob) => void;
}

// Where each phase starts on the overall bar; the phase's own percent fills its share.
const PHASE_SPAN: Readonly<Record<ImportPhase, readonly [number, number]>> = {
  reading: [0, 40], validating: [40, 80], resolving: [80, 90], writing: [90, 99], done: [100, 100],
};

export class ImportQueue {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly waiting: Array<{ job: ImportJob; upload: UploadInfo & { file: string }; who: JobActor }> = [];
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly store: Store, private readonly uploads: UploadStore, private readonly duck: ScratchDuck, private readonly opts: QueueOptions) {}

  enqueue(upload: UploadInfo & { file: string }, entity: EntityName, map: Readonly<Record<string, string>>, who: JobActor): ImportJob {
    if (this.closed) throw new DomainError('conflict', 'the server is stopping: start the import again later');
    const job: ImportJob = {
      id: randomUUID(), uploadId: upload.id, fileName: upload.name, entity, map, createdBy: who.actor, createdAt: new Date().toISOString(),
      status: 'queued', phase: null, percent: 0, startedAt: null, finishedAt: null, summary: null, error: null, rejectsAvailable: false,
    };
    this.jobs.set(job.id, job);
    this.waiting.push({ job, upload, who });
    this.trim();
    this.pump();
    return job;
  }

  get(id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job) throw new DomainError('not_found', `no import job "${id}" (jobs are kept in memory while the server runs)`, 'id');
    if (job.rejectsAvailable && !existsSync(this.uploads.rejectsPath(id))) job.rejectsAvailable = false;
    return job;
  }

  /** Newest first. */
  list(): ImportJob[] {
    return [...this.jobs.keys()].reverse().map((id) => this.get(id));
  }

  /** The rejects file of a finished job, or a not_found naming why there is none. */
  rejectsFile(id: string): string {
    const job = this.get(id);
    if (!job.rejectsAvailable) {
      const why = job.status !== 'done' ? `the job is ${job.status}` : (job.summary?.rejected ?? 0) > 0 ? 'they have been cleaned up' : 'no row was rejected';
      throw new DomainError('not_found', `no rejects for import job "${id}": ${why}`, 'id');
    }
    return this.uploads.rejectsPath(id);
  }

  /** Forgets a finished job and deletes its rejects. */
  async remove(id: string): Promise<ImportJob> {
    const job = this.get(id);
    if (job.status === 'queued' || job.status === 'running') throw new DomainError('conflict', `import job "${id}" is ${job.status}: wait until it ends`, 'id');
    this.jobs.delete(id);
    await rm(this.uploads.rejectsPath(id), { force: true });
    return job;
  }

  /** Refuses new jobs, fails the waiting ones and lets the running one finish (it is atomic either way). */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) this.finish(w.job, null, { code: 'unsupported', message: 'the server stopped before this import started' });
    await this.running;
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.running = this.run(next.job, next.upload, next.who).finally(() => {
      this.running = null;
      this.pump();
    });
  }

  private async run(job: ImportJob, upload: UploadInfo & { file: string }, who: JobActor): Promise<void> {
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    const rawRejects = `${this.uploads.rejectsPath(job.id)}.raw`;
    try {
      if (!existsSync(upload.file)) throw new DomainError('not_found', `upload "${upload.id}" is no longer there: upload the file again`, 'uploadId');
      const business = await this.opts.business();
      const s = await importFile(this.store, {
        entity: job.entity, file: upload.file, format: upload.format, encoding: upload.encoding, map: job.map,
        rejectsFile: rawRejects, actor: who.actor, timezone: business.timezone, currency: business.currency,
        onProgress: (phase, p) => {
          const [from, to] = PHASE_SPAN[phase];
          job.phase = phase;
          job.percent = Math.max(job.percent, Math.round(from + ((to - from) * Math.max(0, Math.min(100, p))) / 100));
        },
      });
      if (s.rejectsFile) await this.duck.use((d) => renameRejectsFile(d, rawRejects, this.uploads.rejectsPath(job.id), upload.name));
      job.rejectsAvailable = s.rejected > 0;
      // The rows are in the database now; a failed import keeps its upload for another try.
      await this.uploads.remove(upload.id);
      this.finish(job, {
        rows: s.rows, imported: s.imported, updated: s.updated, duplicates: s.duplicates, merged: s.merged, keptApart: s.keptApart, customersCreated: s.customersCreated,
        rejected: s.rejected, format: s.format, encoding: s.encoding, ignoredColumns: s.ignoredColumns, attributeColumns: s.attributeColumns, seconds: s.seconds,
      }, null);
    } catch (err) {
      await rm(rawRejects, { force: true });
      const hide = (m: string) => m.split(upload.file).join(upload.name).split(this.uploads.filesDir).join('uploads');
      const error = err instanceof DomainError
        ? { code: err.code, message: hide(err.message), field: err.field }
        : { code: 'import_failed', message: hide(err instanceof Error ? err.message : String(err)) };
      if (!(err instanceof DomainError)) this.opts.onError?.(err, job);
      this.finish(job, null, error);
    }
    const done: boolean = job.summary !== null;
    await writeAudit(this.store, {
      ...who, action: 'import.finish', target: `import:${job.id}`, outcome: done ? 'ok' : 'failed',
      detail: { entity: job.entity, file: job.fileName, ...(job.summary ? countsOf(job.summary) : { error: job.error?.message }) },
    }).catch((e: unknown) => this.opts.onError?.(e, job));
  }

  private finish(job: ImportJob, summary: JobSummary | null, error: ImportJob['error']): void {
    job.status = summary ? 'done' : 'failed';
    job.summary = summary;
    job.error = error;
    job.finishedAt = new Date().toISOString();
    if (summary) {
      job.phase = 'done';
      job.percent = 100;
    }
  }

  private trim(): void {
    const keep = this.opts.keep ?? 100;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (job.status === 'queued' || job.status === 'running') continue;
      this.jobs.delete(id);
      void rm(this.uploads.rejectsPath(id), { force: true });
    }
  }
}

function countsOf(s: JobSummary) {
  return { rows: s.rows, imported: s.imported, duplicates: s.duplicates, merged: s.merged, rejected: s.rejected };
}
