// `tend import`: one file into one entity, atomically. DuckDB parses and validates every file
// (natively, in parallel, spilling to disk); the target engine then resolves identities and
// writes the rows inside one transaction, so a killed import leaves the database unchanged.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_DUCKDB_MEMORY } from '../../config.js';
import { DomainError } from '../../core/errors.js';
import { ENTITIES, type EntityName } from '../../core/import/entities.js';
import { mapColumns } from '../../core/import/map-columns.js';
import { DuckSession, sqlLiteral } from '../../store/duckdb/duck-session.js';
import type { Store } from '../../store/open-store.js';
import { PgSession } from '../../store/postgres/pg-session.js';
import type { SqlSession } from '../../store/sql-session.js';
import { applyByCopy } from './apply/apply-by-copy.js';
import { applyEntity, CUSTOMER_ROWS, type ApplyCounts } from './apply/apply-entity.js';
import { detectEncoding, formatFromName, type Encoding, type ImportFormat } from './detect.js';
import { finalizeStage, type FinalizeResult } from './stage/finalize.js';
import { findMultilineRows, physicalLinesIfQuoted, shiftStagedLines } from './stage/line-numbers.js';
import { stagingMacros } from './stage/macros.js';
import { collectParseRejects, dropSource, parseRejectedRecords, readSource } from './stage/read-source.js';
import { buildStageSql, numberStagedRowsSql } from './stage/validate-sql.js';
import { transcodeToUtf8 } from './transcode.js';
import { transferTable } from './postgres-transfer.js';
import { lapTimer, type LapTimer } from '../lap-timer.js';

export type ImportPhase = 'reading' | 'validating' | 'resolving' | 'writing' | 'done';

export interface ImportOptions {
  readonly entity: EntityName;
  readonly file: string;
  readonly format?: ImportFormat | undefined;
  readonly encoding?: Encoding | undefined;
  readonly map?: Readonly<Record<string, string>> | undefined;
  readonly rejectsFile?: string | undefined;
  readonly actor?: string | undefined;
  readonly timezone?: string | undefined;
  readonly currency?: string | undefined;
  readonly onProgress?: ((phase: ImportPhase, percent: number) => void) | undefined;
}

export interface ImportSummary extends ApplyCounts {
  readonly entity: EntityName;
  readonly file: string;
  readonly format: ImportFormat;
  readonly encoding: Encoding;
  readonly rows: number;
  readonly rejected: number;
  readonly rejectsFile: string | null;
  readonly ignoredColumns: readonly string[];
  readonly attributeColumns: readonly string[];
  readonly seconds: number;
  /** seconds per step: read, validate, finalize, then the write phase's own steps */
  readonly timings: Readonly<Record<string, number>>;
}

