import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { writeAudit } from '../../services/auth/audit.js';
import { generatePassword } from '../../services/auth/passwords.js';
import { ROLES } from '../../services/auth/permissions.js';
import { createUser, findUserByEmail, listUsers, updateUser } from '../../services/auth/users.js';
import type { Store } from '../../store/open-store.js';
import { printJson, withStore } from '../context.js';

const actor = () => `cli:${process.env.USER ?? 'unknown'}`;

async function byEmail(store: Store, email: string) {
  const u = await findUserByEmail(store, email);
  if (!u) throw new DomainError('not_found', `no user with email ${email}`, 'email');
  return u;
}

export function registerUser(program: Command): void {
  const user = program.command('user').description(`operator accounts for the console and API (roles: ${ROLES.join(', ')})`);
  user.command('create').description('create an operator; prints a generated password when none is given').argument('<email>')
    .requiredOption('--role <role>', ROLES.join('|'))
    .option('--password <password>', 'at least 10 characters (default: generate one)')
    .option('--name <name>')
    .action(async (email: string, opts: { role: string; password?: string; name?: string }, cmd: Command) => {
      const r = await withStore(cmd, async (store) => {
        const created = await createUser(store, { email, role: opts.role, password: opts.password, name: opts.name }, actor());
        await writeAudit(store, { actor: actor(), actorKind: 'system', action: 'user.create', target: created.user.email, detail: { role: created.user.role, from: 'cli' } });
        return created;
      });
      process.stdout.write(`user ${r.user.id} ${r.user.email} (${r.user.role}) created\n`);
      if (r.generatedPassword) process.stdout.write(`password: ${r.generatedPassword}\n(shown once: store it now)\n`);
    });
  user.command('list').description('all operators').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rows = await withStore(cmd, (store) => listUsers(store));
      if (opts.json) return printJson(rows);
      for (const u of rows) process.stdout.write(`${String(u.id).padStart(4)}  ${u.role.padEnd(9)} ${u.disabled ? 'disabled' : 'active  '}  ${u.email}\n`);
    });
  user.command('set-role').description("change an operator's role").argument('<email>').argument('<role>', ROLES.join('|'))
    .action(async (email: string, role: string, _o: unknown, cmd: Command) => {
      const u = await withStore(cmd, async (store) => {
        const updated = await updateUser(store, (await byEmail(store, email)).id, { role });
        await writeAudit(store, { actor: actor(), actorKind: 'system', action: 'user.update', target: updated.email, detail: { role } });
        return updated;
      });
      process.stdout.write(`${u.email} is now ${u.role}\n`);
    });
  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    user.command(verb).description(disabled ? 'disable an operator and end their sessions' : 'enable a disabled operator').argument('<email>')
      .action(async (email: string, _o: unknown, cmd: Command) => {
        await withStore(cmd, async (store) => {
          const updated = await updateUser(store, (await byEmail(store, email)).id, { disabled });
          await writeAudit(store, { actor: actor(), actorKind: 'system', action: 'user.update', target: updated.email, detail: { disabled } });
        });
        process.stdout.write(`${email} ${verb}d\n`);
      });
  }
  user.command('reset-password').description("set a new password (generated when not given); ends the user's sessions").argument('<email>')
    .option('--password <password>')
    .action(async (email: string, opts: { password?: string }, cmd: Command) => {
      const password = opts.password ?? generatePassword();
      await withStore(cmd, async (store) => {
        const updated = await updateUser(store, (await byEmail(store, email)).id, { password });
        await writeAudit(store, { actor: actor(), actorKind: 'system', action: 'user.update', target: updated.email, detail: { password: 'changed' } });
      });
      process.stdout.write(opts.password ? `password of ${email} changed\n` : `new password of ${email}: ${password}\n(shown once)\n`);
    });
}
