// Simulates one customer's whole history, from its own random stream (seed, index): profile,
// tastes, the BG/NBD buying process with its orders, behavioural events, feedback. Independent
// of every other customer, so any customer can be generated alone and in any order.

import { localDay } from './calendar.js';
import { buildOrder, type Shopper } from './basket.js';
import { TOP, TOP_CATEGORIES } from './catalogue-data.js';
import { buildProfile, pickAcquisitionChannel, sampleSignupSec } from './customer-profile.js';
import { simulateEngagement, simulateVisitor, uuidFrom, type Platform } from './engagement.js';
import { simulateFeedback } from './feedback.js';
import { pad } from './format.js';
import { Rng, type WeightedTable } from './prng.js';
import { ONLINE_STORES } from './people-data.js';
import { drawBuyingParameters, simulatePurchaseTimes } from './purchase-process.js';
import { buildBulkOrder, buildImpulseOrder } from './special-orders.js';
import type { CustomerHistory, CustomerKind, DemoOrder, FeedbackChannel, Gender } from './types.js';
import type { DemoWorld } from './world.js';

const PLATFORMS: readonly Platform[] = ['ios', 'android', 'mini', 'web', 'none'];
const PLATFORM_WEIGHTS_ONLINE = [0.25, 0.3, 0.33, 0.1, 0.02];
const PLATFORM_WEIGHTS_OFFLINE = [0.1, 0.15, 0.35, 0.0, 0.4];

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function pickKind(rng: Rng, world: DemoWorld): CustomerKind {
  const { bulkShare, impulseShare, prospectShare } = world.params;
  const r = rng.float();
  if (r < bulkShare) return 'bulk';
  if (r < bulkShare + impulseShare) return 'impulse';
  if (r < bulkShare + impulseShare + prospectShare) return 'prospect';
  return 'regular';
}

/** Main and second interest; frequent buyers lean to fresh food and staples, rare ones to durables. */
function pickInterests(rng: Rng, gender: Gender, lambdaRatio: number): { primary: number; secondary: number } {
  const weights = TOP_CATEGORIES.map((t) => {
    const g = gender === 'female' ? t.female : t.male;
    const tilt = clamp(Math.pow(Math.max(lambdaRatio, 1e-6), t.frequency), 0.15, 6);
    return t.popularity * g * tilt;
  });
  const primary = rng.weighted(weights);
  weights[primary] = 0;
  return { primary, secondary: rng.weighted(weights) };
}

function feedbackChannels(
  email: string,
  phone: string,
  openid: string,
  platform: Platform,
): { channels: FeedbackChannel[]; weights: number[] } {
  const options: [FeedbackChannel, number, boolean][] = [
    ['wechat', 0.45, openid !== ''],
    ['app', 0.3, platform === 'ios' || platform === 'android'],
    ['sms', 0.18, phone !== ''],
    ['email', 0.1, email !== ''],
  ];
  const available = options.filter(([, , ok]) => ok);
  if (available.length === 0) return { channels: ['app'], weights: [1] };
  return { channels: available.map(([c]) => c), weights: available.map(([, w]) => w) };
}

function orderChannelsFor(world: DemoWorld, acquisition: string): WeightedTable<string> {
  const table = world.orderChannels[acquisition] ?? Object.values(world.orderChannels)[0];
  if (table === undefined) throw new Error('no order channels configured');
  return table;
}

