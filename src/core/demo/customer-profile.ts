// One customer's master data: name, contact points (in the messy formats real imports bring),
// demographics, signup time, acquisition channel and cost, consents.

import { formatDay, pad } from './format.js';
import { localDay, ORDER_HOUR_WEIGHTS, seasonAt, SECONDS_PER_DAY, LOCAL_OFFSET_SECONDS } from './calendar.js';
import { ACQUISITION_CHANNELS, EMAIL_HANDLES, FEMALE_GIVEN, MALE_GIVEN, MALLS, PHONE_PREFIXES } from './people-data.js';
import type { Rng } from './prng.js';
import type { DemoCustomer, Gender } from './types.js';
import type { DemoWorld } from './world.js';

const OPENID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bijective scramble of an index into 8 digits (unique for indices below 10^8). */
export function permute8(index: number, multiplier: number, offset: number): number {
  return (index * multiplier + offset) % 100_000_000;
}

/** Moves a time to a random moment of its local day, following an hour-of-day profile. */
export function placeInDay(rng: Rng, sec: number, hourWeights: readonly number[]): number {
  const dayStart = localDay(sec) * SECONDS_PER_DAY - LOCAL_OFFSET_SECONDS;
  return dayStart + rng.weighted(hourWeights) * 3600 + rng.int(3600);
}

/** Signup time: growth over the window (more recent customers), busier on promotion days. */
export function sampleSignupSec(rng: Rng, world: DemoWorld): number {
  const g = world.params.growth;
  const span = world.endSec - world.startSec;
  const maxRoot = Math.sqrt(world.calendar.max);
  let sec = world.endSec;
  for (let attempt = 0; attempt < 40; attempt++) {
    const u = Math.log(1 + rng.float() * (Math.exp(g) - 1)) / g;
    sec = world.startSec + u * span;
    if (rng.float() * maxRoot < Math.sqrt(seasonAt(world.calendar, sec))) break;
  }
  const placed = placeInDay(rng, sec, ORDER_HOUR_WEIGHTS);
  if (placed >= world.startSec && placed <= world.endSec) return placed;
  // First or last (partial) day of the window: anywhere in the part inside it.
  const dayStart = localDay(sec) * SECONDS_PER_DAY - LOCAL_OFFSET_SECONDS;
  const lo = Math.max(world.startSec, dayStart);
  const hi = Math.min(world.endSec, dayStart + SECONDS_PER_DAY - 1);
  return lo + Math.floor(rng.float() * (hi - lo + 1));
}

export function pickAcquisitionChannel(rng: Rng, world: DemoWorld, signupSec: number): number {
  const u = (signupSec - world.startSec) / (world.endSec - world.startSec);
  const weights = ACQUISITION_CHANNELS.map((c) => c.shareStart + (c.shareEnd - c.shareStart) * u);
  return rng.weighted(weights);
}

function chineseName(rng: Rng, world: DemoWorld, gender: Gender): string {
  const given = gender === 'female' ? FEMALE_GIVEN : MALE_GIVEN;
  const first = rng.pick(given);
  // About a third of given names have one character, the rest two.
  return world.surnames.pick(rng) + (rng.chance(0.32) ? first : first + rng.pick(given));
}

function formatPhone(rng: Rng, digits: string): string {
  const r = rng.float();
  if (r < 0.72) return digits;
  if (r < 0.86) return `+86 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  return `86${digits}`;
}

function makeEmail(rng: Rng, world: DemoWorld, index: number): string {
  const unique = permute8(index, 2_718_281, world.emailOffset);
  const domain = world.emailDomains.pick(rng);
  let local: string;
  if (domain === 'qq.com' || domain === 'foxmail.com') {
    local = `${rng.intBetween(1, 9)}${pad(unique, 8)}`;
  } else {
    const handle = rng.pick(EMAIL_HANDLES);
    local = `${handle}${rng.pick(['', '_', '.'])}${unique}`;
    if (rng.chance(0.05)) local = local.charAt(0).toUpperCase() + local.slice(1);
  }
  const email = `${local}@${domain}`;
  // A few arrive with stray spaces, as typed into a store's tablet.
  return rng.chance(0.004) ? ` ${email} ` : email;
}

function openid(rng: Rng): string {
  let s = 'o';
  for (let i = 0; i < 27; i++) s += OPENID_ALPHABET.charAt(rng.int(64));
  return s;
}

export interface ProfileInput {
  readonly index: number;
  readonly signupSec: number;
  readonly gender: Gender;
  readonly ageYears: number;
  readonly acquisition: number;
}

export interface Profile {
  readonly customer: DemoCustomer;
  /** Offline shop the customer uses (`上海万象城店`). */
  readonly homeStore: string;
}

export function buildProfile(rng: Rng, world: DemoWorld, input: ProfileInput): Profile {
  const { index, signupSec, gender, ageYears } = input;
  const channel = ACQUISITION_CHANNELS[input.acquisition] ?? ACQUISITION_CHANNELS[0];
  if (channel === undefined) throw new Error('no acquisition channels');
  const place = world.cities.pick(rng);
  const hasPhone = rng.chance(channel.name === 'offline_store' ? 0.97 : 0.88);
  const phoneDigits = rng.pick(PHONE_PREFIXES) + pad(permute8(index, 7_654_321, world.phoneOffset), 8);
  const phone = hasPhone ? formatPhone(rng, phoneDigits) : '';
  const email = rng.chance(0.55) ? makeEmail(rng, world, index) : '';
  const member =
    channel.name === 'offline_store' || channel.name === 'wechat' ? rng.chance(0.9) : rng.chance(0.5);
  const memberNo = member ? `M${pad(permute8(index, 3_141_593, world.memberOffset), 9)}` : '';
  const wechat = rng.chance(channel.name === 'wechat' || channel.name === 'referral' ? 0.95 : 0.6);
  const wechatOpenid = wechat ? openid(rng) : '';
  const birthDay = localDay(signupSec) - Math.floor(ageYears * 365.25) - rng.int(365);
  const birthday = rng.chance(0.85) ? formatDay(birthDay) : '';
  const costCents = Math.round(channel.cost * Math.exp(rng.normal(0, 0.35)) * 100);
  const customer: DemoCustomer = {
    id: `C${pad(index + 1, 7)}`,
    email,
    phone,
    memberNo,
    wechatOpenid,
    name: chineseName(rng, world, gender),
    gender,
    birthday,
    city: place.city,
    province: place.province,
    signupSec,
    acquisitionChannel: channel.name,
    acquisitionCostCents: costCents,
    consentEmail: email !== '' && rng.chance(0.55),
    consentSms: phone !== '' && rng.chance(0.7),
    consentWechat: wechatOpenid !== '' && rng.chance(0.8),
  };
  return { customer, homeStore: `${place.city}${rng.pick(MALLS)}店` };
}
