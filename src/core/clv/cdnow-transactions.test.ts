import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bg-nbd.js';
import { fitGammaGamma, gammaGammaConditionalExpectedSpend } from './gamma-gamma.js';
import { dayNumber, summarizeTransactions } from './transactions.js';

const dataDir = new URL('../../../../shared/data/cdnow/', import.meta.url);
const haveData = existsSync(dataDir);

/** CDNOW_sample.txt: master id, sample id, date YYYYMMDD, number of CDs, dollar value. */
function readSample(): { days: number[][]; values: number[][] } {
  const days: number[][] = [];
  const values: number[][] = [];
  for (const line of readFileSync(new URL('CDNOW_sample.txt', dataDir), 'utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const id = Number(f[1]) - 1;
    (days[id] ??= []).push(dayNumber(f[2] as string));
    (values[id] ??= []).push(Number(f[4]));
  }
  return { days, values };
}

function readCsv(name: string): number[][] {
  return readFileSync(new URL(name, dataDir), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
}

describe.skipIf(!haveData)(haveData ? 'CDNOW raw transactions' : 'CDNOW raw transactions — skipped: /work/shared/data/cdnow is absent', () => {
  const sample = haveData ? readSample() : { days: [], values: [] };
  const summary = summarizeTransactions(sample.days, { calibrationEnd: dayNumber('1997-09-30'), unit: 'weeks' }, sample.values);

  it('summarise to the published calibration summary (x, t_x, T, zbar)', () => {
    const rows = readCsv('cdnow_customers_summary_with_transactions.csv');
    expect(summary.x.length).toBe(2357);
    expect(rows.length).toBe(2357);
    rows.forEach((row, i) => {
      expect(summary.customer[i]).toBe((row[0] as number) - 1);
      expect(summary.x[i]).toBe(row[1]);
      expect(Math.abs((summary.tx[i] as number) - (row[2] as number))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((summary.T[i] as number) - (row[3] as number))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((summary.zbar?.[i] as number) - (row[4] as number))).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });

  it('give the same BG/NBD parameters as the summary file (3 significant digits)', () => {
    const fromRaw = fitBgNbd(summary).params;
    const rows = readCsv('cdnow_customers_summary.csv');
    const fromFile = fitBgNbd({ x: Float64Array.from(rows, (r) => r[1] as number), tx: Float64Array.from(rows, (r) => r[2] as number), T: Float64Array.from(rows, (r) => r[3] as number) }).params;
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Number(fromRaw[k].toPrecision(3))).toBe(Number(fromFile[k].toPrecision(3)));
    }
  });

  it('reproduce the Gamma-Gamma conditional spends of the first ten customers exactly with unrounded zbar', () => {
    const fit = fitGammaGamma({ x: summary.x, zbar: summary.zbar ?? new Float64Array() });
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    expected.forEach((value, i) => {
      const spend = gammaGammaConditionalExpectedSpend(fit.params, summary.x[i] as number, summary.zbar?.[i] as number);
      expect(spend.ok).toBe(true);
      if (spend.ok) expect(Math.abs(spend.value - value)).toBeLessThan(0.005);
    });
  });
});
