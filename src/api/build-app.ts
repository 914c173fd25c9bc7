// Builds the Fastify app (not listening): routes, validation, OpenAPI at /docs, errors.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../store/open-store.js';
import { installErrorHandler } from './errors.js';
import { readOnlyRoutes } from './routes/read-only.js';

export interface AppOptions {
  readonly store: Store;
  readonly logLevel?: string;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: opts.logLevel ?? 'silent' } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Tend API', description: 'Existing-customer operations: profiles, scores, segments.', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(readOnlyRoutes(opts.store));
  return app;
}
