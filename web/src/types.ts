// Shapes of the API responses the console reads (the server's service types, as JSON).
import type { ChurnList } from '../../src/services/dashboards/churn';
import type { LifecycleDashboard, MigrationDashboard } from '../../src/services/dashboards/lifecycle';
import type { Overview } from '../../src/services/dashboards/overview';
import type { RetentionDashboard } from '../../src/services/dashboards/retention';
import type { RfmDashboard } from '../../src/services/dashboards/rfm';
import type { ClvHistogram, TopCustomer } from '../../src/services/dashboards/value';
import type { Paged } from '../../src/services/dashboards/common';
import type { ChannelValue } from '../../src/services/score/value-by-channel';

/** Dates arrive as ISO text. */
export type Json<T> = T extends Date ? string : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type OverviewData = Json<Overview>;
export type RfmData = Json<RfmDashboard>;
export type LifecycleData = Json<LifecycleDashboard>;
export type MigrationData = Json<MigrationDashboard> | { from: null; to: null; by: string; cells: [] };
export type RetentionData = Json<RetentionDashboard>;
export type HistogramData = Json<ClvHistogram>;
export type TopCustomersData = Json<Paged<TopCustomer>>;
export type ChannelsData = { items: Json<ChannelValue>[] };
export type ChurnData = Json<ChurnList>;

export interface Me {
  kind: 'user' | 'api_key' | 'anonymous';
  email?: string;
  role?: string;
  permissions: string[];
  csrfToken?: string;
}

export interface Reason {
  key: string;
  en: string;
  zh: string;
}

export interface CustomerProfileData {
  customer: {
    id: number; name: string | null; gender: string | null; birthday: string | null; city: string | null; province: string | null; country: string | null;
    signup_at: string | null; acquisition_channel: string | null; acquisition_cost: number | null;
    consent_email: boolean | null; consent_sms: boolean | null; consent_wechat: boolean | null; attributes: unknown; merged_into: number | null;
  };
  identities: Array<{ kind: string; value: string; source: string | null; createdAt: string }>;
  orders: { count: number; paidCount: number; value: number; first: string | null; last: string | null };
  merges: Array<{ id: number; survivorId: number; mergedId: number; identity: string; mergedAt: string; undoneAt: string | null; actor: string }>;
  feedbackCount: number;
  eventCount: number;
}

export interface CustomerScoresData {
  customerId: number;
  current: null | {
    as_of: string; rfm_group: string | null; value_tier: string | null; lifecycle_stage: string; r_score: number | null; f_score: number | null; m_score: number | null;
    recency_days: number | null; frequency: number; monetary: number; orders_365d: number; spend_365d: number; avg_order_value: number | null;
    p_alive: number | null; expected_purchases_90d: number | null; predicted_clv: number | null; historical_clv: number; expected_next_order_at: string | null;
    churn_risk: number | null; churn_reasons: unknown; bulk_buyer: boolean; impulse_buyer: boolean;
  };
  history: Array<{ as_of: string; value_tier: string | null; lifecycle_stage: string; rfm_group: string | null; churn_risk: number | null; predicted_clv: number | null; historical_clv: number }>;
}

export interface CustomerTagsData {
  items: Array<{ tagId: number; name: string; group: string; source: string; setBy: string; enteredAt: string; exitedAt: string | null }>;
}

export interface TimelineData {
  items: Array<{ kind: 'order' | 'event' | 'feedback'; at: string; ref: string; label: string; value: number | null; channel: string | null; detail: string | null }>;
  total: number;
  page: number;
  pageSize: number;
}

export interface CustomerListData {
  items: Array<{ id: number; name: string | null; gender: string | null; city: string | null; signupAt: string | null; acquisitionChannel: string | null }>;
  total: number;
  page: number;
  pageSize: number;
}

export interface SegmentInfo {
  id: number;
  name: string;
  kind: 'dynamic' | 'static';
  description: string | null;
  rule: unknown;
  memberCount: number;
  refreshedAt: string | null;
  reading?: { zh: string; en: string };
}

export interface TagInfo {
  id: number;
  name: string;
  group: string;
  customers: number;
}

export interface StatsData {
  engine: string;
  tables: Record<string, number>;
  liveCustomers: number;
  mergedCustomers: number;
  orders: { first: string | null; last: string | null };
  events: { first: string | null; last: string | null };
  feedback: { first: string | null; last: string | null };
  lastImport: { entity: string; file: string; finishedAt: string; imported: number; rejected: number } | null;
}

export interface ScoreSummaryData {
  asOf: string;
  computedAt: string;
  customersScored: number;
  buyers: number;
}
