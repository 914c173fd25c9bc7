// Shared by the benchmarks: timing, child processes with peak memory, argument parsing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const TEND = join(ROOT, 'bin', 'tend.mjs');

export function arg(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}

export function flag(args: readonly string[], name: string): boolean {
  return args.includes(`--${name}`);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

export interface ChildRun {
  readonly seconds: number;
  readonly peakRssMb: number | null;
  readonly stdout: string;
}

/** Runs a command; peak RSS comes from /usr/bin/time when the machine has it. */
export function runMeasured(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildRun> {
  const useTime = existsSync('/usr/bin/time');
  const [bin, argv] = useTime ? ['/usr/bin/time', ['-f', 'TEND_BENCH_RSS_KB=%M', cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(bin, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err.slice(-2000)}`));
      const m = /TEND_BENCH_RSS_KB=(\d+)/.exec(err);
      resolve({ seconds, peakRssMb: m ? Number(m[1]) / 1024 : null, stdout: out });
    });
  });
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
