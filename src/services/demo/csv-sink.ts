// Buffered CSV output: rows are encoded straight into large byte chunks, which go to the file
// stream a few at a time, waiting for 'drain' when its buffer is full. Rows never accumulate
// as long-lived strings, so memory and garbage collection stay flat however much is written.

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Quotes a field per RFC 4180 when it holds a comma, quote, CR or LF (or edge spaces). */
export function csvField(value: string): string {
  if (value === '') return value;
  if (/[",\r\n]/.test(value) || value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

const CHUNK_BYTES = 1 << 20;

export class CsvSink {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly ready: Buffer[] = [];
  private failure: Error | null = null;
  private readonly stream: WriteStream;
  /** Data rows written so far (the header not counted). */
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 4 * CHUNK_BYTES });
    this.stream.on('error', (err: Error) => {
      this.failure = err;
    });
    this.push(`${header.join(',')}\n`, 0);
  }

  /** Appends complete lines (each ending in a newline) holding `rows` data rows. */
  push(text: string, rows = 1): void {
    this.rows += rows;
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const worst = text.length * 3;
    if (this.used + worst > this.chunk.length) {
      this.rotate();
      if (worst > this.chunk.length) {
        this.ready.push(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /** True when whole chunks are waiting to be written. */
  get full(): boolean {
    return this.ready.length > 0;
  }

  private rotate(): void {
    if (this.used === 0) return;
    this.ready.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  async flush(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    for (const buf of this.ready.splice(0)) {
      if (!this.stream.write(buf)) await once(this.stream, 'drain');
    }
  }

  async close(): Promise<void> {
    this.rotate();
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failure !== null) throw this.failure;
  }

  /** Abandons the file after an error (no more writes, descriptor released). */
  destroy(): void {
    this.stream.destroy();
  }
}
