import type { Command } from 'commander';
import { customerProfile } from '../../services/customers/customer-profile.js';
import { findCustomerId } from '../../services/customers/find-customer.js';
import { printJson, withStore } from '../context.js';

export function registerCustomer(program: Command): void {
  program
    .command('customer')
    .description('the unified profile of one customer: identities, orders, merges')
    .argument('<query>', 'internal id, customer id, email, phone, member number or platform:id')
    .option('--json', 'print as JSON')
    .action(async (query: string, opts: { json?: boolean }, cmd: Command) => {
      const p = await withStore(cmd, async (store) => customerProfile(store, await findCustomerId(store, query)));
      if (opts.json) return printJson(p);
      const c = p.customer;
      const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '-');
      const out = [
        `customer ${c.id}${c.name ? ` ${c.name}` : ''}${c.city ? ` (${c.city})` : ''}`,
        `  identities: ${p.identities.map((i) => `${i.kind}=${i.value}`).join(', ') || '-'}`,
        `  orders: ${p.orders.count} (${p.orders.paidCount} paid, value ${p.orders.value.toFixed(2)}), first ${day(p.orders.first)}, last ${day(p.orders.last)}`,
        ...p.orders.recent.map((o) => `    ${o.orderedAt.toISOString().slice(0, 16).replace('T', ' ')}  ${o.orderId}  ${o.status.padEnd(9)} ${o.total.toFixed(2)}`),
        `  events: ${p.eventCount}, feedback: ${p.feedbackCount}`,
        ...p.merges.map((m) => `  merge ${m.id}: ${m.mergedId} -> ${m.survivorId} via ${m.identity} at ${m.mergedAt.toISOString()}${m.undoneAt ? ' (undone)' : ''}`),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
