import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bg-nbd.js';
import { fitGammaGamma, gammaGammaConditionalExpectedSpend } from './gamma-gamma.js';
import { dayNumber, summarizeTransactions } from './transactions.js';
import { cdnowTitle, HAVE_CDNOW, readCdnowText, readNumberRows } from './test-cdnow.js';


/** CDNOW_sample.txt: master id, sample id, date YYYYMMDD, number of CDs, dollar value. */
function readSample(): { days: number[][]; values: number[][] } {
  const days: number[][] = [];
  const values: number[][] = [];
  for (const line of readCdnowText('CDNOW_sample.txt').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const id = Number(f[1]) - 1;
    (days[id] ??= []).push(dayNumber(f[2] as string));
    (values[id] ??= []).push(Number(f[4]));
  }
  return { days, values };
}

function readCsv(name: string): number[][] {
  return readNumberRows(name);
}

describe.skipIf(!HAVE_CDNOW)(cdnowTitle('CDNOW raw transactions'), () => {
  const sample = HAVE_CDNOW ? readSample() : { days: [], values: [] };
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
