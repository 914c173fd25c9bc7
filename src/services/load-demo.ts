// `tend demo`: generates a realistic retailer as CSV files and loads them through the normal
// import path (the engine's bulk loader), so the demo exercises exactly what users run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityName } from '../core/import/entities.js';
import type { Store } from '../store/open-store.js';
import { generateDemoFiles } from './demo/generate-demo-files.js';
import { importFile, type ImportSummary } from './import/import-file.js';

export interface LoadDemoOptions {
  readonly customers: number;
  readonly seed: number;
  readonly endDate?: Date;
  readonly timezone?: string;
  readonly onProgress?: (step: string, percent: number) => void;
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
    return { generateSeconds, imports, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
