// Writes the demo data set as CSV files (UTF-8, header row, RFC 4180 quoting) for the importer:
// products, customers, orders, order items, events and feedback. Each customer's whole history
// is simulated from its own seeded stream and written at once, so memory stays flat and the
// same seed and options always give byte-identical files.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { simulateCustomer } from '../../core/demo/customer-history.js';
import { TimestampFormatter } from '../../core/demo/format.js';
import { buildWorld } from '../../core/demo/world.js';
import { CsvSink } from './csv-sink.js';
import { customerRow, DEMO_HEADERS, DemoRowFormatter, productRow } from './demo-rows.js';

export interface DemoOptions {
  customers: number;
  seed: number;
  /** History ends here (today): every timestamp is at or before it. */
  endDate: Date;
  /** Length of the history in years, default 3. */
  years?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoFiles {
  dir: string;
  products: string;
  customers: string;
  orders: string;
  orderItems: string;
  events: string;
  feedback: string;
  counts: { products: number; customers: number; orders: number; orderItems: number; events: number; feedback: number };
}

const PROGRESS_EVERY = 1000;

type FileKey = keyof typeof DEMO_HEADERS;

const FILE_NAMES: Readonly<Record<FileKey, string>> = {
  products: 'products.csv',
  customers: 'customers.csv',
  orders: 'orders.csv',
  orderItems: 'order_items.csv',
  events: 'events.csv',
  feedback: 'feedback.csv',
};

export async function generateDemoFiles(dir: string, opts: DemoOptions): Promise<DemoFiles> {
  const total = opts.customers;
  if (!Number.isInteger(total) || total < 0 || total >= 10_000_000) {
    throw new RangeError(`customers must be an integer in [0, 10,000,000), got ${total}`);
  }
  const world = buildWorld({ seed: opts.seed, endDate: opts.endDate, years: opts.years });
  await mkdir(dir, { recursive: true });
  const ts = new TimestampFormatter(world.startSec, world.endSec);
  const rows = new DemoRowFormatter(world.catalogue.products, ts);
  const keys = Object.keys(FILE_NAMES) as FileKey[];
  const sinks = {} as Record<FileKey, CsvSink>;
  for (const key of keys) sinks[key] = new CsvSink(join(dir, FILE_NAMES[key]), DEMO_HEADERS[key]);
  const all = keys.map((k) => sinks[k]);
  try {
    for (const p of world.catalogue.products) sinks.products.push(productRow(p));
    for (let i = 0; i < total; i++) {
      const h = simulateCustomer(world, i);
      sinks.customers.push(customerRow(h.customer, ts));
      if (h.orders.length > 0) {
        const o = rows.orders(h);
        sinks.orders.push(o.orders, h.orders.length);
        sinks.orderItems.push(o.items, o.itemCount);
      }
      if (h.events.length > 0) {
        sinks.events.push(rows.events(h.customer.id, h.deviceId, h.eventIdPrefix, h.events), h.events.length);
      }
      for (const v of h.visitors) sinks.events.push(rows.events('', v.anonymousId, v.eventIdPrefix, v.events), v.events.length);
      if (h.feedback.length > 0) sinks.feedback.push(rows.feedback(h), h.feedback.length);
      for (const sink of all) if (sink.full) await sink.flush();
      if ((i + 1) % PROGRESS_EVERY === 0 && i + 1 < total) opts.onProgress?.(i + 1, total);
    }
    for (const sink of all) await sink.close();
  } catch (err) {
    for (const sink of all) sink.destroy();
    throw err;
  }
  opts.onProgress?.(total, total);
  return {
    dir,
    products: sinks.products.path,
    customers: sinks.customers.path,
    orders: sinks.orders.path,
    orderItems: sinks.orderItems.path,
    events: sinks.events.path,
    feedback: sinks.feedback.path,
    counts: {
      products: sinks.products.rows,
      customers: sinks.customers.rows,
      orders: sinks.orders.rows,
      orderItems: sinks.orderItems.rows,
      events: sinks.events.rows,
      feedback: sinks.feedback.rows,
    },
  };
}
