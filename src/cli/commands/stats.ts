import type { Command } from 'commander';
import { dataStats } from '../../services/stats.js';
import { printJson, withStore } from '../context.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('row counts per table and the date range of the data')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const s = await withStore(cmd, (store) => dataStats(store));
      if (opts.json) return printJson(s);
      const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '-');
      const out = [
        `engine: ${s.engine}`,
        ...Object.entries(s.tables).map(([t, n]) => `${t.padEnd(12)} ${String(n).padStart(12)}`),
        `live customers ${s.liveCustomers} (merged away: ${s.mergedCustomers})`,
        `orders   ${day(s.orders.first)} .. ${day(s.orders.last)}`,
        `events   ${day(s.events.first)} .. ${day(s.events.last)}`,
        `feedback ${day(s.feedback.first)} .. ${day(s.feedback.last)}`,
        s.lastImport ? `last import: ${s.lastImport.entity} from ${s.lastImport.file} at ${s.lastImport.finishedAt.toISOString()}` : 'no imports yet',
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
