import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { storePerTest } from '../../../test/support/engine-session.js';
import { openSession } from '../../store/open-session.js';
import { importFile } from '../import/import-file.js';
import { buildChurnFeatures } from './churn-features.js';
import { buildCustomerFeatures } from './customer-features.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-churn-features-'));
const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
};

describe.each(engines)('churn features on $name', (engine) => {
  const openStore = storePerTest(engine);

  it('counts the top-level categories a buyer bought from, uncategorised products as one, before the day only', async () => {
    const store = await openStore();
    await importFile(store, { entity: 'products', file: file(`p-${engine.name}.csv`, ['sku,name,category,price', 'P1,口红,Beauty/Lip,99', 'P2,眼影,Beauty/Eye,79', 'P3,杯子,Home,20', 'P4,礼盒,,50', 'P5,台灯,Home/Light,120']) });
    await importFile(store, { entity: 'orders', file: file(`o-${engine.name}.csv`, ['order_id,customer_id,ordered_at,total', 'O1,C1,2026-05-01,178', 'O2,C1,2026-05-20,70', 'O3,C2,2026-05-02,50', 'O4,C2,2026-07-05,120']) });
    await importFile(store, { entity: 'order-items', file: file(`i-${engine.name}.csv`, ['order_id,sku,quantity,unit_price', 'O1,P1,1,99', 'O1,P2,1,79', 'O2,P3,1,20', 'O2,P4,1,50', 'O3,P4,1,50', 'O4,P5,1,120']) });
    const { session: s, close } = await openSession(store);
    try {
      await buildCustomerFeatures(s, { day: '2026-06-30' }, 'tf');
      await buildChurnFeatures(s, '2026-06-30', 'tf', null);
      const rows = await s.all<{ ext: string; n: number }>(`SELECT i.value AS ext, x.category_breadth AS n FROM tf_x x
        JOIN identities i ON i.customer_id = x.customer_id AND i.kind = 'external_id' ORDER BY i.value`);
      // C1: Beauty (twice), Home, none. C2: none (O4's Home/Light is after the day).
      expect(rows.map((r) => `${r.ext}:${Number(r.n)}`)).toEqual(['C1:3', 'C2:1']);

      // an earlier day's features cut from a later day's order days equal those built from orders
      await buildCustomerFeatures(s, { day: '2026-05-19' }, 'ta');
      await buildCustomerFeatures(s, { day: '2026-05-19' }, 'tb', 'tf_days');
      for (const t of ['days', 'cust', 'first', 'prev']) {
        const all = async (p: string) => JSON.stringify(await s.all(`SELECT * FROM ${p}_${t} ORDER BY 1, 2`));
        expect(await all('tb')).toEqual(await all('ta'));
      }
      expect(Number((await s.one<{ n: number }>(`SELECT count(*) AS n FROM ta_days`)).n)).toBe(3); // O2, the 20th in Shanghai, is the 19th in UTC: the last day counts
    } finally {
      await close();
    }
  });
});
