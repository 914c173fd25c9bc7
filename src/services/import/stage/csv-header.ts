// Reads the first record of a UTF-8 CSV file (the header), honouring quotes that may hold the
// delimiter or a newline. Only the start of the file is read.
import { open } from 'node:fs/promises';

const MAX_HEADER_BYTES = 1 << 20;

async function readStart(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
}

export async function readCsvHeader(file: string, delim: string): Promise<string[] | null> {
  return parseFirstRecord(await readStart(file), delim);
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter is the candidate that splits the header into the most columns. The header is
 * the one line every import has and the most regular; a sniffer sampling the data rows can be
 * misled by a few malformed rows in a small file.
 */
export async function headerDelimiter(file: string): Promise<string> {
  const text = await readStart(file);
  let best: string = ',';
  let most = 1;
  for (const d of DELIMITERS) {
    const n = parseFirstRecord(text, d)?.length ?? 0;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

export function parseFirstRecord(text: string, delim: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delim) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  fields.push(field);
  if (fields.length === 1 && fields[0]?.trim() === '') return null;
  return fields.map((f) => f.trim());
}
