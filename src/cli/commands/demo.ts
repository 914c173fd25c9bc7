import type { Command } from 'commander';
import { loadDemo } from '../../services/load-demo.js';
import { parsePositiveInt, printJson, withStore } from '../context.js';
import { progressBar } from '../progress.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('fill the database with a realistic demo retailer (customers, orders, events, feedback ending today)')
    .option('--customers <n>', 'number of customers', parsePositiveInt('customers'), 20_000)
    .option('--seed <s>', 'random seed (same seed, same data)', parsePositiveInt('seed'), 42)
    .option('--no-analyse', 'load the data only: no scores, tags or example segments')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { customers: number; seed: number; analyse: boolean; json?: boolean }, cmd: Command) => {
      const bar = progressBar(!opts.json && process.stderr.isTTY === true);
      const r = await withStore(cmd, (store, cfg) =>
        loadDemo(store, { customers: opts.customers, seed: opts.seed, timezone: cfg.timezone, analyse: opts.analyse, onProgress: (step, p) => bar.update(step, p) }),
      ).finally(() => bar.stop());
      if (opts.json) return printJson(r);
      const lines = Object.entries(r.imports).map(([e, s]) => `  ${e.padEnd(12)} ${String(s.imported).padStart(10)} rows in ${s.seconds.toFixed(1)} s`);
      process.stdout.write(`demo data generated in ${r.generateSeconds.toFixed(1)} s and loaded in ${r.seconds.toFixed(1)} s total\n${lines.join('\n')}\n`);
    });
}
