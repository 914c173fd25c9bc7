import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { createSource, revokeSource } from '../../services/ingest/sources.js';
import { printJson, withStore } from '../context.js';

export function registerSource(program: Command): void {
  const source = program.command('source').description('event sources: write keys for POST /v1/identify, /v1/track, /v1/batch');
  source.command('create').description('create a source and print its write key (shown once)').argument('<name>', 'e.g. "mini program"')
    .option('--json', 'print as JSON')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      const s = await withStore(cmd, (store) => createSource(store, { name, actor: process.env.USER ?? 'cli' }));
      if (opts.json) return printJson(s);
      process.stdout.write(`source ${s.id} "${s.name}" created; write key (shown once, keep it secret):\n${s.writeKey}\n`);
    });
  source.command('revoke').description('revoke a source: its write key stops working').argument('<id>', 'source id')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      if (!/^\d+$/.test(id)) throw new DomainError('invalid_input', `source id must be a number, got "${id}"`, 'id');
      const done = await withStore(cmd, (store) => revokeSource(store, Number(id)));
      if (!done) throw new DomainError('not_found', `no active source ${id}`, 'id');
      process.stdout.write(`source ${id} revoked\n`);
    });
}
