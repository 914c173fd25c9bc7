// `tend demo`: generates a realistic retailer as CSV files and loads them through the normal
// import path (the engine's bulk loader), so the demo exercises exactly what users run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityName } from '../core/import/entities.js';
import type { Store } from '../store/open-store.js';
import { generateDemoFiles } from './demo/generate-demo-files.js';
import { importFile, type ImportSummary } from './import/import-file.js';
import { scoreCustomers } from './score/score-customers.js';
import { createDynamicSegment } from './segments/segments.js';
import { ensureBuiltinTags, refreshAllTags } from './tags/tags.js';

export interface LoadDemoOptions {
  readonly customers: number;
  readonly seed: number;
  readonly endDate?: Date;
  readonly timezone?: string;
  readonly onProgress?: (step: string, percent: number) => void;
  /** also score customers, compute the built-in tags and create example segments (default true) */
  readonly analyse?: boolean;
}

export interface LoadDemoResult {
  readonly generateSeconds: number;
  readonly imports: Readonly<Partial<Record<EntityName, Pick<ImportSummary, 'imported' | 'rejected' | 'seconds'>>>>;
  readonly seconds: number;
}

export async function loadDemo(store: Store, opts: LoadDemoOptions): Promise<LoadDemoResult> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'tend-demo-'));
  const report = opts.onProgress ?? (() => {});
  try {
    const files = await generateDemoFiles(dir, {
      customers: opts.customers,
      seed: opts.seed,
      endDate: opts.endDate ?? new Date(),
      onProgress: (done, total) => report('generating', (100 * done) / Math.max(1, total)),
    });
    const generateSeconds = (Date.now() - started) / 1000;
    await markDemoDatabase(store);
    const order: Array<[EntityName, string]> = [
      ['products', files.products], ['customers', files.customers], ['orders', files.orders],
      ['order-items', files.orderItems], ['events', files.events], ['feedback', files.feedback],
    ];
    const imports: Partial<Record<EntityName, Pick<ImportSummary, 'imported' | 'rejected' | 'seconds'>>> = {};
    for (const [entity, file] of order) {
      const s = await importFile(store, {
        entity, file, actor: 'demo', timezone: 'UTC',
        onProgress: (phase, p) => report(`${entity} ${phase}`, p),
      });
      imports[entity] = { imported: s.imported, rejected: s.rejected, seconds: s.seconds };
    }
    if (opts.analyse ?? true) {
      const day = (opts.endDate ?? new Date()).toISOString().slice(0, 10);
      report('scoring', 0);
      await scoreCustomers(store, { asOf: day });
      report('tags', 0);
      await ensureBuiltinTags(store);
      await refreshAllTags(store, 'demo');
      report('segments', 0);
      for (const seg of EXAMPLE_SEGMENTS) {
        if (!(await store.db.selectFrom('segments').select('id').where('name', '=', seg.name).executeTakeFirst())) {
          await createDynamicSegment(store, seg, 'demo');
        }
      }
    }
    return { generateSeconds, imports, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Segments an operator would build first; they show what the rule language does. */
const EXAMPLE_SEGMENTS = [
  { name: '高价值客户', description: 'high-value tier', rule: { type: 'score', field: 'value_tier', op: 'equals', value: 'high_value' } },
  { name: '口红沉睡客户', description: 'bought lipstick, none for 6 months: seasonal shade offer',
    rule: { type: 'and', conditions: [
      { type: 'purchase', product: { by: 'category', category: '美妆/口红' }, metric: 'orders', op: 'at_least', value: 1 },
      { type: 'purchase', product: { by: 'category', category: '美妆/口红' }, metric: 'orders', op: 'at_most', value: 0, window: { type: 'last_days', days: 180 } },
    ] } },
  { name: '高流失风险高价值', description: 'churn risk >= 70 with predicted CLV above 1000: win-back first',
    rule: { type: 'and', conditions: [
      { type: 'score', field: 'churn_risk', op: 'gte', value: 70 },
      { type: 'score', field: 'predicted_clv', op: 'gt', value: 1000 },
    ] } },
  { name: 'NPS贬损者', description: 'detractors in the last 90 days: answer within 24 hours',
    rule: { type: 'nps', band: 'detractor', window: { type: 'last_days', days: 90 } } },
];

const DEMO_FLAG = 'demo_data';

async function markDemoDatabase(store: Store): Promise<void> {
  await store.db.deleteFrom('settings').where('key', '=', DEMO_FLAG).execute();
  await store.db.insertInto('settings').values({ key: DEMO_FLAG, value: JSON.stringify(true), updated_by: 'demo', updated_at: new Date() }).execute();
}

/** True when `tend demo` (or the first start) filled this database with the demo retailer. */
export async function isDemoDatabase(store: Store): Promise<boolean> {
  return (await store.db.selectFrom('settings').select('key').where('key', '=', DEMO_FLAG).executeTakeFirst()) !== undefined;
}
