// DuckDB intake: newline-JSON segment files in a folder beside the database. A request is
// answered only after its lines are written and fdatasync'd (group commit shares the sync).
// The flusher seals the open segment, applies whole segments in one transaction that also
// records their names in `intake_segments`, then deletes the files. On open, files recorded
// as applied are deleted, the rest are replayed; a torn last line (a write that was never
// acknowledged) is cut off. DuckDB allows one process per database file, so one process owns
// the folder.
import { mkdir, open, readdir, readFile, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlLiteral } from '../../store/duckdb/duck-session.js';
import type { Store } from '../../store/open-store.js';
import type { SqlSession } from '../../store/sql-session.js';
import { GroupCommit, Serial, type Intake } from './intake.js';
import { duckMsgsSql } from './msgs-table.js';
import { recordLine, type IntakeRecord } from './records.js';

interface Segment {
  readonly name: string;
  messages: number;
  bytes: number;
}

interface Chunk {
  readonly data: string;
  readonly messages: number;
  readonly firstSeq: number;
}

const SEGMENT_RE = /^seg-(\d+)\.ndjson$/;

export interface FileIntakeOptions {
  /** Seal the open segment once it holds this many messages (default 50,000). */
  readonly segmentMessages?: number;
}

export class FileIntake implements Intake {
  private readonly sealed: Segment[] = [];
  private current: (Segment & { fh: FileHandle }) | null = null;
  private readonly io = new Serial();
  private readonly commits: GroupCommit<Chunk>;
  private pendingMessages = 0;
  private closed = false;

  private constructor(readonly dir: string, private nextSeq: number, private readonly opts: FileIntakeOptions) {
    this.commits = new GroupCommit((chunks) => this.io.run(() => this.write(chunks)));
  }

  /** Opens the folder, deletes segments already applied, and queues the others for replay. */
  static async open(store: Store, dir: string, opts: FileIntakeOptions = {}): Promise<FileIntake> {
    await mkdir(dir, { recursive: true });
    const applied = new Set((await store.db.selectFrom('intake_segments').select('name').execute()).map((r) => r.name));
    const names = (await readdir(dir)).filter((n) => SEGMENT_RE.test(n)).sort();
    const replay: Segment[] = [];
    let maxSeq = 0;
    for (const name of names) {
      const path = join(dir, name);
      if (applied.has(name)) {
        await unlink(path);
        continue;
      }
      const text = await readFile(path, 'utf8');
      const end = text.lastIndexOf('\n') + 1;
      if (end < text.length) await truncate(path, Buffer.byteLength(text.slice(0, end)));
      if (end === 0) {
        await unlink(path);
        continue;
      }
      const body = text.slice(0, end);
      let messages = 0;
      for (const line of body.split('\n')) {
        if (line.length === 0) continue;
        if (!line.includes('"t":"item"')) messages++;
        const m = /^\{"q":(\d+)/.exec(line);
        if (m) maxSeq = Math.max(maxSeq, Number(m[1]));
      }
      replay.push({ name, messages, bytes: Buffer.byteLength(body) });
    }
    await syncDir(dir);
    if (applied.size > 0) await store.db.deleteFrom('intake_segments').execute();
    // Sequence numbers order records across restarts: microseconds since the epoch, or later.
    const intake = new FileIntake(dir, Math.max(Date.now() * 1000, maxSeq + 1), opts);
    intake.sealed.push(...replay);
    return intake;
  }

  backlog(): number {
    return this.sealed.reduce((n, s) => n + s.messages, 0) + (this.current?.messages ?? 0) + this.pendingMessages;
  }

  append(records: readonly IntakeRecord[], messages: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('intake is closed'));
    const firstSeq = this.nextSeq;
    let data = '';
    for (const r of records) data += `${recordLine(r, this.nextSeq++)}\n`;
    this.pendingMessages += messages;
    return this.commits.push({ data, messages, firstSeq }).finally(() => {
      this.pendingMessages -= messages;
    });
  }

  private async write(chunks: Chunk[]): Promise<void> {
    const first = chunks[0];
    if (!first) return;
    if (!this.current) {
      const name = `seg-${String(first.firstSeq).padStart(17, '0')}.ndjson`;
      const fh = await open(join(this.dir, name), 'a');
      await syncDir(this.dir);
      this.current = { name, messages: 0, bytes: 0, fh };
    }
    const seg = this.current;
    const data = Buffer.from(chunks.map((c) => c.data).join(''), 'utf8');
    try {
      await seg.fh.appendFile(data);
      await seg.fh.datasync();
    } catch (err) {
      // Cut whatever part of this write reached the file, so the segment stays whole lines.
      await seg.fh.truncate(seg.bytes).catch(() => undefined);
      await this.seal();
      throw err;
    }
    seg.bytes += data.length;
    seg.messages += chunks.reduce((n, c) => n + c.messages, 0);
    if (seg.messages >= (this.opts.segmentMessages ?? 50_000)) await this.seal();
  }

  /** Closes the open segment (if any) so the flusher can read it. Call inside `io`. */
  private async seal(): Promise<void> {
    const seg = this.current;
    if (!seg) return;
    this.current = null;
    await seg.fh.close();
    if (seg.bytes > 0) this.sealed.push({ name: seg.name, messages: seg.messages, bytes: seg.bytes });
    else await unlink(join(this.dir, seg.name)).catch(() => undefined);
  }

  async drain(s: SqlSession, max: number, apply: () => Promise<void>): Promise<number> {
    const sealedMessages = this.sealed.reduce((n, x) => n + x.messages, 0);
    if (sealedMessages < max && this.current && this.current.bytes > 0) await this.io.run(() => this.seal());
    const take: Segment[] = [];
    let messages = 0;
    for (const seg of this.sealed) {
      if (take.length > 0 && messages + seg.messages > max) break;
      take.push(seg);
      messages += seg.messages;
    }
    if (take.length === 0) return 0;
    const files = `[${take.map((t) => sqlLiteral(join(this.dir, t.name))).join(', ')}]`;
    await s.run('BEGIN TRANSACTION');
    try {
      await s.run(duckMsgsSql(files));
      await apply();
      const values = take.map((_, i) => `($${i * 2 + 1}, $${i * 2 + 2}, $${take.length * 2 + 1})`).join(', ');
      await s.run(`INSERT INTO intake_segments (name, messages, applied_at) VALUES ${values}`, [...take.flatMap((t) => [t.name, t.messages]), new Date()]);
      await s.run('DROP TABLE msgs');
      await s.run('COMMIT');
    } catch (err) {
      await s.run('ROLLBACK').catch(() => 0);
      await s.run('DROP TABLE IF EXISTS msgs').catch(() => 0);
      throw err;
    }
    this.sealed.splice(0, take.length);
    for (const t of take) await unlink(join(this.dir, t.name)).catch(() => undefined);
    const names = take.map((_, i) => `$${i + 1}`).join(', ');
    await s.run(`DELETE FROM intake_segments WHERE name IN (${names})`, take.map((t) => t.name)).catch(() => 0);
    return messages;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.commits.idle();
    await this.io.run(() => this.seal());
  }
}

/** fsync a directory so a new file's entry survives a crash. */
async function syncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
