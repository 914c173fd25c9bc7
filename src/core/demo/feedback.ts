// Survey answers, complaints and reviews of one customer. Scores follow the customer's latent
// satisfaction (lower for customers with a high dropout probability), refunds raise complaints,
// and a good share of customers who drop out leave a complaint or a detractor score about their
// last order first.

import { SECONDS_PER_DAY } from './calendar.js';
import { complaintText, feedbackText, type Sentiment } from './feedback-texts.js';
import type { Rng } from './prng.js';
import type { DemoFeedback, DemoOrder, FeedbackChannel, FeedbackType } from './types.js';
import type { DemoWorld } from './world.js';

export interface FeedbackInput {
  readonly orders: readonly DemoOrder[];
  /** Top category to talk about when an order has no items. */
  readonly fallbackTop: number;
  /** Dropped out after the last order (BG/NBD dropout), so the last order is where it went wrong. */
  readonly droppedAfterLastOrder: boolean;
  readonly satisfaction: number;
  readonly channels: readonly FeedbackChannel[];
  readonly channelWeights: readonly number[];
}

type Draft = { sec: number; type: FeedbackType; score: number | null; text: string };

const DAY = SECONDS_PER_DAY;

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export function npsSentiment(score: number): Sentiment {
  return score <= 6 ? 'negative' : score <= 8 ? 'neutral' : 'positive';
}

function nps(rng: Rng, satisfaction: number, top: number, sec: number, forced?: number): Draft {
  const score = forced ?? Math.round(clamp(satisfaction * 10 + rng.normal(0, 1.3), 0, 10));
  const sentiment = npsSentiment(score);
  const blank = rng.chance(sentiment === 'negative' ? 0.12 : 0.35);
  return { sec, type: 'nps', score, text: blank ? '' : feedbackText(rng, sentiment, top) };
}

function csat(rng: Rng, satisfaction: number, top: number, sec: number, shift: number): Draft {
  const score = Math.round(clamp(1 + 4 * satisfaction + shift + rng.normal(0, 0.8), 1, 5));
  const sentiment: Sentiment = score <= 2 ? 'negative' : score === 3 ? 'neutral' : 'positive';
  return { sec, type: 'csat', score, text: rng.chance(0.5) ? '' : feedbackText(rng, sentiment, top) };
}

function comment(rng: Rng, satisfaction: number, top: number, sec: number): Draft {
  const x = satisfaction + rng.normal(0, 0.15);
  const sentiment: Sentiment = x < 0.5 ? 'negative' : x < 0.7 ? 'neutral' : 'positive';
  return { sec, type: 'comment', score: null, text: feedbackText(rng, sentiment, top) };
}

function complaint(rng: Rng, top: number, sec: number): Draft {
  return { sec, type: 'complaint', score: null, text: complaintText(rng, top) };
}

export function simulateFeedback(rng: Rng, world: DemoWorld, input: FeedbackInput, idPrefix: string): DemoFeedback[] {
  const s = input.satisfaction;
  const drafts: Draft[] = [];
  const after = (sec: number, minDays: number, maxDays: number): number => sec + rng.between(minDays, maxDays) * DAY;
  const last = input.orders.length - 1;
  const products = world.catalogue.products;
  input.orders.forEach((order, i) => {
    if (order.status === 'cancelled') return;
    const top = products[order.items[0]?.product ?? -1]?.top ?? input.fallbackTop;
    const isLast = i === last;
    if (isLast && input.droppedAfterLastOrder && rng.chance(0.35)) {
      // What went wrong before they left: a complaint or a detractor score about this order.
      const sec = after(order.sec, 1, 10);
      const d = rng.chance(0.55) ? complaint(rng, top, sec) : nps(rng, s, top, sec, rng.intBetween(0, 4));
      drafts.push(d);
      if (d.type === 'complaint' && rng.chance(0.4)) drafts.push(csat(rng, 0, top, after(sec, 1, 3), 0));
      return;
    }
    const complaintChance = 0.004 + (order.status === 'refunded' ? 0.2 : 0) + 0.012 * (1 - s);
    if (rng.chance(complaintChance)) {
      const sec = after(order.sec, 1, 12);
      drafts.push(complaint(rng, top, sec));
      if (rng.chance(0.4)) drafts.push(csat(rng, s, top, after(sec, 1, 3), -1));
    }
    if (order.status !== 'paid') return;
    if (rng.chance(0.06)) drafts.push(nps(rng, s, top, after(order.sec, 2, 10)));
    if (rng.chance(0.035)) drafts.push(csat(rng, s, top, after(order.sec, 1, 5), 0));
    if (rng.chance(0.05)) drafts.push(comment(rng, s, top, after(order.sec, 3, 15)));
  });
  drafts.sort((x, y) => x.sec - y.sec);
  const out: DemoFeedback[] = [];
  for (const d of drafts) {
    const sec = Math.floor(d.sec);
    if (sec > world.endSec) continue;
    const channel = input.channels[rng.weighted(input.channelWeights)] ?? 'app';
    out.push({ id: `${idPrefix}${out.length + 1}`, sec, type: d.type, score: d.score, text: d.text, channel });
  }
  return out;
}
