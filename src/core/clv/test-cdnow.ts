// Test support: the shared CDNOW / donations reference files (skipped with a reason when the
// shared folder is absent) and the literature's "3 significant digits" comparison.
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CustomerSummary } from './summary.js';

export const CDNOW_DIR = new URL('../../../../shared/data/cdnow/', import.meta.url);
export const HAVE_CDNOW = existsSync(CDNOW_DIR);

/** A suite title that says why it is skipped when the data is missing. */
export function cdnowTitle(title: string): string {
  return HAVE_CDNOW ? title : `${title} — skipped: shared/data/cdnow is absent`;
}

export function readCdnowText(name: string): string {
  return readFileSync(new URL(name, CDNOW_DIR), 'utf8');
}

/** A numeric CSV with a header row, as rows of numbers. */
export function readNumberRows(name: string): number[][] {
  return readCdnowText(name).trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
}

/** cdnow_customers_summary.csv as a summary (x, t_x, T in weeks). */
export function readCdnowSummary(): CustomerSummary {
  const rows = readNumberRows('cdnow_customers_summary.csv');
  return { x: Float64Array.from(rows, (r) => r[1] as number), tx: Float64Array.from(rows, (r) => r[2] as number), T: Float64Array.from(rows, (r) => r[3] as number) };
}

/** |actual - expected| within half a unit of the 3rd significant digit of expected. */
export function expectThreeSignificant(actual: number, expected: number): void {
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - 2);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.5 * unit + 1e-12);
}
