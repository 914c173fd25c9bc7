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

export interface Database {
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
}
