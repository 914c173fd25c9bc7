// Turns a purchase moment into an order: channel and shop, lines drawn from the customer's
// category affinities (baby products following the child's age: formula stage, nappy size,
// early education from about nine months), promotion prices, discounts and status.

import { DOUBLE11_HOUR_WEIGHTS, localDay, ORDER_HOUR_WEIGHTS, promotionAt, STORE_HOUR_WEIGHTS } from './calendar.js';
import { SUBCATEGORIES, TOP } from './catalogue-data.js';
import { placeInDay } from './customer-profile.js';
import { MALLS, ONLINE_STORES } from './people-data.js';
import type { Rng, WeightedTable } from './prng.js';
import type { DemoOrder, DemoOrderItem, OrderStatus } from './types.js';
import type { DemoWorld } from './world.js';

export interface Shopper {
  /** Weight per top category. */
  readonly affinity: Float64Array;
  readonly affinityTotal: number;
  /** Buys fresh food often, in small baskets. */
  readonly fresh: boolean;
  /** Local day the child was (or will be) born, or null without a child. */
  readonly babyBirthDay: number | null;
  readonly formulaBrand: number;
  readonly nappyBrand: number;
  readonly member: boolean;
  readonly satisfaction: number;
  readonly channels: WeightedTable<string>;
  readonly homeStore: string;
  readonly city: string;
  /** Last product bought per sub-category (brand and shade loyalty). */
  readonly lastBySub: Map<number, number>;
}


const DAY = 1;
const MONTH = 30.4 * DAY;

function babySubWeights(ageDays: number): Record<string, number> {
  if (ageDays < 0) return { FML: 0.3, DPR: 0.7, WEA: 0, EDU: 0, BTL: 0.7 };
  const months = ageDays / MONTH;
  return {
    FML: months < 36 ? 1.6 : 0.15,
    DPR: months < 30 ? 1.4 : 0.05,
    WEA: months >= 6 && months < 24 ? 1 : 0.08,
    EDU: months < 9 ? 0.03 : 0.3 + 1.2 * Math.min(1, (months - 9) / 12),
    BTL: months < 12 ? 0.5 : 0.08,
  };
}

function pickSub(rng: Rng, world: DemoWorld, shopper: Shopper, top: number, sec: number): number {
  const subs = world.catalogue.subsByTop[top] ?? [];
  let weights: number[];
  if (top === TOP.baby && shopper.babyBirthDay !== null) {
    const w = babySubWeights(localDay(sec) - shopper.babyBirthDay);
    weights = subs.map((s) => w[SUBCATEGORIES[s]?.code ?? ''] ?? 0.1);
  } else if (top === TOP.apparel && shopper.babyBirthDay !== null) {
    weights = subs.map((s) => (SUBCATEGORIES[s]?.code === 'KID' ? 2.5 : (SUBCATEGORIES[s]?.popularity ?? 1)));
  } else {
    weights = subs.map((s) => SUBCATEGORIES[s]?.popularity ?? 1);
  }
  // Durables (a phone, a wok, a duvet) are rarely bought again soon.
  for (let i = 0; i < subs.length; i++) {
    const sub = subs[i] ?? 0;
    if ((SUBCATEGORIES[sub]?.loyalty ?? 1) <= 0.1 && shopper.lastBySub.has(sub)) weights[i] = (weights[i] ?? 0) * 0.2;
  }
  return subs[rng.weighted(weights)] ?? subs[0] ?? 0;
}

function nappySize(ageDays: number): number {
  const months = ageDays / MONTH;
  return months < 1 ? 0 : months < 6 ? 1 : months < 12 ? 2 : months < 20 ? 3 : 4;
}

export function pickProduct(rng: Rng, world: DemoWorld, shopper: Shopper, sub: number, sec: number): number {
  const list = world.catalogue.bySub[sub] ?? [];
  const def = SUBCATEGORIES[sub];
  const code = def?.code;
  let chosen: number | undefined;
  if ((code === 'FML' || code === 'DPR') && shopper.babyBirthDay !== null) {
    const age = Math.max(0, localDay(sec) - shopper.babyBirthDay);
    const variants = code === 'FML' ? 3 : 5;
    const variant = code === 'FML' ? (age < 183 ? 0 : age < 365 ? 1 : 2) : nappySize(age);
    const loyal = code === 'FML' ? shopper.formulaBrand : shopper.nappyBrand;
    const brands = Math.floor(list.length / variants);
    const brand = rng.chance(def?.loyalty ?? 0.5) ? loyal % brands : rng.int(brands);
    chosen = list[brand * variants + variant];
  } else {
    const last = shopper.lastBySub.get(sub);
    chosen = last !== undefined && rng.chance(def?.loyalty ?? 0.3) ? last : list[rng.int(list.length)];
  }
  const product = chosen ?? list[0] ?? 0;
  shopper.lastBySub.set(sub, product);
  return product;
}

