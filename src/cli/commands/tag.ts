import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { TAG_GROUPS } from '../../services/tags/builtin-tags.js';
import { createTag, deleteTag, ensureBuiltinTags, listTags, refreshAllTags, setTag } from '../../services/tags/tags.js';
import { printJson, withStore } from '../context.js';

function readRule(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DomainError('invalid_input', `--rule is not valid JSON: ${(err as Error).message}`, 'rule');
  }
}

export function registerTag(program: Command): void {
  const tag = program.command('tag').description('tags (标签): basic, behaviour and need tags, by rule or by hand');
  tag.command('list').description('all tags with their current customer counts').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rows = await withStore(cmd, (store) => listTags(store));
      if (opts.json) return printJson(rows);
      for (const t of rows) process.stdout.write(`${String(t.id).padStart(4)}  ${t.group.padEnd(9)} ${(t.ruleBased ? 'rule' : 'hand').padEnd(5)} ${String(t.customers).padStart(9)}  ${t.name}\n`);
    });
  tag.command('create').description('create a tag; with --rule it is computed, otherwise set by hand').argument('<name>')
    .requiredOption('--group <group>', TAG_GROUPS.join('|'))
    .option('--rule <json>', 'segment rule JSON').option('--description <text>')
    .action(async (name: string, opts: { group: string; rule?: string; description?: string }, cmd: Command) => {
      const t = await withStore(cmd, (store) => createTag(store, { name, group: opts.group, description: opts.description, rule: readRule(opts.rule) }));
      process.stdout.write(`tag ${t.id} "${t.name}" (${t.group}): ${t.customers} customers\n`);
    });
  for (const [verb, on] of [['set', true], ['unset', false]] as const) {
    tag.command(verb).description(`${on ? 'put' : 'take'} a hand tag ${on ? 'on' : 'off'} a customer`).argument('<customer>', 'id, email or phone').argument('<tag>', 'tag id or name')
      .action(async (customer: string, ref: string, _o: unknown, cmd: Command) => {
        const r = await withStore(cmd, (store) => setTag(store, customer, ref, on, process.env.USER ?? 'cli'));
        process.stdout.write(r.changed ? 'done\n' : 'no change\n');
      });
  }
  tag.command('refresh').description('recompute rule tags (adds missing built-in tags first)').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const r = await withStore(cmd, async (store) => {
        await ensureBuiltinTags(store);
        return refreshAllTags(store);
      });
      if (opts.json) return printJson(r);
      for (const [name, x] of Object.entries(r)) process.stdout.write(`${name}: ${x.members} (+${x.entered} -${x.exited})\n`);
    });
  tag.command('delete').description('delete a tag and its history').argument('<tag>', 'tag id or name')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, (store) => deleteTag(store, ref));
      process.stdout.write(`tag ${ref} deleted\n`);
    });
}
