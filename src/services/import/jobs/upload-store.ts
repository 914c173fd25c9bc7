// Uploaded import files on disk: `<dataDir>/uploads/files/<id>/<name>` plus `.meta.json`, and
// the rejects of HTTP imports in `<dataDir>/uploads/rejects/<job id>.csv`. Bodies are streamed
// to disk with a byte limit (never held in memory); everything older than the retention is swept.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../../core/errors.js';
import type { Store } from '../../../store/open-store.js';
import { detectEncoding, formatFromName, type Encoding, type ImportFormat } from '../detect.js';

export interface UploadInfo {
  readonly id: string;
  /** the file name as the client sent it (sanitised) */
  readonly name: string;
  readonly size: number;
  readonly format: ImportFormat;
  readonly encoding: Encoding;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
}

/** The body was larger than the limit; the partial file is gone. */
export class UploadTooLarge extends Error {
  override readonly name = 'UploadTooLarge';
  constructor(readonly limit: number) {
    super(`the file is larger than the upload limit of ${limit} bytes`);
  }
}

// A leading dot: no sanitised upload name can be this.
const META = '.meta.json';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where the CLI keeps its rejects too: beside the DuckDB file, or ./.tend for PostgreSQL. */
export function defaultDataDir(store: Store): string {
  return store.handle.engine === 'duckdb' ? dirname(resolve(store.handle.path)) : resolve('.tend');
}

/** A file name safe to keep on disk: no folders, no control characters, an extension kept. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  if (clean === '') return 'upload';
  if (clean.length <= 120) return clean;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  return clean.slice(0, 120 - ext.length) + ext;
}

export class UploadStore {
  readonly filesDir: string;
  readonly rejectsDir: string;

  constructor(dataDir: string, readonly maxBytes: number, readonly retentionMs: number) {
    this.filesDir = join(dataDir, 'uploads', 'files');
    this.rejectsDir = join(dataDir, 'uploads', 'rejects');
  }

  /**
   * Streams `body` to a new upload. The format comes from `format` or the name's extension and
   * the encoding from the bytes (or `encoding`); an empty body or an unknown format is refused.
   */
  async save(body: Readable, opts: {
    name: string; actor: string; declaredSize?: number | undefined; format?: ImportFormat | undefined; encoding?: Encoding | undefined;
  }): Promise<UploadInfo> {
    if (opts.declaredSize !== undefined && opts.declaredSize > this.maxBytes) throw new UploadTooLarge(this.maxBytes);
    const name = safeFileName(opts.name);
    let format: ImportFormat;
    try {
      format = opts.format ?? formatFromName(name);
    } catch {
      throw new DomainError('invalid_input', `cannot tell the format of "${name}" from its extension: use .csv, .tsv, .txt, .jsonl, .ndjson, .json or .parquet, or pass ?format=csv|jsonl|parquet`, 'format');
    }
    const id = randomUUID();
    const dir = join(this.filesDir, id);
    await mkdir(dir, { recursive: true });
    const file = join(dir, name);
    let size = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(size > limit ? new UploadTooLarge(limit) : null, chunk);
      },
    });
    // The request is piped, not handed to pipeline(): on overflow it must stay open so the
    // server can still answer 413 (the rest of the body is discarded by Node).
    body.on('error', (err) => counter.destroy(err));
    body.on('close', () => {
      if (!body.readableEnded) counter.destroy(new DomainError('invalid_input', 'the upload was interrupted', 'file'));
    });
    body.pipe(counter);
    try {
      await pipeline(counter, createWriteStream(file));
      if (size === 0) throw new DomainError('invalid_input', `"${name}" is empty`, 'file');
      const info: UploadInfo = {
        id, name, size, format, encoding: format === 'parquet' ? 'utf-8' : (opts.encoding ?? (await detectEncoding(file))),
        uploadedAt: new Date().toISOString(), uploadedBy: opts.actor,
      };
      await writeFile(join(dir, META), JSON.stringify(info));
      return info;
    } catch (err) {
      body.unpipe(counter);
      body.resume();
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  async get(id: string): Promise<UploadInfo & { file: string }> {
    if (ID.test(id)) {
      try {
        const info = JSON.parse(await readFile(join(this.filesDir, id, META), 'utf8')) as UploadInfo;
        return { ...info, file: join(this.filesDir, id, info.name) };
      } catch {
        // missing or unreadable: not found below
      }
    }
    throw new DomainError('not_found', `no upload "${id}" (uploads are kept for ${Math.round(this.retentionMs / 3_600_000)} hours, and removed after a successful import)`, 'uploadId');
  }

  async remove(id: string): Promise<void> {
    if (ID.test(id)) await rm(join(this.filesDir, id), { recursive: true, force: true });
  }

  rejectsPath(jobId: string): string {
    return join(this.rejectsDir, `${jobId}.csv`);
  }

  /** Removes uploads and rejects files last touched before the retention window. */
  async sweep(now = Date.now()): Promise<number> {
    let removed = 0;
    for (const dir of [this.filesDir, this.rejectsDir]) {
      const entries = await readdir(dir).catch(() => [] as string[]);
      for (const e of entries) {
        const path = join(dir, e);
        const st = await stat(path).catch(() => null);
        if (st && now - st.mtimeMs > this.retentionMs) {
          await rm(path, { recursive: true, force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}