function addLine(items: DemoOrderItem[], product: number, quantity: number, unitCents: number): void {
  for (const item of items) {
    if (item.product === product) {
      item.quantity += quantity;
      return;
    }
  }
  items.push({ product, quantity, unitCents });
}

function promoPrice(rng: Rng, priceCents: number, promo: string | null): number {
  if (promo === null || !rng.chance(0.5)) return priceCents;
  return Math.max(100, Math.round((priceCents * 0.85) / 10) * 10);
}

export function buildBasket(rng: Rng, world: DemoWorld, shopper: Shopper, sec: number): DemoOrderItem[] {
  const promo = promotionAt(world.calendar, sec);
  const lines = Math.min(6, 1 + rng.poisson(shopper.fresh ? 0.8 : 0.45));
  const items: DemoOrderItem[] = [];
  let top = rng.weighted(shopper.affinity, shopper.affinityTotal);
  for (let i = 0; i < lines; i++) {
    if (i > 0 && !rng.chance(0.55)) top = rng.weighted(shopper.affinity, shopper.affinityTotal);
    const sub = pickSub(rng, world, shopper, top, sec);
    const product = pickProduct(rng, world, shopper, sub, sec);
    const maxQty = SUBCATEGORIES[sub]?.maxQty ?? 1;
    const qty = maxQty > 1 && rng.chance(0.3) ? rng.intBetween(2, maxQty) : 1;
    const price = world.catalogue.products[product]?.priceCents ?? 100;
    addLine(items, product, qty, promoPrice(rng, price, promo));
  }
  return items;
}

export function subtotalOf(items: readonly DemoOrderItem[]): number {
  let sum = 0;
  for (const item of items) sum += item.quantity * item.unitCents;
  return sum;
}

function discountFor(rng: Rng, subtotal: number, promo: string | null, member: boolean): number {
  let discount = 0;
  if (promo === 'double11' && subtotal >= 30_000 && rng.chance(0.8)) discount = Math.floor(subtotal / 30_000) * 5_000;
  else if (promo !== null && subtotal >= 20_000 && rng.chance(0.7)) discount = Math.floor(subtotal / 20_000) * 2_000;
  else if (rng.chance(0.16)) {
    const coupon = rng.pick([500, 1_000, 2_000]);
    if (subtotal >= coupon * 4) discount = coupon;
  } else if (member && rng.chance(0.08)) discount = Math.round(subtotal * 0.05);
  return Math.min(discount, Math.floor(subtotal / 2));
}

export function pickStatus(rng: Rng, satisfaction: number): OrderStatus {
  const r = rng.float();
  if (r < 0.028) return 'cancelled';
  if (r < 0.028 + 0.015 + 0.05 * (1 - satisfaction)) return 'refunded';
  return 'paid';
}

function storeFor(rng: Rng, shopper: Shopper, channel: string): string {
  if (channel !== 'offline_store') return ONLINE_STORES[channel] ?? '官方商城';
  return rng.chance(0.9) ? shopper.homeStore : `${shopper.city}${rng.pick(MALLS)}店`;
}

/**
 * An ordinary order on the local day of `sec`, at an hour typical of its channel and never before
 * `notBefore`; with `notBefore` null the exact time is kept (the order placed at signup).
 */
export function buildOrder(
  rng: Rng,
  world: DemoWorld,
  shopper: Shopper,
  sec: number,
  notBefore: number | null,
): DemoOrder {
  const channel = shopper.channels.pick(rng);
  let at = sec;
  if (notBefore !== null) {
    const promo = promotionAt(world.calendar, sec);
    const day11 = promo === 'double11' && new Date((localDay(sec) + 0.5) * 86_400_000).getUTCDate() === 11;
    const hours = channel === 'offline_store' ? STORE_HOUR_WEIGHTS : day11 ? DOUBLE11_HOUR_WEIGHTS : ORDER_HOUR_WEIGHTS;
    const placed = placeInDay(rng, sec, hours);
    if (placed >= notBefore && placed <= world.endSec) at = placed;
  }
  const items = buildBasket(rng, world, shopper, at);
  const subtotal = subtotalOf(items);
  const discountCents = discountFor(rng, subtotal, promotionAt(world.calendar, at), shopper.member);
  return {
    id: '',
    sec: Math.floor(at),
    channel,
    store: storeFor(rng, shopper, channel),
    status: pickStatus(rng, shopper.satisfaction),
    discountCents,
    totalCents: subtotal - discountCents,
    items,
  };
}
