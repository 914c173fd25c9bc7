// Shared by every command: global options -> config -> store, output, and error reporting.
import type { Command } from 'commander';
import { configure, ConfigError, type TendConfig } from '../config.js';
import { DomainError } from '../core/errors.js';
import { openStore, StoreOpenError, type Store } from '../store/open-store.js';

export interface GlobalOptions {
  readonly db?: string;
  readonly databaseUrl?: string;
}

export function commandConfig(cmd: Command): TendConfig {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return configure({ db: g.db, databaseUrl: g.databaseUrl });
}

/** Opens the store for one command and always closes it. */
export async function withStore<T>(cmd: Command, work: (store: Store, cfg: TendConfig) => Promise<T>): Promise<T> {
  const cfg = commandConfig(cmd);
  const store = await openStore(cfg.store);
  try {
    return await work(store, cfg);
  } finally {
    await store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Exit codes: 2 for input the user can fix, 1 for everything else. */
export function reportError(err: unknown): number {
  if (err instanceof DomainError) {
    process.stderr.write(`error: ${err.message}\n`);
    return err.code === 'invalid_input' || err.code === 'not_found' ? 2 : 1;
  }
  if (err instanceof ConfigError || err instanceof StoreOpenError) {
    process.stderr.write(`error: ${err.message}\n`);
    return 2;
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${msg}\n`);
  if (process.env.TEND_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 1;
}

export function parsePositiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new DomainError('invalid_input', `--${name} must be a whole number >= 0, got "${v}"`, name);
    return n;
  };
}

export function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}