export function simulateCustomer(world: DemoWorld, index: number): CustomerHistory {
  const rng = new Rng(world.seed, 2, index);
  const params = world.params;
  const kind = pickKind(rng, world);
  const signupSec = sampleSignupSec(rng, world);
  const acquisition = pickAcquisitionChannel(rng, world, signupSec);
  const gender: Gender = rng.chance(0.6) ? 'female' : 'male';
  const drawn = drawBuyingParameters(rng, world);
  const lambda = kind === 'regular' ? drawn.lambda : 0;
  const meanLambda = params.r / params.alpha;
  const { primary, secondary } = pickInterests(rng, gender, drawn.lambda / meanLambda);
  const affinity = new Float64Array(TOP_CATEGORIES.length).fill(0.03);
  // Fresh-food regulars fill most baskets with fresh food; others spread more.
  affinity[primary] = (affinity[primary] ?? 0) + (primary === TOP.fresh ? 0.85 : 0.62);
  affinity[secondary] = (affinity[secondary] ?? 0) + (primary === TOP.fresh ? 0.1 : 0.2);
  const affinityTotal = affinity.reduce((s, w) => s + w, 0);
  const hasBaby = primary === TOP.baby || secondary === TOP.baby;
  const babyBirthDay = hasBaby ? localDay(signupSec) - rng.intBetween(-150, 540) : null;
  const ageYears = hasBaby ? rng.intBetween(24, 38) : 18 + Math.floor(rng.beta(2.2, 3.5) * 47);
  const meanP = params.a / (params.a + params.b);
  const satisfaction = clamp(rng.normal(0.8, 0.12) - (drawn.p - meanP), 0.05, 0.99);

  const { customer, homeStore } = buildProfile(rng, world, { index, signupSec, gender, ageYears, acquisition });
  const offline = customer.acquisitionChannel === 'offline_store';
  const platform = PLATFORMS[rng.weighted(offline ? PLATFORM_WEIGHTS_OFFLINE : PLATFORM_WEIGHTS_ONLINE)] ?? 'none';
  const deviceId = platform === 'none' ? '' : uuidFrom(rng);
  const shopper: Shopper = {
    affinity,
    affinityTotal,
    fresh: primary === TOP.fresh,
    babyBirthDay,
    formulaBrand: rng.int(6),
    nappyBrand: rng.int(4),
    member: customer.memberNo !== '',
    satisfaction,
    channels: orderChannelsFor(world, customer.acquisitionChannel),
    homeStore,
    city: customer.city,
    lastBySub: new Map(),
  };

  const firstSec = Math.min(world.endSec, signupSec + (offline ? rng.int(300) : rng.intBetween(60, 1800)));
  let drafts: DemoOrder[] = [];
  let dropped = kind !== 'regular';
  if (kind === 'bulk') drafts = [buildBulkOrder(rng, world, firstSec, homeStore)];
  else if (kind === 'impulse') {
    const channel = shopper.channels.pick(rng);
    const store = channel === 'offline_store' ? homeStore : (ONLINE_STORES[channel] ?? '官方商城');
    drafts = [buildImpulseOrder(rng, world, firstSec, channel, store, satisfaction)];
  } else if (kind === 'regular') {
    const timeline = simulatePurchaseTimes(rng, world, lambda, drawn.p, firstSec);
    dropped = timeline.dropped;
    drafts = timeline.times.map((t, i) => buildOrder(rng, world, shopper, t, i === 0 ? null : firstSec));
    drafts.sort((x, y) => x.sec - y.sec);
  }
  const num = pad(index + 1, 7);
  drafts.forEach((d, i) => {
    d.id = `SO${num}-${pad(i + 1, 4)}`;
  });
  const orders = drafts;
  const lastOrder = orders[orders.length - 1];
  const dropSec = kind === 'prospect' ? signupSec : dropped && lastOrder !== undefined ? lastOrder.sec : null;

  const baseRate = kind === 'bulk' ? 0.002 : params.sessionBase + params.sessionPerLambda * lambda;
  const sessionRate = Math.min(params.maxSessionRate, baseRate * Math.exp(rng.normal(0, 0.6)));
  const events = simulateEngagement(rng, world, {
    signupSec,
    dropSec,
    sessionRate,
    platform,
    deviceId,
    checkIns: platform !== 'none' && platform !== 'web' && rng.chance(0.3),
    affinity,
    affinityTotal,
    orders,
  });
  const visitors = rng.chance(0.3) ? [simulateVisitor(rng, world, `V${num}-`)] : [];
  const fc = feedbackChannels(customer.email, customer.phone, customer.wechatOpenid, platform);
  const feedback = simulateFeedback(
    rng,
    world,
    {
      orders,
      fallbackTop: primary,
      droppedAfterLastOrder: kind === 'regular' && dropped,
      satisfaction,
      channels: fc.channels,
      channelWeights: fc.weights,
    },
    `FB${num}-`,
  );
  return {
    index,
    customer,
    orders,
    deviceId,
    eventIdPrefix: `E${num}-`,
    events,
    visitors,
    feedback,
    truth: {
      kind,
      lambda,
      p: kind === 'regular' ? drawn.p : 0,
      dropped,
      primaryCategory: TOP_CATEGORIES[primary]?.name ?? '',
      satisfaction,
    },
  };
}
