import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { isDemoDatabase, loadDemo } from '../../services/load-demo.js';
import { openStore } from '../../store/open-store.js';
import { commandConfig } from '../context.js';
import { progressBar } from '../progress.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (API and console); an empty database gets demo data first')
    .option('--port <port>', 'port to listen on (default 3000 or TEND_PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1 or TEND_HOST)')
    .option('--no-demo', 'do not load demo data into an empty database')
    .action(async (opts: { port?: string; host?: string; demo: boolean }, cmd: Command) => {
      const cfg = commandConfig(cmd);
      const port = opts.port === undefined ? cfg.port : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DomainError('invalid_input', `--port must be 0-65535, got "${opts.port}"`, 'port');
      // Loaded here, not at the top: the server's modules would slow every other command's start.
      const { buildApp } = await import('../../api/build-app.js');
      const store = await openStore(cfg.store);
      const empty = (await store.db.selectFrom('customers').select('id').limit(1).execute()).length === 0;
      if (empty && opts.demo) {
        process.stderr.write('empty database: loading a demo retailer with 20,000 customers (once)...\n');
        const bar = progressBar();
        const r = await loadDemo(store, { customers: 20_000, seed: 42, timezone: cfg.timezone, onProgress: (s, p) => bar.update(s, p) }).finally(() => bar.stop());
        process.stderr.write(`demo data loaded in ${r.seconds.toFixed(1)} s\n`);
      }
      // The demo login exists only on a database that holds the demo retailer.
      const demo = opts.demo && (await isDemoDatabase(store));
      const app = await buildApp({ store, demo, logLevel: cfg.logLevel === 'info' ? 'warn' : cfg.logLevel });
      const close = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      const address = await app.listen({ port, host: opts.host ?? cfg.host });
      process.stdout.write(`Tend is running at ${address} (API reference at ${address}/docs)\n`);
    });
}
