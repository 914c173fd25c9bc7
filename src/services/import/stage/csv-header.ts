// Reads the first record of a UTF-8 CSV file (the header), honouring quotes that may hold the
// delimiter or a newline. Only the start of the file is read.
import { open } from 'node:fs/promises';

const MAX_HEADER_BYTES = 1 << 20;

export async function readCsvHeader(file: string, delim: string): Promise<string[] | null> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return parseFirstRecord(text, delim);
  } finally {
    await fh.close();
  }
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
