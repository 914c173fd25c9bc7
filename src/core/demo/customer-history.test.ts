import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogue } from './catalogue.js';
import { simulateCustomer } from './customer-history.js';
import type { CustomerHistory } from './types.js';
import { buildWorld, type DemoWorld } from './world.js';

const DAY = 86_400;
const N = 3000;

let world: DemoWorld;
let histories: CustomerHistory[];

beforeAll(() => {
  world = buildWorld({ seed: 20240618, endDate: new Date('2025-12-20T09:30:00Z') });
  histories = Array.from({ length: N }, (_, i) => simulateCustomer(world, i));
});

function share(xs: readonly CustomerHistory[], f: (h: CustomerHistory) => boolean): number {
  return xs.filter(f).length / Math.max(1, xs.length);
}

describe('catalogue', () => {
  it('has 200-400 SKUs over 8 top categories, with unique SKUs and shop-like prices', () => {
    const { products } = buildCatalogue(1);
    expect(products.length).toBeGreaterThanOrEqual(200);
    expect(products.length).toBeLessThanOrEqual(400);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.category.split('/')[0])).size).toBe(8);
    for (const p of products) {
      expect(p.category).toMatch(/^[^/]+\/[^/]+$/);
      expect(p.priceCents).toBeGreaterThan(0);
      expect(Number.isInteger(p.priceCents)).toBe(true);
    }
    expect(products.some((p) => p.category === '母婴/奶粉' && p.name.includes('3段'))).toBe(true);
  });
});

describe('simulateCustomer', () => {
  it('depends only on (seed, index): the same customer comes out alone or in a run', () => {
    const again = simulateCustomer(world, 1234);
    expect(again).toEqual(histories[1234]);
    const other = simulateCustomer(buildWorld({ seed: 1, endDate: new Date('2025-12-20T09:30:00Z') }), 1234);
    expect(other.customer).not.toEqual(again.customer);
  });

  it('keeps every time inside the window and orders after signup, sorted', () => {
    const problems: string[] = [];
    for (const h of histories) {
      const id = h.customer.id;
      if (h.customer.signupSec < world.startSec) problems.push(`${id} signup before window`);
      let prev = h.customer.signupSec;
      for (const o of h.orders) {
        if (o.sec < prev || o.sec > world.endSec) problems.push(`${o.id} out of order or range`);
        prev = o.sec;
      }
      for (const e of h.events) {
        if (e.sec < world.startSec || e.sec > world.endSec) problems.push(`${id} event out of range`);
        if (e.identified && e.sec < h.customer.signupSec) problems.push(`${id} identified before signup`);
      }
      for (const f of h.feedback) if (f.sec > world.endSec) problems.push(`${f.id} after end`);
    }
    expect(problems).toEqual([]);
  });

  it('makes fresh-food regulars buy more often, in smaller baskets', () => {
    const regular = histories.filter((h) => h.truth.kind === 'regular');
    const stats = (xs: CustomerHistory[]) => {
      const orders = xs.flatMap((h) => h.orders);
      return { perCustomer: orders.length / xs.length, aov: orders.reduce((s, o) => s + o.totalCents, 0) / orders.length };
    };
    const fresh = stats(regular.filter((h) => h.truth.primaryCategory === '生鲜'));
    const other = stats(regular.filter((h) => h.truth.primaryCategory !== '生鲜'));
    expect(fresh.perCustomer).toBeGreaterThan(1.5 * other.perCustomer);
    expect(fresh.aov).toBeLessThan(0.75 * other.aov);
  });

  it('has baby-formula buyers who go on to buy early education', () => {
    const products = world.catalogue.products;
    let formula = 0;
    let thenEducation = 0;
    for (const h of histories) {
      const first = h.orders.find((o) => o.items.some((it) => products[it.product]?.category === '母婴/奶粉'));
      if (first === undefined) continue;
      formula++;
      const later = h.orders.some((o) => o.sec > first.sec && o.items.some((it) => products[it.product]?.category === '母婴/早教'));
      if (later) thenEducation++;
    }
    expect(formula).toBeGreaterThan(100);
    expect(thenEducation / formula).toBeGreaterThan(0.1);
  });

  it('includes one-off bulk buyers and impulse buyers', () => {
    const bulk = histories.filter((h) => h.truth.kind === 'bulk');
    const impulse = histories.filter((h) => h.truth.kind === 'impulse');
    expect(bulk.length).toBeGreaterThan(0);
    expect(impulse.length).toBeGreaterThan(20);
    for (const h of bulk) {
      expect(h.orders).toHaveLength(1);
      expect(h.orders[0]?.items.some((it) => it.quantity >= 50)).toBe(true);
    }
    for (const h of impulse) {
      expect(h.orders).toHaveLength(1);
      expect(h.orders[0]?.items.some((it) => it.unitCents >= 150_000)).toBe(true);
    }
  });

  it('lets activity fade before dropout, and ties complaints and detractors to dropout', () => {
    const regular = histories.filter((h) => h.truth.kind === 'regular');
    const ratio = (xs: CustomerHistory[], at: (h: CustomerHistory) => number) => {
      let early = 0;
      let late = 0;
      for (const h of xs) {
        const t = at(h);
        for (const e of h.events) {
          if (e.sec > t - 300 * DAY && e.sec <= t - 150 * DAY) early++;
          else if (e.sec > t - 150 * DAY && e.sec <= t) late++;
        }
      }
      return late / early;
    };
    const lastOrder = (h: CustomerHistory) => h.orders[h.orders.length - 1]?.sec ?? 0;
    const dropped = regular.filter((h) => h.truth.dropped && lastOrder(h) - h.customer.signupSec > 300 * DAY);
    const alive = regular.filter((h) => !h.truth.dropped && world.endSec - h.customer.signupSec > 300 * DAY);
    expect(ratio(dropped, lastOrder)).toBeLessThan(0.8 * ratio(alive, () => world.endSec));

    const base = share(regular, (h) => h.truth.dropped);
    const complained = regular.filter((h) => h.feedback.some((f) => f.type === 'complaint'));
    const detractors = regular.filter((h) => h.feedback.some((f) => f.type === 'nps' && (f.score ?? 10) <= 6));
    expect(share(complained, (h) => h.truth.dropped)).toBeGreaterThan(base + 0.15);
    expect(share(detractors, (h) => h.truth.dropped)).toBeGreaterThan(base + 0.15);
  });

  it('draws a heterogeneous BG/NBD population', () => {
    const regular = histories.filter((h) => h.truth.kind === 'regular');
    const lambdas = regular.map((h) => h.truth.lambda).sort((a, b) => a - b);
    const median = lambdas[Math.floor(lambdas.length / 2)] ?? 0;
    const mean = lambdas.reduce((s, x) => s + x, 0) / lambdas.length;
    expect(mean).toBeGreaterThan(2 * median); // long right tail
    const ps = regular.map((h) => h.truth.p);
    expect(Math.min(...ps)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ps)).toBeLessThan(1);
  });
});
