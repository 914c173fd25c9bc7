import { describe, expect, it } from 'vitest';
import { sessionPerTest } from '../../test/support/engine-session.js';
import { engines } from '../../test/support/engines.js';
import { loadColumns, readColumns } from './bulk-columns.js';

describe.each(engines)('bulk columns on $name', (engine) => {
  const session = sessionPerTest(engine);

  it('loads typed columns across several chunks: ids, integers, NULL for NaN, text with quotes and newlines, timestamps', async () => {
    const s = await session();
    await s.run(`CREATE TEMP TABLE bulk_t (id BIGINT, p DOUBLE PRECISION, risk INTEGER, note TEXT, seen_at TIMESTAMP)`);
    const rows = 5000; // more than two of DuckDB's 2048-row chunks, the last one partial
    const note = (r: number) => (r % 3 === 0 ? null : r % 3 === 1 ? `say "hi", ${r}` : `two\nlines ${r}`);
    await loadColumns(s, 'bulk_t', ['id', 'p', 'risk', 'note', 'seen_at'], rows, (r, c) => {
      switch (c) {
        case 0: return 9_007_199_254_000_000 + r;
        case 1: return r % 7 === 0 ? Number.NaN : r / 8;
        case 2: return r % 5 === 0 ? null : r % 100;
        case 3: return note(r);
        default: return r % 2 === 0 ? `2026-11-${String(1 + (r % 28)).padStart(2, '0')} 08:30:00` : null;
      }
    });
    const got = await s.all<{ id: number; p: number | null; risk: number | null; note: string | null; at: Date | string | null }>(
      `SELECT id, p, risk, note, seen_at AS at FROM bulk_t ORDER BY id`);
    expect(got).toHaveLength(rows);
    for (const r of [0, 1, 2, 7, 2047, 2048, 4095, 4999]) {
      const row = got[r];
      expect(row?.id).toBe(9_007_199_254_000_000 + r);
      expect(row?.p).toBe(r % 7 === 0 ? null : r / 8);
      expect(row?.risk).toBe(r % 5 === 0 ? null : r % 100);
      expect(row?.note).toBe(note(r));
      if (r % 2 === 0) expect(new Date(row?.at as string | Date).toISOString()).toBe(`2026-11-${String(1 + (r % 28)).padStart(2, '0')}T08:30:00.000Z`);
      else expect(row?.at).toBeNull();
    }
    const [id, p] = await readColumns(s, 'bulk_t', ['id', 'p'], 'id');
    expect(id?.[4999]).toBe(9_007_199_254_004_999);
    expect(Number.isNaN(p?.[0])).toBe(true);
    expect(p?.[1]).toBe(1 / 8);
  });

  it('loads a subset of a table\'s columns (the file path) and an empty batch', async () => {
    const s = await session();
    await s.run(`CREATE TEMP TABLE bulk_u (id BIGINT, extra TEXT, v DOUBLE PRECISION)`);
    await loadColumns(s, 'bulk_u', ['id', 'v'], 3, (r, c) => (c === 0 ? r + 1 : r * 1.5));
    await loadColumns(s, 'bulk_u', ['id', 'extra', 'v'], 0, () => null);
    expect(await s.all(`SELECT id, extra, v FROM bulk_u ORDER BY id`)).toEqual([
      { id: 1, extra: null, v: 0 }, { id: 2, extra: null, v: 1.5 }, { id: 3, extra: null, v: 3 },
    ]);
  });
});
