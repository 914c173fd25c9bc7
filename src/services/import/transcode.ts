// Streams a non-UTF-8 text file into a UTF-8 copy for DuckDB's reader (memory stays flat).
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { Encoding } from './detect.js';

export async function transcodeToUtf8(src: string, dest: string, encoding: Encoding): Promise<void> {
  await pipeline(createReadStream(src), iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf-8'), createWriteStream(dest));
}
