// Every route states who may call it in its config: `{ access: 'public' }`, `{ access:
// 'authenticated' }` (any signed-in user or key) or `{ access: '<permission>' }`. A route
// without one makes the app refuse to start (see install-auth.ts), and is denied meanwhile.
import type { Permission } from '../../services/auth/permissions.js';

export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const PUBLIC = { access: 'public' } as const satisfies { access: Access };
export const AUTHENTICATED = { access: 'authenticated' } as const satisfies { access: Access };

export function guard<P extends Permission>(permission: P): { access: P } {
  return { access: permission };
}
