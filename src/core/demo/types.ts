// Plain data produced by the demo simulation: one customer's whole history. Times are Unix
// seconds (UTC); money is integer cents.

export type Gender = 'male' | 'female';
export type OrderStatus = 'paid' | 'refunded' | 'cancelled';
export type EventName = 'page_view' | 'product_view' | 'add_to_cart' | 'check_in' | 'coupon_claim' | 'app_open';
export type FeedbackType = 'nps' | 'csat' | 'complaint' | 'comment';
export type FeedbackChannel = 'wechat' | 'sms' | 'app' | 'email';
/** How the customer was generated: the BG/NBD process, or one of the special one-off kinds. */
export type CustomerKind = 'regular' | 'prospect' | 'bulk' | 'impulse';

export interface DemoCustomer {
  readonly id: string;
  /** Empty string when missing (as in the CSV). */
  readonly email: string;
  readonly phone: string;
  readonly memberNo: string;
  readonly wechatOpenid: string;
  readonly name: string;
  readonly gender: Gender;
  readonly birthday: string;
  readonly city: string;
  readonly province: string;
  readonly signupSec: number;
  readonly acquisitionChannel: string;
  readonly acquisitionCostCents: number;
  readonly consentEmail: boolean;
  readonly consentSms: boolean;
  readonly consentWechat: boolean;
}

export interface DemoOrderItem {
  /** Index into the catalogue's products. */
  readonly product: number;
  quantity: number;
  readonly unitCents: number;
}

export interface DemoOrder {
  /** Assigned once the customer's orders are sorted by time. */
  id: string;
  readonly sec: number;
  readonly channel: string;
  readonly store: string;
  readonly status: OrderStatus;
  readonly discountCents: number;
  /** Sum of item amounts minus the discount. */
  readonly totalCents: number;
  readonly items: readonly DemoOrderItem[];
}

/**
 * A behavioural event. Its message id is the owner's id prefix plus its 1-based position
 * (`E0000001-7`), and its anonymous id the owner's device id: both are kept on the owner so that
 * tens of millions of events stay small.
 */
export interface DemoEvent {
  readonly sec: number;
  readonly name: EventName;
  /** False for events seen before the customer identified (customer id left empty). */
  readonly identified: boolean;
  /** JSON object text. */
  readonly properties: string;
}

/** Someone who browsed anonymously and never signed up. */
export interface DemoVisitor {
  readonly anonymousId: string;
  readonly eventIdPrefix: string;
  readonly events: readonly DemoEvent[];
}

export interface DemoFeedback {
  readonly id: string;
  readonly sec: number;
  readonly type: FeedbackType;
  readonly score: number | null;
  readonly text: string;
  readonly channel: FeedbackChannel;
}

/** The simulation's hidden truth, for tests and for checking the models against it. */
export interface CustomerTruth {
  readonly kind: CustomerKind;
  /** Purchase rate per day and dropout probability of the BG/NBD process (0 for one-offs). */
  readonly lambda: number;
  readonly p: number;
  /** No purchase will follow: BG/NBD dropout for regulars; always true for one-offs and prospects. */
  readonly dropped: boolean;
  readonly primaryCategory: string;
  readonly satisfaction: number;
}

export interface CustomerHistory {
  readonly index: number;
  readonly customer: DemoCustomer;
  readonly orders: readonly DemoOrder[];
  /** Device id (anonymous id) of the customer's events; empty without a digital footprint. */
  readonly deviceId: string;
  readonly eventIdPrefix: string;
  /** The customer's own events by time (identified, or anonymous on their device before signup). */
  readonly events: readonly DemoEvent[];
  /** Unrelated anonymous visitors generated alongside this customer (none or one). */
  readonly visitors: readonly DemoVisitor[];
  readonly feedback: readonly DemoFeedback[];
  readonly truth: CustomerTruth;
}
