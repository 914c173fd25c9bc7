import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { migrationMatrix, MIGRATION_DIMENSIONS, type MigrationDimension } from '../../services/score/migration-matrix.js';
import { evaluateChurn } from '../../services/score/churn-scores.js';
import { parseDay, scoreCustomers } from '../../services/score/score-customers.js';
import { loadScoringRules } from '../../services/score/scoring-settings.js';
import { valueByChannel } from '../../services/score/value-by-channel.js';
import { refreshAllSegments } from '../../services/segments/segments.js';
import { refreshAllTags } from '../../services/tags/tags.js';
import { printJson, withStore } from '../context.js';

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('score every customer: RFM, value tier, lifecycle stage, P(alive), predicted CLV, churn risk')
    .option('--as-of <YYYY-MM-DD>', 'score as of this day (default today); history can be replayed')
    .option('--fit-per-segment <segment...>', 'fit the CLV models separately for the members of these segments (ids or names; first listed wins)')
    .option('--no-refresh', 'do not recompute rule tags and dynamic segments afterwards')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { asOf?: string; fitPerSegment?: string[]; refresh: boolean; json?: boolean }, cmd: Command) => {
      const log = opts.json ? undefined : (step: string) => process.stderr.write(`${step}...\n`);
      const s = await withStore(cmd, async (store) => {
        const summary = await scoreCustomers(store, { asOf: opts.asOf, fitPerSegment: opts.fitPerSegment, onStep: log });
        if (!opts.refresh) return summary;
        log?.('tags and segments');
        const t = Date.now();
        await refreshAllTags(store);
        await refreshAllSegments(store);
        return { ...summary, timings: { ...summary.timings, refresh: (Date.now() - t) / 1000 } };
      });
      if (opts.json) return printJson(s);
      const fmt = (o: Readonly<Record<string, number>>) => Object.entries(o).map(([k, n]) => `${k} ${n}`).join(', ');
      const bg = s.models.bgNbd;
      process.stdout.write([
        `scored ${s.customersScored} customers (${s.buyers} buyers) as of ${s.asOf} in ${s.timings.total?.toFixed(1)} s`,
        `  value tiers: ${fmt(s.tiers)}`,
        `  lifecycle:   ${fmt(s.stages)}`,
        `  RFM groups:  ${fmt(s.rfmGroups)}`,
        bg ? `  BG/NBD (weeks): r=${bg.params.r.toFixed(3)} alpha=${bg.params.alpha.toFixed(3)} a=${bg.params.a.toFixed(3)} b=${bg.params.b.toFixed(3)}` : '  BG/NBD: too little history to fit',
        ...s.models.perSegment.map((f) => f.note
          ? `  segment "${f.segment.name}" (${f.customers} customers): ${f.note}`
          : `  segment "${f.segment.name}" (${f.customers} customers) BG/NBD: r=${f.bgNbd?.params.r.toFixed(3)} alpha=${f.bgNbd?.params.alpha.toFixed(3)} a=${f.bgNbd?.params.a.toFixed(3)} b=${f.bgNbd?.params.b.toFixed(3)}`),
        `  churn: ${s.churn.note ?? `model trained on ${s.churn.trainingCustomers} buyers as of ${s.churn.trainedAsOf} (churn rate ${((s.churn.trainingChurnRate ?? 0) * 100).toFixed(1)}%); \`tend churn evaluate\` measures it`}`,
      ].join('\n') + '\n');
    });

  program
    .command('churn')
    .description('churn model tools')
    .command('evaluate')
    .description('train the churn model 360 days back, test it 180 days back; AUC of the risk, of P(alive) alone and of recency alone')
    .option('--as-of <YYYY-MM-DD>', 'the day the test labels end (default today)')
    .option('--json', 'print as JSON')
    .action(async (opts: { asOf?: string; json?: boolean }, cmd: Command) => {
      const day = parseDay(opts.asOf ?? new Date().toISOString().slice(0, 10));
      const r = await withStore(cmd, async (store) => evaluateChurn(store, { day, rules: await loadScoringRules(store) }));
      if (opts.json) return printJson(r);
      process.stdout.write([
        `trained as of ${r.trainAsOf} on ${r.train.customers} buyers (churn rate ${(r.train.churnRate * 100).toFixed(1)}%), tested as of ${r.testAsOf} on ${r.test.customers}`,
        `AUC: risk ${r.auc.risk.toFixed(3)}, model alone ${r.auc.model.toFixed(3)}, P(alive) alone ${r.auc.pAlive.toFixed(3)}, recency alone ${r.auc.recency.toFixed(3)}`,
      ].join('\n') + '\n');
    });

  program
    .command('migration')
    .description('how customers moved between lifecycle stages, value tiers or RFM groups between two scoring days')
    .requiredOption('--from <YYYY-MM-DD>', 'earlier scoring day')
    .requiredOption('--to <YYYY-MM-DD>', 'later scoring day')
    .option('--by <dimension>', `${Object.keys(MIGRATION_DIMENSIONS).join('|')}`, 'stage')
    .option('--json', 'print as JSON')
    .action(async (opts: { from: string; to: string; by: string; json?: boolean }, cmd: Command) => {
      if (!(opts.by in MIGRATION_DIMENSIONS)) throw new DomainError('invalid_input', `--by must be one of ${Object.keys(MIGRATION_DIMENSIONS).join(', ')}`, 'by');
      const cells = await withStore(cmd, (store) => migrationMatrix(store, parseDay(opts.from, 'from'), parseDay(opts.to, 'to'), opts.by as MigrationDimension));
      if (opts.json) return printJson(cells);
      for (const c of cells) process.stdout.write(`${c.from.padEnd(20)} -> ${c.to.padEnd(20)} ${String(c.customers).padStart(9)}  ${c.revenue.toFixed(2)}\n`);
    });

  program
    .command('value')
    .description('customer value by acquisition channel: CAC, historical and predicted CLV, CLV:CAC')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rows = await withStore(cmd, (store) => valueByChannel(store));
      if (opts.json) return printJson(rows);
      process.stdout.write('channel            customers      CAC   hist CLV   pred CLV  CLV:CAC\n');
      for (const r of rows) {
        const n = (v: number | null) => (v === null ? '-' : v.toFixed(2)).padStart(9);
        process.stdout.write(`${r.channel.padEnd(18)} ${String(r.customers).padStart(9)} ${n(r.cac)} ${n(r.historicalClv)} ${n(r.predictedClv)} ${n(r.clvToCac)}\n`);
      }
    });
}
