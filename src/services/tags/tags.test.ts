import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { importFile } from '../import/import-file.js';
import { BUILTIN_TAGS } from './builtin-tags.js';
import { createTag, ensureBuiltinTags, listTags, refreshTag, setTag } from './tags.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-tags-'));
let n = 0;
const file = (text: string) => {
  const p = join(dir, `${n++}.csv`);
  writeFileSync(p, text);
  return p;
};

describe.each(engines)('tags on $name', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
    const recent = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await importFile(store, { entity: 'products', file: file('sku,name,category\nF1,奶粉1段,母婴/奶粉\nE1,早教卡,母婴/早教\nL1,口红,美妆/口红\n') });
    await importFile(store, { entity: 'customers', file: file('customer_id,gender,city\nC1,female,上海\nC2,male,成都\nC3,female,深圳\n') });
    await importFile(store, { entity: 'orders', file: file(`order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01T00:00:00Z,300\nO2,C2,2024-01-01T00:00:00Z,200\nO3,C2,${recent},50\nO4,C3,2024-02-01T00:00:00Z,99\n`) });
    await importFile(store, { entity: 'order-items', file: file('order_id,sku,quantity,amount\nO1,F1,1,300\nO2,F1,1,150\nO3,E1,1,50\nO4,L1,1,99\n') });
    await importFile(store, { entity: 'feedback', file: file(`customer_id,submitted_at,type,text\nC3,${recent},complaint,物流太慢\n`) });
  });
  afterEach(async () => {
    await store.close();
  });

  it('computes the built-in tags from the data', async () => {
    expect(await ensureBuiltinTags(store)).toBe(BUILTIN_TAGS.length);
    expect(await ensureBuiltinTags(store)).toBe(0);
    const counts = Object.fromEntries((await listTags(store)).map((t) => [t.name, t.customers]));
    expect(counts).toMatchObject({ 女性客户: 2, 一线城市: 2, 母婴买家: 2, 近期投诉: 1, 口红复购提醒: 1, 潜在早教需求: 1 });
  });

  it('records who set a hand tag and when, and refuses hand edits of rule tags', async () => {
    const vip = await createTag(store, { name: 'VIP客服', group: 'basic' });
    expect(await setTag(store, 'C2', vip.id, true, 'alice')).toEqual({ changed: true });
    expect(await setTag(store, 'C2', vip.id, true, 'alice')).toEqual({ changed: false });
    const row = await store.db.selectFrom('customer_tags').selectAll().where('tag_id', '=', vip.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ set_by: 'alice', source: 'manual', exited_at: null });
    expect(await setTag(store, 'C2', 'VIP客服', false)).toEqual({ changed: true });
    const rule = await createTag(store, { name: '上海', group: 'basic', rule: { type: 'attribute', field: 'city', op: 'equals', value: '上海' } });
    await expect(setTag(store, 'C1', rule.id, true)).rejects.toThrow(/computed from its rule/);
    await expect(createTag(store, { name: 'x', group: 'other' })).rejects.toThrow(/group must be/);
    expect((await refreshTag(store, rule.id)).members).toBe(1);
  });
});