export async function importFile(store: Store, opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const timer = lapTimer();
  const file = resolve(opts.file);
  if (!existsSync(file) || !statSync(file).isFile()) throw new DomainError('not_found', `file not found: ${opts.file}`, 'file');
  const spec = ENTITIES[opts.entity];
  const format = opts.format ?? formatFromName(file);
  const progress = opts.onProgress ?? (() => {});
  const tmp = mkdtempSync(join(tmpdir(), 'tend-import-'));
  const scratch = store.engine === 'duckdb' ? undefined : await DuckDBInstance.create(':memory:', { temp_directory: join(tmp, 'spill'), memory_limit: process.env.TEND_DUCKDB_MEMORY_LIMIT ?? DEFAULT_DUCKDB_MEMORY });
  const duck = await DuckSession.open(store.handle.engine === 'duckdb' ? store.handle.instance : (scratch as DuckDBInstance));
  try {
    let source = file;
    let encoding: Encoding = 'utf-8';
    if (format !== 'parquet') {
      encoding = opts.encoding ?? (await detectEncoding(file));
      if (encoding !== 'utf-8') {
        source = join(tmp, 'utf8-copy');
        await transcodeToUtf8(file, source, encoding);
      }
    }
    for (const m of stagingMacros(opts.timezone ?? 'Asia/Shanghai')) await duck.run(m);

    progress('reading', 0);
    const read = await withProgress(duck, (p) => progress('reading', p), () => readSource(duck, source, format));
    timer.lap('read');
    const mapping = mapColumns(spec, read.header, opts.map ?? {});
    progress('validating', 0);
    // Counted beside the validating pass; see findMultilineRows.
    const physicalLines = read.rescan ? physicalLinesIfQuoted(source) : Promise.resolve(null);
    physicalLines.catch(() => null);
    const stage = buildStageSql(spec, mapping, read.header, opts.currency ?? 'CNY', read.lineOffset, read.numbered);
    await duck.run(stage.create);
    await withProgress(duck, (p) => progress('validating', p), () => duck.run(stage.sql));
    if (!read.numbered) await duck.run(numberStagedRowsSql());
    timer.lap('validate');
    const { rows } = await duck.one<{ rows: number }>(`SELECT count(*) AS rows FROM stg`);
    if (read.rescan) {
      await collectParseRejects(duck);
      const records = Number(rows) + (await parseRejectedRecords(duck));
      await findMultilineRows(duck, { physicalLines: await physicalLines, records, rescan: read.rescan, columns: read.header.length });
      await shiftStagedLines(duck);
    }
    const staged = await finalizeStage(duck, spec, mapping, file);
    await duck.run(`SET TimeZone = 'UTC'`);
    timer.lap('finalize');

    progress('resolving', 0);
    const counts = await applyInTarget(store, duck, opts, file, tmp, staged, timer);
    // The write phase's own steps are timed inside it; what is left (the commit, and the whole
    // phase of entities without steps, such as customers) counts as `apply`.
    timer.lap('apply');
    const rejected = staged.rejected + counts.applyRejects.length;
    let rejectsFile: string | null = null;
    if (rejected > 0) {
      rejectsFile = opts.rejectsFile ? resolve(opts.rejectsFile) : defaultRejectsPath(store, opts.entity, file);
      await writeRejects(duck, counts.applyRejects, file, rejectsFile);
    }
    await recordImport(store, {
      entity: opts.entity, file, format, encoding, imported: counts.imported, rejected,
      duplicates: counts.duplicates + staged.duplicates, merged: counts.merged, rejectsFile, started: new Date(started),
    });
    timer.lap('record');
    progress('done', 100);
    return {
      entity: opts.entity, file, format, encoding, rows: Number(rows) + (await parseRejectCount(duck)),
      imported: counts.imported, updated: counts.updated, duplicates: counts.duplicates + staged.duplicates,
      merged: counts.merged, keptApart: counts.keptApart, customersCreated: counts.customersCreated, rejected, rejectsFile,
      ignoredColumns: mapping.ignored, attributeColumns: mapping.attributes, seconds: (Date.now() - started) / 1000,
      timings: timer.timings,
    };
  } finally {
    await dropSource(duck);
    await duck.run(`DROP VIEW IF EXISTS stg_natural`).catch(() => 0);
    for (const t of ['stg_keys', 'key_customer', 'stored_keys', 'stg', 'stg_ids', 'rejects', 'parse_rejects', 'line_shift', 'row_nl', 'nl_scan', 'apply_rejects']) {
      await duck.run(`DROP TABLE IF EXISTS ${t}`).catch(() => 0);
    }
    duck.close();
    scratch?.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const TOUCHED: Readonly<Record<EntityName, readonly string[]>> = {
  customers: ['customers', 'identities'],
  products: ['products'],
  orders: ['orders', 'customers', 'identities'],
  'order-items': ['order_items'],
  events: ['events', 'customers', 'identities'],
  feedback: ['feedback', 'customers', 'identities'],
};

interface ApplyResult extends ApplyCounts {
  readonly applyRejects: ReadonlyArray<{ line: number; field: string; reason: string; value: string | null }>;
}

/** Runs the write phase in one transaction on the target engine. */
async function applyInTarget(store: Store, duck: DuckSession, opts: ImportOptions, file: string, tmp: string, staged: FinalizeResult, timer: LapTimer): Promise<ApplyResult> {
  const singleIdentity = staged.singleIdentity;
  const ctx = {
    source: `import:${opts.entity}:${basename(file)}`, actor: opts.actor ?? 'cli', now: new Date(),
    singleIdentity, identityColumns: staged.identityColumns ?? undefined, lap: timer.lap,
  };
  if (store.handle.engine === 'duckdb') return inTransaction(duck, () => applyEntity(duck, opts.entity, ctx));
  const client = await store.handle.pool.connect();
  const pg = new PgSession(client);
  try {
    // Set-based resolution hashes millions of keys: give this session room to do it in memory.
    await pg.run(`SET work_mem = '256MB'`);
    const entity = opts.entity;
    let result: ApplyResult;
    if (singleIdentity && (entity === 'orders' || entity === 'feedback')) {
      result = await inTransaction(pg, () => applyByCopy(duck, pg, CUSTOMER_ROWS[entity], singleIdentity, ctx, tmp));
    } else {
      await transferTable(duck, pg, 'stg', tmp);
      if (!singleIdentity) await transferTable(duck, pg, 'stg_ids', tmp);
      timer.lap('transfer');
      result = await inTransaction(pg, () => applyEntity(pg, entity, ctx));
    }
    // A bulk load changes table sizes by orders of magnitude; refresh the planner's statistics now
    // rather than waiting for autovacuum, so the next scoring or segment query plans well.
    for (const t of TOUCHED[opts.entity]) await pg.run(`ANALYZE ${t}`);
    timer.lap('analyze');
    return result;
  } finally {
    await pg.run(`DROP TABLE IF EXISTS stg`).catch(() => 0);
    await pg.run(`DROP TABLE IF EXISTS stg_ids`).catch(() => 0);
    await pg.run(`DROP TABLE IF EXISTS apply_rejects`).catch(() => 0);
    await pg.run(`RESET work_mem`).catch(() => 0);
    client.release();
  }
}

async function inTransaction(s: SqlSession, work: () => Promise<ApplyCounts>): Promise<ApplyResult> {
  await s.run(`CREATE TEMP TABLE apply_rejects (line BIGINT, field TEXT, reason TEXT, value TEXT)`);
  await s.run('BEGIN');
  try {
    const counts = await work();
    await s.run('COMMIT');
    const applyRejects = await s.all<{ line: number; field: string; reason: string; value: string | null }>(
      `SELECT line, field, reason, value FROM apply_rejects ORDER BY line`,
    );
    await s.run(`DROP TABLE apply_rejects`);
    return { ...counts, applyRejects };
  } catch (err) {
    await s.run('ROLLBACK').catch(() => 0);
    throw err;
  }
}

function defaultRejectsPath(store: Store, entity: string, file: string): string {
  const base = store.handle.engine === 'duckdb' ? dirname(store.handle.path) : resolve('.tend');
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return join(base, 'rejects', `${entity}-${basename(file).replace(/\.[^.]+$/, '')}-${stamp}.csv`);
}

async function writeRejects(duck: DuckSession, applyRejects: ApplyResult['applyRejects'], file: string, out: string): Promise<void> {
  for (let i = 0; i < applyRejects.length; i += 500) {
    const batch = applyRejects.slice(i, i + 500);
    const values = batch.map((_, j) => `($1, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4}, $${j * 4 + 5})`).join(', ');
    await duck.run(`INSERT INTO rejects VALUES ${values}`, [file, ...batch.flatMap((r) => [r.line, r.field, r.reason, r.value])]);
  }
  await mkdir(dirname(out), { recursive: true });
  await duck.run(`COPY (SELECT file, line, field, reason, value FROM rejects ORDER BY line) TO ${sqlLiteral(out)} (FORMAT csv, HEADER true)`);
}

async function parseRejectCount(duck: DuckSession): Promise<number> {
  return (await duck.one<{ n: number }>(`SELECT count(*) AS n FROM parse_rejects`)).n;
}

interface ImportRecord {
  entity: string; file: string; format: string; encoding: string; imported: number; rejected: number;
  duplicates: number; merged: number; rejectsFile: string | null; started: Date;
}

async function recordImport(store: Store, r: ImportRecord): Promise<void> {
  const st = statSync(r.file);
  await store.db.insertInto('imports').values({
    entity: r.entity, file: r.file, file_hash: `${st.size}-${Math.floor(st.mtimeMs)}`, format: r.format, encoding: r.encoding,
    imported: r.imported, rejected: r.rejected, duplicates: r.duplicates, merged: r.merged, rejects_file: r.rejectsFile,
    started_at: r.started, finished_at: new Date(),
  }).execute();
}

/** Polls DuckDB's progress for the running statement while `work` runs. */
async function withProgress<T>(duck: DuckSession, report: (p: number) => void, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    const p = duck.progress();
    if (p >= 0) report(Math.min(99, p));
  }, 200);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
