import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reportError } from '../context.js';
import { registerClv } from './clv.js';

const dataUrl = new URL('../../../../shared/data/cdnow/', import.meta.url);
const haveData = existsSync(dataUrl);
const data = (name: string): string => fileURLToPath(new URL(name, dataUrl));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tend-clv-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `tend clv ...` in-process; returns stdout, stderr and the exit code main() would give. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const program = new Command('tend').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerClv(program);
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const writeErr = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    await program.parseAsync(['node', 'tend', 'clv', ...args]);
    return { out, err, code: 0 };
  } catch (e) {
    if (e instanceof CommanderError) return { out, err, code: e.exitCode === 0 ? 0 : 2 };
    const code = reportError(e);
    return { out, err, code };
  } finally {
    write.mockRestore();
    writeErr.mockRestore();
  }
}

describe('tend clv command', () => {
  it('has --help on every subcommand', async () => {
    for (const sub of ['fit', 'predict', 'evaluate']) {
      const r = await run(sub, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: tend clv ${sub}`);
      expect(r.out).toContain('--transactions <file>');
      expect(r.out).toContain('--no-header');
    }
    expect((await run('predict', '--help')).out).toContain('--discount-rate <rate>');
    expect((await run('evaluate', '--help')).out).toContain('--holdout-end <date>');
  });

  it('exits 2 with a message naming the option for bad input', async () => {
    const file = join(work, 'tx.csv');
    writeFileSync(file, 'cust,when\na,2024-01-01\na,2024-02-01\nb,2024-01-03\n');
    const missing = await run('fit', '--transactions', file, '--customer-col', 'customer', '--date-col', 'when');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^error: --customer-col "customer": no such column .*columns found: "cust", "when"/);
    const horizon = await run('predict', '--transactions', file, '--customer-col', 'cust', '--date-col', 'when', '--horizon', 'soon', '--out', join(work, 'p.csv'));
    expect(horizon.code).toBe(2);
    expect(horizon.err).toContain('--horizon must be a number > 0, got "soon"');
    const noOut = await run('predict', '--transactions', file, '--customer-col', 'cust', '--date-col', 'when');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out FILE is required');
    const noHoldout = await run('evaluate', '--transactions', file, '--customer-col', 'cust', '--date-col', 'when', '--calibration-end', '2024-01-15');
    expect(noHoldout.code).toBe(2);
    expect(noHoldout.err).toContain('--holdout-end YYYY-MM-DD is required');
  });

  describe.skipIf(!haveData)(haveData ? 'on CDNOW' : 'on CDNOW — skipped: /work/shared/data/cdnow is absent', () => {
    it('fit --json prints the model, params, log-likelihood, customers and spend', async () => {
      const r = await run('fit', '--summary', data('cdnow_customers_summary_with_transactions.csv'), '--spend', 'gamma-gamma', '--json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as Record<string, unknown>;
      expect(Object.keys(json).slice(0, 5)).toEqual(['model', 'params', 'logLikelihood', 'customers', 'spend']);
      expect(json.model).toBe('bg-nbd');
      expect(Object.keys(json.params as object)).toEqual(['r', 'alpha', 'a', 'b']);
      expect(Object.keys(json.spend as object)).toEqual(['p', 'q', 'gamma']);
      expect(json.customers).toBe(2357);
      expect(Math.abs((json.logLikelihood as number) - -9582.43)).toBeLessThan(0.01);
    });

    it('fit prints a readable table', async () => {
      const r = await run('fit', '--transactions', data('CDNOW_sample.txt'), '--no-header', '--customer-col', '2', '--date-col', '3', '--calibration-end', '1997-09-30');
      expect(r.code).toBe(0);
      expect(r.out).toContain('BG/NBD fitted on 2,357 customers (946 repeat buyers), times in weeks, calibration to 1997-09-30');
      expect(r.out).toMatch(/r\s+0\.2426\s+0\.0126/);
      expect(r.out).toMatch(/log-likelihood\s+-9582\.43/);
    });

    it('predict writes the file and evaluate prints the holdout comparison', async () => {
      const out = join(work, 'predictions.csv');
      const p = await run('predict', '--summary', data('cdnow_customers_summary_with_transactions.csv'), '--horizon', '39', '--out', out);
      expect(p.code).toBe(0);
      expect(p.out).toContain(`wrote 2,357 rows (csv) to ${out}`);
      expect(readFileSync(out, 'utf8').trim().split('\n').length).toBe(2358);
      const e = await run('evaluate', '--transactions', data('CDNOW_sample.txt'), '--no-header', '--customer-col', '2', '--date-col', '3', '--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30');
      expect(e.code).toBe(0);
      expect(e.out).toMatch(/repeat purchases\s+1,882\s+165\d\.\d/);
      expect(e.out).toMatch(/78\s+1998-06-30\s+4,339/);
    });

    it('is registered in bin/tend.mjs', async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin', 'tend.mjs'), 'clv', 'fit', '--summary', data('cdnow_customers_summary.csv'), '--json'], {
        cwd: root,
        env: { ...process.env, TEND_FROM_SOURCE: '1' },
      });
      const json = JSON.parse(stdout) as { model: string; customers: number };
      expect(json).toMatchObject({ model: 'bg-nbd', customers: 2357 });
    });
  });
});
