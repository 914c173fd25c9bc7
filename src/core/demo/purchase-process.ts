// The BG/NBD buying process: a first purchase at signup, then repeat purchases as a Poisson
// process of rate lambda (modulated by the retail calendar through thinning), and after each
// repeat purchase the customer drops out for good with probability p.

import { seasonAt } from './calendar.js';
import type { Rng } from './prng.js';
import type { DemoWorld } from './world.js';

export interface PurchaseTimeline {
  /** Purchase times in seconds, ascending; the first is the first purchase. */
  readonly times: number[];
  /** True when the customer dropped out (after the last purchase) before the window ended. */
  readonly dropped: boolean;
}

/** Draws lambda ~ Gamma(r, alpha) per day (capped) and p ~ Beta(a, b). */
export function drawBuyingParameters(rng: Rng, world: DemoWorld): { lambda: number; p: number } {
  const { r, alpha, a, b, maxLambda } = world.params;
  const lambda = Math.min(maxLambda, rng.gamma(r, 1 / alpha));
  const p = rng.beta(a, b);
  return { lambda, p };
}

export function simulatePurchaseTimes(
  rng: Rng,
  world: DemoWorld,
  lambda: number,
  p: number,
  firstSec: number,
): PurchaseTimeline {
  const times = [firstSec];
  if (lambda <= 0) return { times, dropped: false };
  const cal = world.calendar;
  const max = cal.max;
  const proposalRate = (lambda * max) / 86_400;
  let t = firstSec;
  for (;;) {
    t += rng.exponential(proposalRate);
    if (t > world.endSec) return { times, dropped: false };
    if (rng.float() * max >= seasonAt(cal, t)) continue;
    times.push(t);
    if (rng.chance(p)) return { times, dropped: true };
  }
}
