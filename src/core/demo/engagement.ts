// Behavioural events of one customer: browsing sessions (app opens, page and product views,
// abandoned carts, coupon claims), views and add-to-cart right before online orders, check-in
// streaks, and anonymous browsing on their device before signup. Activity fades over the
// five months before a customer drops out and dies away after it: the churn signal.

import { ORDER_HOUR_WEIGHTS, promotionAt, seasonAt, SECONDS_PER_DAY, localDay, LOCAL_OFFSET_SECONDS } from './calendar.js';
import { placeInDay } from './customer-profile.js';
import type { Rng } from './prng.js';
import type { DemoEvent, DemoOrder, DemoVisitor, EventName } from './types.js';
import type { DemoWorld } from './world.js';

export type Platform = 'ios' | 'android' | 'mini' | 'web' | 'none';

export interface EngagementInput {
  readonly signupSec: number;
  /** Dropout moment (last purchase, or signup for prospects) or null while still active. */
  readonly dropSec: number | null;
  /** Browsing sessions per day while fully active. */
  readonly sessionRate: number;
  readonly platform: Platform;
  readonly deviceId: string;
  readonly checkIns: boolean;
  readonly affinity: Float64Array;
  readonly affinityTotal: number;
  readonly orders: readonly DemoOrder[];
}

type RawEvent = DemoEvent;

const DAY = SECONDS_PER_DAY;
const CHECK_IN_HOURS: readonly number[] = ORDER_HOUR_WEIGHTS.map((_, h) => (h >= 7 && h <= 9 ? 2 : h >= 20 && h <= 22 ? 3 : 0));

/** Relative activity at `sec`: 1 while active, fading before dropout, decaying after it. */
export function activityAt(dropSec: number | null, sec: number): number {
  if (dropSec === null) return 1;
  const days = (sec - dropSec) / DAY;
  if (days < -150) return 1;
  if (days <= 0) return 1 - (0.75 * (days + 150)) / 150;
  return 0.25 * Math.exp(-days / 25);
}

/** A random UUID (version 4 layout) from the stream. */
export function uuidFrom(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'.charAt(rng.int(4))}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function randomProduct(rng: Rng, world: DemoWorld, affinity: Float64Array, total: number): number {
  const top = rng.weighted(affinity, total);
  const subs = world.catalogue.subsByTop[top] ?? [];
  const list = world.catalogue.bySub[subs[rng.int(subs.length)] ?? 0] ?? [];
  return list[rng.int(list.length)] ?? 0;
}

function couponAmount(rng: Rng, promo: string | null): number {
  if (promo === 'double11') return rng.pick([50, 100, 30]);
  if (promo === '618') return rng.pick([30, 60, 20]);
  if (promo !== null) return rng.pick([20, 30]);
  return rng.pick([5, 10, 20]);
}

function session(rng: Rng, world: DemoWorld, input: EngagementInput, start: number, out: RawEvent[]): void {
  const v = world.vocabulary;
  let t = start;
  const add = (name: EventName, properties: string): void => {
    out.push({ sec: t, name, identified: true, properties });
    t += rng.intBetween(8, 180);
  };
  if (input.platform === 'ios' || input.platform === 'android') add('app_open', v.appOpen(input.platform, t));
  else add('page_view', v.homePage);
  if (rng.chance(0.15)) {
    const product = randomProduct(rng, world, input.affinity, input.affinityTotal);
    add('page_view', v.categoryPage[world.catalogue.products[product]?.sub ?? 0] ?? v.homePage);
  }
  let last = -1;
  if (rng.chance(0.7)) {
    const views = 1 + Math.min(3, rng.geometric(0.55));
    for (let i = 0; i < views; i++) {
      last = randomProduct(rng, world, input.affinity, input.affinityTotal);
      add('product_view', v.productView[last] ?? v.homePage);
    }
  }
  if (last >= 0 && rng.chance(0.12)) add('add_to_cart', v.addToCart[last] ?? v.homePage);
  const promo = promotionAt(world.calendar, t);
  if (rng.chance(promo !== null ? 0.35 : 0.03)) add('coupon_claim', v.coupon(promo, couponAmount(rng, promo)));
  if (rng.chance(0.08)) add('page_view', rng.pick(v.otherPages));
}

function sessions(rng: Rng, world: DemoWorld, input: EngagementInput, horizon: number, out: RawEvent[]): void {
  if (input.platform === 'none' || input.sessionRate <= 0) return;
  const cal = world.calendar;
  const maxRoot = Math.sqrt(cal.max);
  const proposalRate = (input.sessionRate * maxRoot) / DAY;
  let t = input.signupSec;
  for (;;) {
    t += rng.exponential(proposalRate);
    if (t > horizon) return;
    const keep = (activityAt(input.dropSec, t) * Math.sqrt(seasonAt(cal, t))) / maxRoot;
    if (rng.float() >= keep) continue;
    const start = placeInDay(rng, t, ORDER_HOUR_WEIGHTS);
    if (start >= input.signupSec && start <= world.endSec) session(rng, world, input, start, out);
  }
}

