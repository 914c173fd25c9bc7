// Every reason the importer actually writes has its Chinese wording for the console.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectReasonZh } from '../../core/import/reject-reasons.js';
import type { Store } from '../../store/open-store.js';
import { engines } from '../../../test/support/engines.js';
import { parseCsv } from '../../../test/support/csv.js';
import { importFile } from './import-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-reasons-'));
const FILES: ReadonlyArray<readonly [Parameters<typeof importFile>[1]['entity'], string]> = [
  ['customers', 'customer_id,email,phone,gender,birthday,signup_at,consent_sms,platform_ids\n'
    + 'A1,bad-email,,,,,,\nA2,,123,,,,,\nA3,,,火星,,,,\nA4,,,,not-a-day,,,\nA5,,,,,never,,\nA6,,,,,,maybe,\nA7,,,,,,,wx\n,,,,,,,\nA8,x@y.cn,,,,,,,extra\n'],
  ['orders', 'order_id,customer_id,ordered_at,total,discount,status,currency\n'
    + 'O1,C1,2024-01-01,-5,,,\nO2,C1,2024-01-01,5,-1,,\nO3,C1,2024-01-01,abc,,,\nO4,C1,2024-01-01,5,,lost,\nO5,C1,2024-01-01,5,,,1234\n,C1,2024-01-01,5,,,\nO6,C1,2024-01-01,5,,,\n'],
  ['products', 'sku,name,price\nS1,one,-3\nS2,two,1\n'],
  ['order-items', 'order_id,sku,quantity,unit_price,amount\nO6,S2,0,1,\nO6,S2,1,-1,\nO6,S2,1,,-1\nO6,S2,1.5,,\nO6,S2,1,,\nNOPE,S2,1,1,\nO6,NOSKU,1,1,\n'],
  ['feedback', 'customer_id,submitted_at,type,score\nC1,2024-01-01,nps,\nC1,2024-01-01,nps,11\nC1,2024-01-01,csat,\nC1,2024-01-01,csat,9\nC1,2024-01-01,rant,1\n'],
  ['events', 'event,occurred_at,properties\nview,2024-01-01,{}\n'],
];

describe.each(engines.slice(0, 1))('reject reasons on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('are all worded in Chinese', async () => {
    const reasons = new Set<string>();
    for (const [entity, text] of FILES) {
      const file = join(dir, `${entity}.csv`);
      writeFileSync(file, text);
      const rejectsFile = join(dir, `${entity}-rejects.csv`);
      const s = await importFile(store, { entity, file, rejectsFile });
      expect(s.rejected).toBeGreaterThan(0);
      for (const row of parseCsv(readFileSync(rejectsFile, 'utf8')).slice(1)) reasons.add(row[3] as string);
    }
    expect(reasons.size).toBeGreaterThan(20);
    // worded in Chinese (field names, codes and values stay as they are)
    const untranslated = [...reasons].filter((r) => !/[\u4e00-\u9fff]/.test(rejectReasonZh(r)));
    expect(untranslated).toEqual([]);
  });
});
