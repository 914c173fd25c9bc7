// Table shapes as Kysely sees them. One interface per table; the DDL lives in migrations/.
import type { ColumnType, Generated } from 'kysely';

/** Money: DECIMAL(18,2) in both engines, read back as a JS number (exact to the cent). */
type Money = number;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface CustomersTable {
  id: number;
  name: string | null;
  gender: string | null;
  birthday: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  signup_at: Timestamp | null;
  acquisition_channel: string | null;
  acquisition_cost: Money | null;
  consent_email: boolean | null;
  consent_sms: boolean | null;
  consent_wechat: boolean | null;
  attributes: Json | null;
  merged_into: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdentitiesTable {
  kind: string;
  value: string;
  customer_id: number;
  origin_customer_id: number;
  source: string | null;
  created_at: Timestamp;
}

export interface MergesTable {
  id: number;
  survivor_id: number;
  merged_id: number;
  identity_kind: string;
  identity_value: string;
  source: string | null;
  actor: string;
  merged_at: Timestamp;
  undone_at: Timestamp | null;
  undone_by: string | null;
}

export interface ProductsTable {
  sku: string;
  name: string | null;
  category: string | null;
  brand: string | null;
  price: Money | null;
  created_at: Timestamp;
}

export interface OrdersTable {
  order_id: string;
  customer_id: number;
  origin_customer_id: number;
  ordered_at: Timestamp;
  channel: string | null;
  store: string | null;
  status: string;
  total: Money;
  discount: Money;
  currency: string;
  created_at: Timestamp;
}

export interface OrderItemsTable {
  order_id: string;
  sku: string;
  quantity: number;
  unit_price: Money;
  amount: Money;
  /** copied from the order (and moved with it on merge/unmerge), so purchase queries need no join */
  customer_id: number;
  ordered_at: Date;
  status: string;
}

export interface EventsTable {
  message_id: string;
  customer_id: number | null;
  origin_customer_id: number | null;
  anonymous_id: string | null;
  name: string;
  occurred_at: Timestamp;
  properties: Json | null;
  received_at: Timestamp;
}

export interface FeedbackTable {
  feedback_id: string;
  customer_id: number;
  origin_customer_id: number;
  submitted_at: Timestamp;
  type: string;
  score: number | null;
  text: string | null;
  channel: string | null;
  created_at: Timestamp;
}

export interface ImportsTable {
  id: Generated<number>;
  entity: string;
  file: string;
  file_hash: string;
  format: string;
  encoding: string;
  imported: number;
  rejected: number;
  duplicates: number;
  merged: number;
  rejects_file: string | null;
  started_at: Timestamp;
  finished_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

interface ScoreColumns {
  recency_days: number | null;
  frequency: number;
  monetary: Money;
  orders_365d: number;
  spend_365d: Money;
  avg_order_value: Money | null;
  first_order_at: Timestamp | null;
  last_order_at: Timestamp | null;
  tenure_days: number | null;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  rfm_group: string | null;
  value_tier: string | null;
  bulk_buyer: boolean;
  impulse_buyer: boolean;
  lifecycle_stage: string;
  p_alive: number | null;
  expected_purchases_90d: number | null;
  predicted_clv: number | null;
  expected_next_order_at: Timestamp | null;
  historical_clv: Money;
  churn_risk: number | null;
  churn_reasons: Json | null;
}

export interface CustomerScoresTable extends ScoreColumns {
  customer_id: number;
  as_of: string;
  computed_at: Timestamp;
}

export interface ScoreSnapshotsTable extends ScoreColumns {
  as_of: string;
  customer_id: number;
}

export interface ScoreRunsTable {
  as_of: string;
  summary: Json;
  computed_at: Timestamp;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  tag_group: string;
  description: string | null;
  rule: Json | null;
  builtin: boolean;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerTagsTable {
  customer_id: number;
  tag_id: number;
  source: string;
  set_by: string;
  entered_at: Timestamp;
  exited_at: Timestamp | null;
}

export interface SegmentsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  description: string | null;
  rule: Json | null;
  source_segment_id: number | null;
  member_count: number;
  refreshed_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SegmentMembersTable {
  segment_id: number;
  customer_id: number;
  entered_at: Timestamp;
  exited_at: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_by: string;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string | null;
  role: string;
  password_hash: string;
  disabled: boolean;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface UserSessionsTable {
  /** SHA-256 (hex) of the random session id; the id itself lives only in the cookie */
  id_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  /** the first characters of the key, to recognise it in lists */
  prefix: string;
  key_hash: string;
  permissions: Json;
  created_by: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor: string;
  actor_kind: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: Json | null;
  ip: string | null;
  user_agent: string | null;
}

export interface SourcesTable {
  id: Generated<number>;
  name: string;
  /** first characters of the write key, to tell keys apart in lists */
  key_prefix: string;
  /** SHA-256 (hex) of the write key; the key itself is shown once, at creation */
  key_hash: string;
  created_by: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface IntakeTable {
  id: Generated<number>;
  /** one accepted request: a JSON array of intake records (see services/ingest/records.ts) */
  records: string;
  /** messages in it (line items not counted) */
  messages: number;
  received_at: Timestamp;
}

export interface IntakeSegmentsTable {
  name: string;
  messages: number;
  applied_at: Timestamp;
}

export interface Database {
  customer_scores: CustomerScoresTable;
  score_snapshots: ScoreSnapshotsTable;
  score_runs: ScoreRunsTable;
  tags: TagsTable;
  customer_tags: CustomerTagsTable;
  segments: SegmentsTable;
  segment_members: SegmentMembersTable;
  settings: SettingsTable;
  customers: CustomersTable;
  identities: IdentitiesTable;
  merges: MergesTable;
  products: ProductsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  events: EventsTable;
  feedback: FeedbackTable;
  imports: ImportsTable;
  schema_migrations: SchemaMigrationsTable;
  sources: SourcesTable;
  intake: IntakeTable;
  intake_segments: IntakeSegmentsTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
}
