// `npm run bench -- api [--customers 1000000] [--requests 30]`
// p50/p95 latency of each dashboard endpoint over real HTTP on 127.0.0.1 (in-process server, one
// request at a time, bounded count), on the demo retailer after scoring.
import { request } from 'node:http';
import { buildApp } from '../src/api/build-app.js';
import { makeUser, signIn } from '../src/api/test-support.js';
import { scoreCustomers } from '../src/services/score/score-customers.js';
import { openStore } from '../src/store/open-store.js';
import { demoTarget } from './_demo-db.js';
import { arg, fmt } from './_support.js';

const ENDPOINTS = [
  '/v1/dashboards/overview', '/v1/dashboards/rfm', '/v1/dashboards/lifecycle', '/v1/dashboards/migration',
  '/v1/dashboards/retention', '/v1/dashboards/value/clv-histogram', '/v1/dashboards/value/top-customers',
  '/v1/dashboards/value/channels', '/v1/dashboards/churn', '/v1/customers?pageSize=50', '/v1/scores/summary',
];

function get(base: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(`${base}${path}`, { headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`${path}: HTTP ${res.statusCode}`))));
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`${path}: timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export async function run(args: string[]): Promise<void> {
  const customers = Number(arg(args, 'customers', '1000000'));
  const requests = Math.min(200, Number(arg(args, 'requests', '30')));
  const target = await demoTarget('duckdb', customers, '');
  const store = await openStore({ engine: 'duckdb', path: target.path as string, memoryLimit: '4GB' });
  try {
    const scored = await store.db.selectFrom('score_runs').select('as_of').execute();
    if (scored.length === 0) {
      console.log('scoring the demo first (once)...');
      await scoreCustomers(store, {});
    }
    const app = await buildApp({ store });
    const who = await signIn(app, await makeUser(store, 'viewer', `bench-viewer-${Date.now()}@bench.local`));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const headers = { cookie: who.headers.cookie };
    console.log(`${fmt(customers, 0)} customers, ${requests} sequential requests per endpoint (after one warm-up)`);
    console.log('endpoint                                  |   p50 ms |   p95 ms |   max ms');
    console.log('------------------------------------------|----------|----------|---------');
    for (const path of ENDPOINTS) {
      await get(base, path, headers);
      const times: number[] = [];
      for (let i = 0; i < requests; i++) times.push(await get(base, path, headers));
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
      console.log(`${path.padEnd(41)} | ${fmt(q(0.5), 0).padStart(8)} | ${fmt(q(0.95), 0).padStart(8)} | ${fmt(times[times.length - 1] as number, 0).padStart(8)}`);
    }
    await app.close();
  } finally {
    await store.close();
  }
}
