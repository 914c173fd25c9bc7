import type { Command } from 'commander';
import { ENTITY_NAMES, isEntityName } from '../../core/import/entities.js';
import { parseMapOverrides } from '../../core/import/map-columns.js';
import { DomainError } from '../../core/errors.js';
import { parseEncoding, parseFormat } from '../../services/import/detect.js';
import { importFile, type ImportSummary } from '../../services/import/import-file.js';
import { collect, printJson, withStore } from '../context.js';
import { progressBar } from '../progress.js';

interface ImportOpts {
  format?: string;
  encoding?: string;
  map?: string[];
  rejects?: string;
  json?: boolean;
  verbose?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a CSV, JSON-lines or Parquet file of customers, products, orders, order items, events or feedback')
    .argument('<entity>', ENTITY_NAMES.join('|'))
    .argument('<file>', 'the file to import')
    .option('--format <format>', 'csv|jsonl|parquet (default: from the extension)')
    .option('--encoding <encoding>', 'utf-8|gbk|gb18030|utf-16le (default: detected)')
    .option('--map <source=field>', 'map a column to a field, repeatable (e.g. --map 单号=order_id; --map 备注=- leaves a column out)', collect)
    .option('--rejects <file>', 'where to write rejected rows (default: beside the database)')
    .option('--json', 'print the summary as JSON')
    .option('--verbose', 'log each phase to stderr')
    .addHelpText('after', '\nColumns and their Chinese aliases are listed in docs/data-formats.md.')
    .action(async (entity: string, file: string, opts: ImportOpts, cmd: Command) => {
      if (!isEntityName(entity)) throw new DomainError('invalid_input', `unknown entity "${entity}" (expected ${ENTITY_NAMES.join(', ')})`, 'entity');
      const bar = opts.json || opts.verbose ? progressBar(false) : progressBar();
      const summary = await withStore(cmd, async (store, cfg) =>
        importFile(store, {
          entity, file,
          format: opts.format ? parseFormat(opts.format) : undefined,
          encoding: opts.encoding ? parseEncoding(opts.encoding) : undefined,
          map: parseMapOverrides(opts.map ?? []),
          rejectsFile: opts.rejects,
          timezone: cfg.timezone,
          currency: cfg.currency,
          onProgress: (phase, percent) => {
            bar.update(phase, percent);
            if (opts.verbose) process.stderr.write(`phase: ${phase} ${Math.round(percent)}%\n`);
          },
        }),
      ).finally(() => bar.stop());
      if (opts.json) {
        printJson({
          imported: summary.imported, rejected: summary.rejected, duplicates: summary.duplicates, merged: summary.merged,
          rejectsFile: summary.rejectsFile, updated: summary.updated, customersCreated: summary.customersCreated,
          rows: summary.rows, format: summary.format, encoding: summary.encoding, ignoredColumns: summary.ignoredColumns, seconds: summary.seconds,
          timings: summary.timings,
        });
      } else printSummary(summary);
    });
}

function printSummary(s: ImportSummary): void {
  const lines = [
    `${s.entity}: ${s.rows} rows read from ${s.file} (${s.format}, ${s.encoding}) in ${s.seconds.toFixed(1)} s`,
    `  imported    ${s.imported}`,
    ...(s.updated > 0 ? [`  updated     ${s.updated}`] : []),
    `  duplicates  ${s.duplicates}`,
    `  rejected    ${s.rejected}${s.rejectsFile ? `  -> ${s.rejectsFile}` : ''}`,
    ...(s.customersCreated > 0 && s.entity !== 'customers' ? [`  new customers ${s.customersCreated}`] : []),
    ...(s.merged > 0 ? [`  merged      ${s.merged} customers (undo with tend unmerge <merge id>)`] : []),
    ...(s.keptApart > 0 ? [`  kept apart  ${s.keptApart} customer pairs this file links but an earlier unmerge separated`] : []),
    ...(s.ignoredColumns.length > 0 ? [`  ignored columns: ${s.ignoredColumns.join(', ')}`] : []),
    ...(s.attributeColumns.length > 0 ? [`  custom attributes: ${s.attributeColumns.join(', ')}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
