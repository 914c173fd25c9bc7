// `npm run bench -- ingest [--engine duckdb|postgres] [--seconds 10] [--max-requests 200000] [--batch 100] [--concurrency 16] [--single-concurrency 64]`
// Starts a server (child process, 127.0.0.1, fresh DuckDB file or fresh PostgreSQL schema `bench_ingest`) with the ingestion routes and a
// throwaway hello-world route, then drives it from this process with a keep-alive loopback
// load generator: hello-world (the ceiling), batches of 100 events, single events. Each phase
// is bounded by time and by request count. Afterwards it waits for the flusher to apply the
// backlog and checks every accepted event reached the events table.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, arg, flag, fmt } from './_support.js';

interface PhaseResult {
  readonly name: string;
  readonly requests: number;
  readonly events: number;
  readonly rejected: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
}

async function serve(args: string[]): Promise<void> {
  const Fastify = (await import('fastify')).default;
  const { serializerCompiler, validatorCompiler } = await import('fastify-type-provider-zod');
  const { installErrorHandler } = await import('../src/api/errors.js');
  const { ingestRoutes } = await import('../src/api/routes/ingest.js');
  const { Ingestion } = await import('../src/services/ingest/ingestion.js');
  const { createSource } = await import('../src/services/ingest/sources.js');
  const { openStore } = await import('../src/store/open-store.js');
  const store = await openStore(storeConfig(args));
  const source = await createSource(store, { name: 'bench' });
  const svc = await Ingestion.start(store, {});
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(ingestRoutes(store, { ingestion: svc }));
  // Throwaway routes of this benchmark only: the ceiling, and the flusher's progress.
  app.get('/bench/hello', async () => ({ hello: 'world' }));
  app.get('/bench/stats', async () => ({ backlog: svc.backlog(), ...svc.stats }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`READY ${address} ${source.writeKey}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void (async () => {
      await app.close();
      await svc.close();
      await store.close();
      process.exit(0);
    })();
  });
}

function request(agent: http.Agent, base: URL, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function phase(name: string, opts: { base: URL; seconds: number; maxRequests: number; concurrency: number; eventsPer: number; send: (agent: http.Agent, i: number) => Promise<{ status: number }> }): Promise<PhaseResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies = new Float64Array(opts.maxRequests);
  let issued = 0;
  let ok = 0;
  let rejected = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + opts.seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline && issued < opts.maxRequests) {
      const i = issued++;
      const t = process.hrtime.bigint();
      try {
        const r = await opts.send(agent, i);
        if (r.status === 200) latencies[ok++] = Number(process.hrtime.bigint() - t) / 1e6;
        else if (r.status === 429) {
          rejected++;
          await new Promise((res) => setTimeout(res, 50));
        } else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const sorted = latencies.subarray(0, ok).sort();
  return { name, requests: ok, events: ok * opts.eventsPer, rejected, errors, seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const PG_SCHEMA = 'bench_ingest';

/** The store the server writes to: `--db FILE` (DuckDB) or `--url URL` (PostgreSQL). */
function storeConfig(args: string[]) {
  const url = arg(args, 'url', '');
  return url ? { engine: 'postgres' as const, url } : { engine: 'duckdb' as const, path: arg(args, 'db', '') };
}

/** A fresh schema of this benchmark's own, so a reset drops exactly what it created. */
async function freshPgSchema(url: string): Promise<string> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${PG_SCHEMA}`);
  await client.end();
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${PG_SCHEMA}`)}`;
}

export async function run(args: string[]): Promise<void> {
  if (flag(args, 'serve')) return serve(args);
  const engine = arg(args, 'engine', 'duckdb');
  if (engine !== 'duckdb' && engine !== 'postgres') throw new Error(`--engine must be duckdb or postgres, got ${engine}`);
  const seconds = Number(arg(args, 'seconds', '10'));
  const maxRequests = Number(arg(args, 'max-requests', '200000'));
  const batchSize = Number(arg(args, 'batch', '100'));
  const concurrency = Number(arg(args, 'concurrency', '16'));
  const singleConcurrency = Number(arg(args, 'single-concurrency', '64'));
  const dir = join(ROOT, 'bench', 'out', 'ingest');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const target = engine === 'postgres'
    ? ['--url', await freshPgSchema(process.env.TEND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')]
    : ['--db', join(dir, 'bench.duckdb')];

  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'bench.mjs'), 'ingest', '--serve', ...target], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = await new Promise<string>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line);
    });
  });
  const [, address, key] = ready.split(' ') as [string, string, string];
  const base = new URL(address);
  const auth = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  const users = 10_000;
  const stamp = Date.now().toString(36);
  const batchBody = (i: number) => {
    let s = '{"batch":[';
    for (let j = 0; j < batchSize; j++) {
      const n = i * batchSize + j;
      s += `${j ? ',' : ''}{"type":"track","userId":"u${n % users}","event":"Product Viewed","messageId":"b-${stamp}-${n}","properties":{"sku":"SKU-${n % 500}","price":${(n % 997) / 10}}}`;
    }
    return `${s}]}`;
  };
  const trackBody = (i: number) => `{"userId":"u${i % users}","event":"Product Viewed","messageId":"s-${stamp}-${i}","properties":{"sku":"SKU-${i % 500}"}}`;

  const results: PhaseResult[] = [];
  try {
    const common = { base, seconds, maxRequests };
    results.push(await phase('hello-world GET (ceiling)', { ...common, concurrency, eventsPer: 0, send: (a) => request(a, base, 'GET', '/bench/hello', {}) }));
    results.push(await phase(`batch of ${batchSize} events`, { ...common, concurrency, eventsPer: batchSize, send: (a, i) => request(a, base, 'POST', '/v1/batch', auth, batchBody(i)) }));
    results.push(await phase('single event', { ...common, concurrency: singleConcurrency, eventsPer: 1, send: (a, i) => request(a, base, 'POST', '/v1/track', auth, trackBody(i)) }));

    const statsAgent = new http.Agent({ keepAlive: true });
    const stats = async () => JSON.parse((await request(statsAgent, base, 'GET', '/bench/stats', {})).body) as { backlog: number; events: number; flushes: number; failures: number };
    const drainStart = Date.now();
    const backlogAtEnd = (await stats()).backlog;
    const accepted = results.reduce((n, r) => n + r.events, 0);
    let s = await stats();
    while ((s.backlog > 0 || s.events < accepted) && Date.now() - drainStart < 120_000) {
      await new Promise((r) => setTimeout(r, 100));
      s = await stats();
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    statsAgent.destroy();

    console.log(`ingestion on ${engine === 'postgres' ? 'PostgreSQL' : 'DuckDB'}, loopback 127.0.0.1, ${seconds} s or ${fmt(maxRequests, 0)} requests per phase`);
    console.log('phase                      | conc | requests | req/s     | events/s  | p50 ms | p99 ms | 429s  | errors');
    console.log('---------------------------|------|----------|-----------|-----------|--------|--------|-------|-------');
    const conc = [concurrency, concurrency, singleConcurrency];
    results.forEach((r, i) => console.log(`${r.name.padEnd(26)} | ${String(conc[i]).padStart(4)} | ${String(r.requests).padStart(8)} | ${fmt(r.requests / r.seconds, 0).padStart(9)} | ${(r.events ? fmt(r.events / r.seconds, 0) : '-').padStart(9)} | ${fmt(r.p50, 2).padStart(6)} | ${fmt(r.p99, 2).padStart(6)} | ${String(r.rejected).padStart(5)} | ${r.errors}`));
    console.log(`flusher: backlog ${fmt(backlogAtEnd, 0)} at the end of the load, applied in ${fmt(drainSeconds)} s; ${fmt(s.events, 0)} events applied in ${s.flushes} flushes, ${s.failures} failures`);
    if (s.events !== accepted) throw new Error(`accepted ${accepted} events but ${s.events} were applied`);
  } finally {
    child.stdin?.end();
    await new Promise((r) => child.once('exit', r));
  }
  const { openStore } = await import('../src/store/open-store.js');
  const store = await openStore(storeConfig(target));
  const { n } = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await store.close();
  console.log(`events table after restart: ${fmt(Number(n), 0)} rows (accepted ${fmt(results.reduce((x, r) => x + r.events, 0), 0)})`);
}
