// Serves the built console (web/dist) and answers other GET paths with index.html so the
// single-page app's routes survive a reload. API (/v1) and API reference (/docs) paths are
// never rewritten. Register after the API routes; every route here is public (it is static).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PUBLIC } from './auth/access.js';

/** The package's root: the nearest folder above this module with Tend's package.json (the CLI may run from a bundle). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tend') return dir;
    if (dirname(dir) === dir) return resolve(from, '..', '..');
  }
}

export const DEFAULT_CONSOLE_DIR = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'web', 'dist');

export interface StaticConsoleOptions {
  /** the built console; default web/dist of the package */
  readonly root?: string;
}

export function staticConsole(opts: StaticConsoleOptions = {}) {
  const root = opts.root ?? DEFAULT_CONSOLE_DIR;
  return async (app: FastifyInstance): Promise<void> => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      app.log.warn(`console not built (${index} missing): run \`npm run build:web\``);
      app.get('/', { config: PUBLIC, schema: { hide: true } }, async (_req, reply) =>
        reply.type('text/plain; charset=utf-8').send('The console is not built: run `npm run build:web`. The API is at /v1, its reference at /docs.'));
      return;
    }
    const html = readFileSync(index);
    await app.register(async (scope) => {
      // @fastify/static registers its own routes: mark them public like the rest of this plugin.
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, ...PUBLIC };
      });
      await scope.register(fastifyStatic, {
        root, prefix: '/', wildcard: false, index: false,
        setHeaders: (res, path) => {
          // hashed assets never change; index.html must be revalidated
          res.header('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      const sendIndex = async (_req: unknown, reply: FastifyReply) =>
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      scope.get('/', { schema: { hide: true } }, sendIndex);
      scope.get('/*', { schema: { hide: true } }, async (req, reply) => {
        const path = req.url.split('?')[0] ?? '';
        if (isApiPath(path) || /\.[a-z0-9]+$/i.test(path)) {
          return reply.status(404).send({ error: { code: 'not_found', message: `no route GET ${path}` } });
        }
        return sendIndex(req, reply);
      });
    });
  };
}

export function isApiPath(path: string): boolean {
  return /^\/(v1|docs)(\/|$)/.test(path) || path === '/health';
}
