import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { unmerge } from '../../services/identity/unmerge.js';
import { printJson, withStore } from '../context.js';

export function registerUnmerge(program: Command): void {
  program
    .command('unmerge')
    .description('undo a merge of two customers (merge ids are shown by `tend customer`)')
    .argument('<mergeId>', 'the merge to undo')
    .option('--json', 'print as JSON')
    .action(async (mergeId: string, opts: { json?: boolean }, cmd: Command) => {
      const id = Number(mergeId);
      if (!Number.isInteger(id) || id <= 0) throw new DomainError('invalid_input', `merge id must be a positive whole number, got "${mergeId}"`, 'mergeId');
      const r = await withStore(cmd, (store) => unmerge(store, id, process.env.USER ?? 'cli'));
      if (opts.json) return printJson(r);
      process.stdout.write(`merge ${r.mergeId} undone: customer ${r.restoredId} is separate from ${r.survivorId} again ` +
        `(${r.moved.orders} orders, ${r.moved.events} events, ${r.moved.feedback} feedback, ${r.moved.identities} identities moved back)\n`);
    });
}
