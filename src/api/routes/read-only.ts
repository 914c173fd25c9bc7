// Health, stats and customers: the read-only endpoints of the first server.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerProfile } from '../../services/customers/customer-profile.js';
import { findCustomerId } from '../../services/customers/find-customer.js';
import { listCustomers } from '../../services/customers/list-customers.js';
import { dataStats } from '../../services/stats.js';
import type { Store } from '../../store/open-store.js';
import { guard, PUBLIC } from '../auth/access.js';

export function readOnlyRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/health', { config: PUBLIC, schema: { summary: 'liveness and database check', tags: ['system'] } }, async () => {
      await store.db.selectFrom('schema_migrations').select('version').limit(1).execute();
      return { status: 'ok', engine: store.engine };
    });
    r.get('/v1/stats', { config: guard('stats:read'), schema: { summary: 'row counts and date ranges', tags: ['data'] } }, async () => dataStats(store));
    r.get('/v1/customers', {
      config: guard('customers:read'),
      schema: {
        summary: 'customers, newest first, searchable by name or any identifier',
        tags: ['customers'],
        querystring: z.object({
          q: z.string().max(200).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    }, async (req) => listCustomers(store, req.query));
    r.get('/v1/customers/:id', {
      config: guard('customers:read'),
      schema: {
        summary: 'the unified profile of a customer (by internal id, customer id, email or phone)',
        tags: ['customers'],
        params: z.object({ id: z.string().min(1).max(200) }),
      },
    }, async (req) => customerProfile(store, await findCustomerId(store, req.params.id)));
  };
}
