import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { importFile } from '../import/import-file.js';
import { countRule, explainRule } from './count-rule.js';
import { exportSegment } from './export-segment.js';
import { createDynamicSegment, createStaticSegment, deleteSegment, refreshSegment, segmentChanges, showSegment } from './segments.js';
import { overlapMatrix } from './segment-overlap.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-seg-'));
let n = 0;
const file = (name: string, text: string) => {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, text);
  return p;
};
const shanghai = { type: 'attribute', field: 'city', op: 'equals', value: '上海' };
const bigSpender = { type: 'purchase', product: { by: 'any' }, metric: 'spend', op: 'at_least', value: 100 };

describe.each(engines)('segments on $name', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
    await importFile(store, { entity: 'customers', file: file('c.csv', 'customer_id,name,city,phone\nC1,张伟,上海,13800000001\nC2,李娜,上海,13800000002\nC3,王芳,北京,13800000003\n') });
    await importFile(store, { entity: 'orders', file: file('o.csv', 'order_id,customer_id,ordered_at,total\nO1,C1,2026-01-01T00:00:00Z,150\nO2,C3,2026-01-02T00:00:00Z,500\n') });
  });
  afterEach(async () => {
    await store.close();
  });

  it('counts a rule and explains it without splicing values into SQL', async () => {
    const r = await countRule(store, { type: 'and', conditions: [shanghai, bigSpender] });
    expect(r.count).toBe(1);
    const e = await explainRule(store, { type: 'and', conditions: [shanghai, bigSpender] });
    expect(e.sql).not.toContain('上海');
    expect(e.parameters).toContain('上海');
    expect(e.zh).toContain('上海');
    expect(e.en).toMatch(/city/i);
    await expect(countRule(store, { type: 'attribute', field: 'nope', op: 'equals', value: 1 })).rejects.toThrow(/nope/);
  });

  it('keeps membership history: entries and exits with their events', async () => {
    const seg = await createDynamicSegment(store, { name: '上海大客户', rule: { type: 'and', conditions: [shanghai, bigSpender] } });
    expect(seg.memberCount).toBe(1);
    expect(seg.reading?.zh).toContain('上海');
    const t0 = new Date();
    // C2 now spends enough; C1's city changes: one enters, one leaves.
    await importFile(store, { entity: 'orders', file: file('o2.csv', 'order_id,customer_id,ordered_at,total\nO3,C2,2026-02-01T00:00:00Z,300\n') });
    await importFile(store, { entity: 'customers', file: file('c2.csv', 'customer_id,city\nC1,杭州\n') });
    const r = await refreshSegment(store, seg.id);
    expect(r).toEqual({ entered: 1, exited: 1, members: 1 });
    const changes = await segmentChanges(store, seg.id, t0);
    expect(changes.entered).toHaveLength(1);
    expect(changes.exited).toHaveLength(1);
    const events = await store.db.selectFrom('events').select(['name', 'customer_id']).where('name', 'in', ['segment_entered', 'segment_exited']).execute();
    expect(events.map((e) => e.name).sort()).toEqual(['segment_entered', 'segment_entered', 'segment_exited']);
    expect(await refreshSegment(store, seg.id)).toEqual({ entered: 0, exited: 0, members: 1 });
  });

  it('freezes static segments and matches uploaded lists through OneID', async () => {
    const dyn = await createDynamicSegment(store, { name: 'sh', rule: shanghai });
    const frozen = await createStaticSegment(store, { name: 'sh-frozen', from: 'sh' });
    expect(frozen.memberCount).toBe(2);
    const listed = await createStaticSegment(store, { name: 'list', list: ['+86 138 0000 0003', 'C1', 'nobody@x.cn'] });
    expect(listed.memberCount).toBe(2);
    expect(listed.unmatched).toEqual(['nobody@x.cn']);
    const o = await overlapMatrix(store, [dyn.id, 'list']);
    expect(o.segments.map((x) => x.members)).toEqual([2, 2]);
    expect(o.pairs).toEqual([{ a: dyn.id, b: listed.id, both: 1, jaccard: 0.3333 }]);
    await expect(overlapMatrix(store, [dyn.id])).rejects.toThrow(/2 to 20 segments/);
    await expect(overlapMatrix(store, [dyn.id, String(dyn.id)])).rejects.toThrow(/listed twice/);
    await expect(refreshSegment(store, 'list')).rejects.toThrow(/static/);
  });

  it('rejects duplicates, cycles and deleting a segment others use', async () => {
    const a = await createDynamicSegment(store, { name: 'a', rule: shanghai });
    await expect(createDynamicSegment(store, { name: 'a', rule: shanghai })).rejects.toThrow(/already exists/);
    await createDynamicSegment(store, { name: 'b', rule: { type: 'segment', op: 'in', segment_id: a.id } });
    await expect(deleteSegment(store, 'a')).rejects.toThrow(/used by "b"/);
    await deleteSegment(store, 'b');
    await deleteSegment(store, 'a');
    await expect(showSegment(store, 'a')).rejects.toThrow(/not found/);
  });

  it('exports members to CSV and XLSX with chosen columns', async () => {
    const seg = await createDynamicSegment(store, { name: 'sh', rule: shanghai });
    const csv = join(dir, `sh-${engine.name}.csv`);
    expect((await exportSegment(store, seg.id, csv, ['customer_id', 'name', 'phone'], 'csv')).rows).toBe(2);
    expect(readFileSync(csv, 'utf8')).toBe('\uFEFFcustomer_id,name,phone\nC1,张伟,+8613800000001\nC2,李娜,+8613800000002\n');
    const xlsx = join(dir, `sh-${engine.name}.xlsx`);
    await exportSegment(store, seg.id, xlsx, ['name', 'city'], 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const values = wb.worksheets[0]?.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values).toEqual([['name', 'city'], ['张伟', '上海'], ['李娜', '上海']]);
  });
});
