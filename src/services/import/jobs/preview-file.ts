// The header and first rows of an uploaded file, read by the importer's own readers
// (stage/read-source.ts) from a small UTF-8 sample of the file's start, so the preview shows
// the columns exactly as the import will see them without reading a large file whole.
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DomainError } from '../../../core/errors.js';
import { sqlLiteral, type DuckSession } from '../../../store/duckdb/duck-session.js';
import type { Encoding, ImportFormat } from '../detect.js';
import { dropSource, readSource } from '../stage/read-source.js';
import type { MappingReport } from './mapping-report.js';
import type { UploadInfo } from './upload-store.js';

export interface FilePreview {
  readonly header: readonly string[];
  /** the first rows, one value per header column (null where empty or absent) */
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
}

/** What the upload endpoints answer: the upload, its columns and first rows, and the mapping asked for. */
export interface UploadPreview extends FilePreview {
  readonly upload: UploadInfo;
  /** the mapping analysis for the entity asked for, or null */
  readonly mapping: MappingReport | null;
}

const SAMPLE_BYTES = 1 << 20;
const PARQUET_SAMPLE_ROWS = 1000;

export async function previewFile(s: DuckSession, file: string, opts: { name: string; format: ImportFormat; encoding: Encoding; rows?: number }): Promise<FilePreview> {
  const tmp = await mkdtemp(join(tmpdir(), 'tend-preview-'));
  const sample = join(tmp, `sample.${opts.format}`);
  try {
    if (opts.format === 'parquet') {
      await s.run(`COPY (SELECT * FROM read_parquet(${sqlLiteral(file)}) LIMIT ${PARQUET_SAMPLE_ROWS}) TO ${sqlLiteral(sample)} (FORMAT parquet)`);
    } else {
      await writeFile(sample, await textSample(file, opts.encoding));
    }
    const read = await readSource(s, sample, opts.format);
    const width = read.header.length;
    const limit = Math.max(0, Math.floor(opts.rows ?? 20));
    // An unnumbered source (a CSV view) is read in file order.
    const rows = await s.all(read.numbered ? `SELECT * EXCLUDE (rn) FROM raw ORDER BY rn LIMIT ${limit}` : `SELECT * FROM raw LIMIT ${limit}`);
    return {
      header: read.header,
      rows: rows.map((r) => Array.from({ length: width }, (_, i) => {
        const v = r[`c${i}`];
        return v === null || v === undefined || v === '' ? null : String(v);
      })),
    };
  } catch (err) {
    // Messages name the sample's path: name the upload instead. Anything unreadable is bad input.
    const message = (err instanceof Error ? err.message : String(err)).split(sample).join(opts.name).split(file).join(opts.name);
    if (err instanceof DomainError) throw new DomainError(err.code, message, err.field);
    throw new DomainError('invalid_input', `cannot read "${opts.name}" as ${opts.format}: ${message.split('\n')[0]}`, 'file');
  } finally {
    await dropSource(s);
    await s.run('DROP TABLE IF EXISTS parse_rejects').catch(() => 0);
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The file's first MiB as UTF-8, cut after its last complete line when the file is longer. */
async function textSample(file: string, encoding: Encoding): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    const whole = bytesRead < SAMPLE_BYTES || (await fh.stat()).size === bytesRead;
    const text = iconv.decode(buf.subarray(0, bytesRead), encoding, { stripBOM: true });
    if (whole) return text;
    const end = text.lastIndexOf('\n');
    return end > 0 ? text.slice(0, end + 1) : text;
  } finally {
    await fh.close();
  }
}
