// Process configuration: read from the environment once, validated, cached. CLI flags override
// by calling `configure()` before anything opens the store.
import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  TEND_DB: z.string().min(1).optional(),
  TEND_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'TEND_DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  TEND_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TEND_HOST: z.string().optional(),
  TEND_TIMEZONE: z.string().optional(),
  TEND_CURRENCY: z.string().length(3).optional(),
  TEND_DUCKDB_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'TEND_DUCKDB_MEMORY_LIMIT must look like 2GB').optional(),
  TEND_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type StoreConfig =
  | { readonly engine: 'duckdb'; readonly path: string; readonly memoryLimit?: string }
  | { readonly engine: 'postgres'; readonly url: string };

export interface TendConfig {
  readonly store: StoreConfig;
  readonly port: number;
  readonly host: string;
  readonly timezone: string;
  readonly currency: string;
  readonly logLevel: string;
}

export const DEFAULT_DB_PATH = '.tend/tend.duckdb';
/** DuckDB spills to disk beyond this, so big imports and scoring keep a flat memory profile. */
export const DEFAULT_DUCKDB_MEMORY = '2GB';

export interface ConfigOverrides {
  readonly db?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly port?: number | undefined;
}

let cached: TendConfig | undefined;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): TendConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const url = overrides.databaseUrl ?? (overrides.db ? undefined : e.TEND_DATABASE_URL);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError('--database-url must be a postgres:// or postgresql:// URL');
  }
  const store: StoreConfig = url
    ? { engine: 'postgres', url }
    : { engine: 'duckdb', path: resolve(overrides.db ?? e.TEND_DB ?? DEFAULT_DB_PATH), memoryLimit: e.TEND_DUCKDB_MEMORY_LIMIT ?? DEFAULT_DUCKDB_MEMORY };
  return {
    store,
    port: overrides.port ?? e.TEND_PORT ?? 3000,
    host: e.TEND_HOST ?? '127.0.0.1',
    timezone: e.TEND_TIMEZONE ?? 'Asia/Shanghai',
    currency: e.TEND_CURRENCY ?? 'CNY',
    logLevel: e.TEND_LOG_LEVEL ?? 'info',
  };
}

/** Sets the process configuration (CLI flags applied); later `config()` calls return it. */
export function configure(overrides: ConfigOverrides = {}): TendConfig {
  cached = loadConfig(process.env, overrides);
  return cached;
}

export function config(): TendConfig {
  cached ??= loadConfig();
  return cached;
}
