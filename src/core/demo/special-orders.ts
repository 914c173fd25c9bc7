// The one-off buyers that single-dimension value tiers get wrong: a company's bulk purchase
// (hundreds of cases of staples for staff welfare) and an impulse splurge on one premium item.

import type { Rng } from './prng.js';
import type { DemoOrder, DemoOrderItem } from './types.js';
import type { DemoWorld } from './world.js';
import { pickStatus, subtotalOf } from './basket.js';
import { ONLINE_STORES } from './people-data.js';

export function buildBulkOrder(rng: Rng, world: DemoWorld, sec: number, homeStore: string): DemoOrder {
  const { bulk, products } = world.catalogue;
  const lines = rng.intBetween(3, 8);
  const items: DemoOrderItem[] = [];
  const used = new Set<number>();
  for (let i = 0; i < lines && used.size < bulk.length; i++) {
    const product = rng.pick(bulk);
    if (used.has(product)) continue;
    used.add(product);
    items.push({ product, quantity: rng.intBetween(5, 40) * 10, unitCents: products[product]?.priceCents ?? 100 });
  }
  const subtotal = subtotalOf(items);
  // Negotiated company price: about 10% off, in whole yuan.
  const discountCents = Math.round((subtotal * rng.between(0.06, 0.12)) / 100) * 100;
  const channel = rng.chance(0.5) ? 'jd' : rng.chance(0.6) ? 'offline_store' : 'tmall';
  return {
    id: '',
    sec: Math.floor(sec),
    channel,
    store: channel === 'offline_store' ? homeStore : (ONLINE_STORES[channel] ?? '官方商城'),
    status: 'paid',
    discountCents,
    totalCents: subtotal - discountCents,
    items,
  };
}

export function buildImpulseOrder(
  rng: Rng,
  world: DemoWorld,
  sec: number,
  channel: string,
  store: string,
  satisfaction: number,
): DemoOrder {
  const { premium, products, subIndex, bySub } = world.catalogue;
  const product = rng.pick(premium);
  const items: DemoOrderItem[] = [
    { product, quantity: rng.chance(0.1) ? 2 : 1, unitCents: products[product]?.priceCents ?? 100 },
  ];
  if (rng.chance(0.3)) {
    const accessories = bySub[subIndex['ACC'] ?? 0] ?? [];
    const extra = rng.pick(accessories);
    if (extra !== product) items.push({ product: extra, quantity: 1, unitCents: products[extra]?.priceCents ?? 100 });
  }
  const subtotal = subtotalOf(items);
  const discountCents = rng.chance(0.3) ? Math.min(Math.floor(subtotal / 2), rng.pick([5_000, 10_000, 20_000])) : 0;
  return {
    id: '',
    sec: Math.floor(sec),
    channel,
    store,
    status: pickStatus(rng, satisfaction),
    discountCents,
    totalCents: subtotal - discountCents,
    items,
  };
}

