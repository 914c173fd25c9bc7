// Imports over HTTP: upload a file, preview its column mapping, run it with progress, see rejects.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/open-store.js';

export function importRoutes(_store: Store) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
