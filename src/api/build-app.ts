// Builds the Fastify app (not listening): access control, routes, validation, OpenAPI at /docs,
// errors. Every route declares its access rule (see auth/access.ts); the app refuses to start
// with one that does not.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bootstrapUsers } from '../services/auth/bootstrap.js';
import type { Store } from '../store/open-store.js';
import { PUBLIC } from './auth/access.js';
import { DEFAULT_AUTH_OPTIONS, installAuth, type AuthOptions } from './auth/install-auth.js';
import { SlidingWindowLimiter, type RateLimitOptions } from './auth/rate-limit.js';
import { installErrorHandler } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { customerRoutes } from './routes/customers.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { importRoutes } from './routes/imports.js';
import { ingestRoutes } from './routes/ingest.js';
import { readOnlyRoutes } from './routes/read-only.js';
import { scoreRoutes } from './routes/scores.js';
import { segmentRoutes } from './routes/segments.js';
import { settingsRoutes } from './routes/settings.js';
import { tagRoutes } from './routes/tags.js';
import { staticConsole } from './static-console.js';

export interface AppOptions {
  readonly store: Store;
  readonly logLevel?: string;
  /** Demo mode: a demo login (demo@tend.local) exists and GET /v1/auth/demo reveals it. */
  readonly demo?: boolean;
  /** Session cookies with `Secure`: true, false, or 'auto' = when the request is HTTPS (default; env TEND_SECURE_COOKIES). */
  readonly secureCookies?: boolean | 'auto';
  /** Session lifetime; default 12 hours. */
  readonly sessionTtlMs?: number;
  /** Failed sign-ins allowed per IP + email in the window; default 5 per 15 minutes (per IP: 10x). */
  readonly loginRateLimit?: RateLimitOptions;
  /** An admin created at start when missing; default env TEND_ADMIN_EMAIL / TEND_ADMIN_PASSWORD. */
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  /** Folder of the built console (default web/dist). */
  readonly consoleRoot?: string;
}

const authEnv = z.object({
  TEND_ADMIN_EMAIL: z.string().email().optional(),
  TEND_ADMIN_PASSWORD: z.string().min(10, 'TEND_ADMIN_PASSWORD must be at least 10 characters').optional(),
  TEND_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).optional(),
});

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const env = authEnv.safeParse(process.env);
  if (!env.success) throw new Error(`invalid configuration: ${env.error.issues[0]?.path.join('.')}: ${env.error.issues[0]?.message}`);
  const envCookies = env.data.TEND_SECURE_COOKIES;
  const auth: AuthOptions = {
    secureCookies: opts.secureCookies ?? (envCookies === undefined || envCookies === 'auto' ? DEFAULT_AUTH_OPTIONS.secureCookies : envCookies === 'true'),
    sessionTtlMs: opts.sessionTtlMs ?? DEFAULT_AUTH_OPTIONS.sessionTtlMs,
  };
  const limit = opts.loginRateLimit ?? { max: 5, windowMs: 15 * 60_000 };
  const limiters = { perUser: new SlidingWindowLimiter(limit), perIp: new SlidingWindowLimiter({ max: limit.max * 10, windowMs: limit.windowMs }) };

  const boot = await bootstrapUsers(opts.store, {
    demo: opts.demo, adminEmail: opts.adminEmail ?? env.data.TEND_ADMIN_EMAIL, adminPassword: opts.adminPassword ?? env.data.TEND_ADMIN_PASSWORD,
  });
  if (boot.generatedAdminPassword) process.stderr.write(`created admin ${boot.created[0]} with password ${boot.generatedAdminPassword} (shown once)\n`);

  const app = Fastify({ logger: { level: opts.logLevel ?? 'silent' } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installAuth(app, opts.store);
  if (boot.userCount === 0) app.log.warn('no operator accounts: create one with `tend user create <email> --role admin` or set TEND_ADMIN_EMAIL');
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Tend API', description: 'Existing-customer operations: profiles, scores, segments. See docs/api.md for access control.', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tend_session', description: 'sign in with POST /v1/auth/login; state-changing requests also need X-CSRF-Token' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer tend_...' },
        },
      },
    },
    transform: (doc) => {
      const out = jsonSchemaTransform(doc);
      const access = doc.route.config?.access;
      if (access === undefined || access === 'public') return out;
      const need = access === 'authenticated' ? 'any signed-in user or API key' : `permission \`${access}\``;
      const schema = out.schema as Record<string, unknown>;
      return { ...out, schema: { ...schema, security: [{ session: [] }, { apiKey: [] }], description: [schema.description, `Requires ${need}.`].filter(Boolean).join('\n\n') } };
    },
  });
  // The API reference is public: its routes are marked so explicitly.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, ...PUBLIC };
    });
    await docs.register(fastifySwaggerUi, { routePrefix: '/docs' });
  });
  await app.register(authRoutes({ store: opts.store, auth, demo: opts.demo ?? false, limiters }));
  await app.register(readOnlyRoutes(opts.store));
  await app.register(customerRoutes(opts.store));
  await app.register(scoreRoutes(opts.store));
  await app.register(segmentRoutes(opts.store));
  await app.register(tagRoutes(opts.store));
  await app.register(settingsRoutes(opts.store));
  await app.register(adminRoutes(opts.store));
  await app.register(dashboardRoutes(opts.store));
  await app.register(ingestRoutes(opts.store));
  await app.register(importRoutes(opts.store));
  // Last: the console's files and its client-side routes.
  await app.register(staticConsole(opts.consoleRoot ? { root: opts.consoleRoot } : {}));
  return app;
}