function orderLeadUps(rng: Rng, world: DemoWorld, input: EngagementInput, out: RawEvent[]): void {
  if (input.platform === 'none') return;
  const v = world.vocabulary;
  for (const order of input.orders) {
    if (order.channel === 'offline_store') continue;
    const first = order.items[0]?.product ?? 0;
    // Disengaging customers still buy but browse less on the way.
    const engaged = activityAt(input.dropSec, order.sec);
    if (rng.chance(0.55 * engaged)) {
      const sec = order.sec - rng.intBetween(120, 5400);
      out.push({ sec, name: 'product_view', identified: sec >= input.signupSec, properties: v.productView[first] ?? v.homePage });
    }
    if (rng.chance(0.4 * engaged)) {
      const sec = order.sec - rng.intBetween(30, 110);
      out.push({ sec, name: 'add_to_cart', identified: sec >= input.signupSec, properties: v.addToCart[first] ?? v.homePage });
    }
  }
}

function checkInStreaks(rng: Rng, world: DemoWorld, input: EngagementInput, horizon: number, out: RawEvent[]): void {
  if (!input.checkIns || horizon <= input.signupSec) return;
  const span = horizon - input.signupSec;
  const streaks = rng.poisson(span / DAY / 150);
  for (let s = 0; s < streaks; s++) {
    const start = input.signupSec + rng.float() * span;
    // Some aim for the 15-day reward (连续签到15天); most give up after a few days.
    const length = rng.chance(0.18) ? rng.intBetween(15, 21) : 1 + Math.min(13, rng.geometric(0.22));
    for (let k = 1; k <= length; k++) {
      const dayStart = (localDay(start) + k - 1) * DAY - LOCAL_OFFSET_SECONDS;
      const sec = dayStart + rng.weighted(CHECK_IN_HOURS) * 3600 + rng.int(3600);
      if (sec > world.endSec || sec < input.signupSec) break;
      if (rng.float() >= activityAt(input.dropSec, sec)) break;
      out.push({ sec, name: 'check_in', identified: true, properties: world.vocabulary.checkIn(k) });
    }
  }
}

function preSignupBrowsing(rng: Rng, world: DemoWorld, input: EngagementInput, out: RawEvent[]): void {
  if (input.deviceId === '' || !rng.chance(0.35)) return;
  const n = rng.intBetween(1, 4);
  for (let i = 0; i < n; i++) {
    const sec = input.signupSec - rng.intBetween(600, 14 * DAY);
    const product = randomProduct(rng, world, input.affinity, input.affinityTotal);
    const props = i === 0 ? world.vocabulary.homePage : (world.vocabulary.productView[product] ?? world.vocabulary.homePage);
    out.push({ sec, name: i === 0 ? 'page_view' : 'product_view', identified: false, properties: props });
  }
}

/** All of a customer's events, sorted by time (ids and device id are kept by the caller). */
export function simulateEngagement(rng: Rng, world: DemoWorld, input: EngagementInput): DemoEvent[] {
  const horizon = input.dropSec === null ? world.endSec : Math.min(world.endSec, input.dropSec + 120 * DAY);
  const raw: RawEvent[] = [];
  preSignupBrowsing(rng, world, input, raw);
  orderLeadUps(rng, world, input, raw);
  sessions(rng, world, input, horizon, raw);
  checkInStreaks(rng, world, input, horizon, raw);
  raw.sort((x, y) => x.sec - y.sec);
  let kept = 0;
  for (const e of raw) {
    if (e.sec < world.startSec || e.sec > world.endSec) continue;
    if (!e.identified && input.deviceId === '') continue;
    raw[kept++] = e;
  }
  raw.length = kept;
  return raw;
}

/** An unrelated anonymous visitor who browsed and never signed up. */
export function simulateVisitor(rng: Rng, world: DemoWorld, eventIdPrefix: string): DemoVisitor {
  const anonymousId = uuidFrom(rng);
  const v = world.vocabulary;
  const events: DemoEvent[] = [];
  const visits = 1 + Math.min(4, rng.geometric(0.6));
  const span = world.endSec - world.startSec;
  const products = world.catalogue.products.length;
  for (let i = 0; i < visits; i++) {
    let sec = placeInDay(rng, world.startSec + rng.float() * span, ORDER_HOUR_WEIGHTS);
    const n = 1 + rng.int(3);
    for (let k = 0; k < n && sec <= world.endSec; k++) {
      if (sec >= world.startSec) {
        const properties = k === 0 ? v.homePage : (v.productView[rng.int(products)] ?? v.homePage);
        events.push({ sec, name: k === 0 ? 'page_view' : 'product_view', identified: false, properties });
      }
      sec += rng.intBetween(10, 240);
    }
  }
  events.sort((x, y) => x.sec - y.sec);
  return { anonymousId, eventIdPrefix, events };
}
