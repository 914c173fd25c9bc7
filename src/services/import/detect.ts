// Format from the file name, and the text encoding from the bytes: UTF-8 (with or without
// BOM), UTF-16 with BOM, or GB18030 (a superset of GBK, what Chinese Excel writes).
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { DomainError } from '../../core/errors.js';

export const FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ImportFormat = (typeof FORMATS)[number];

export const ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export function formatFromName(file: string): ImportFormat {
  const ext = extname(file.replace(/\.(gz|zst)$/i, '')).toLowerCase();
  if (['.csv', '.tsv', '.txt'].includes(ext)) return 'csv';
  if (['.jsonl', '.ndjson', '.json'].includes(ext)) return 'jsonl';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  throw new DomainError('invalid_input', `cannot tell the format of ${file} from its extension; use --format csv|jsonl|parquet`, 'format');
}

export function parseFormat(s: string): ImportFormat {
  if ((FORMATS as readonly string[]).includes(s)) return s as ImportFormat;
  throw new DomainError('invalid_input', `unknown format "${s}" (expected one of ${FORMATS.join(', ')})`, 'format');
}

export function parseEncoding(s: string): Encoding {
  const v = s.toLowerCase().replace(/_/g, '-');
  if (v === 'utf8' || v === 'utf-8' || v === 'utf-8-bom') return 'utf-8';
  if (v === 'gbk' || v === 'gb2312' || v === 'gb18030' || v === 'cp936') return 'gb18030';
  if (v === 'utf-16le' || v === 'utf16le') return 'utf-16le';
  if (v === 'utf-16be' || v === 'utf16be') return 'utf-16be';
  throw new DomainError('invalid_input', `unsupported encoding "${s}" (expected utf-8, gbk/gb18030, utf-16le or utf-16be)`, 'encoding');
}

const SAMPLE = 256 * 1024;

function isUtf8(buf: Buffer, fromMiddle: boolean): boolean {
  let start = 0;
  // A sample taken mid-file may begin inside a multi-byte sequence: skip continuation bytes.
  if (fromMiddle) while (start < buf.length && start < 4 && ((buf[start] ?? 0) & 0xc0) === 0x80) start++;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Samples the start, middle and end of the file; any invalid UTF-8 means GB18030. */
export async function detectEncoding(file: string): Promise<Encoding> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(SAMPLE, size));
    await fh.read(head, 0, head.length, 0);
    if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
    if (!isUtf8(head, false)) return 'gb18030';
    for (const at of [Math.floor(size / 2), size - SAMPLE]) {
      if (at <= SAMPLE) continue;
      const buf = Buffer.alloc(SAMPLE);
      const { bytesRead } = await fh.read(buf, 0, SAMPLE, at);
      if (!isUtf8(buf.subarray(0, bytesRead), true)) return 'gb18030';
    }
    return 'utf-8';
  } finally {
    await fh.close();
  }
}
