// Builds the one DuckDB statement that turns `raw` text columns into typed, cleaned columns
// plus the first reason (field and message) a row cannot be imported. One pass over the data.
import { assertNever } from '../../../core/errors.js';
import type { EntitySpec, FieldSpec, FieldType } from '../../../core/import/entities.js';
import type { ColumnMapping } from '../../../core/import/map-columns.js';
import { sqlLiteral } from '../../../store/duckdb/duck-session.js';

interface Check {
  readonly field: string;
  readonly when: string;
  readonly reason: string;
  readonly value: string;
}

/** SQL type of each cleaned field in the staging table. */
export function stagedType(t: FieldType): string {
  switch (t) {
    case 'money':
      return 'DECIMAL(18,2)';
    case 'int':
      return 'INTEGER';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'date':
      return 'DATE';
    case 'bool':
      return 'BOOLEAN';
    case 'id':
    case 'text':
    case 'email':
    case 'phone':
    case 'json':
    case 'gender':
    case 'order_status':
    case 'feedback_type':
    case 'currency':
    case 'id_list':
      return 'TEXT';
    default:
      return assertNever(t);
  }
}

function clean(t: FieldType, v: string, currency: string): string {
  switch (t) {
    case 'id':
    case 'text':
    case 'id_list':
      return v;
    case 'email':
      return `tend_email(${v})`;
    case 'phone':
      return `tend_phone(${v})`;
    case 'money':
      return `tend_money(${v})`;
    case 'int':
      return `tend_int(${v})`;
    case 'timestamp':
      return `tend_ts(${v})`;
    case 'date':
      return `tend_date(${v})`;
    case 'bool':
      return `tend_bool(${v})`;
    case 'json':
      return `tend_json_object(${v})`;
    case 'gender':
      return `tend_gender(${v})`;
    case 'order_status':
      return `tend_order_status(${v})`;
    case 'feedback_type':
      return `tend_feedback_type(${v})`;
    case 'currency':
      return `coalesce(tend_currency(${v}), CASE WHEN ${v} IS NULL THEN ${sqlLiteral(currency)} END)`;
    default:
      return assertNever(t);
  }
}

const INVALID: Record<FieldType, string> = {
  id: '', text: '', id_list: '',
  email: 'not a valid email address',
  phone: 'not a valid phone number',
  money: 'not a number',
  int: 'not a whole number',
  timestamp: 'unparseable date/time',
  date: 'unparseable date',
  bool: 'not a yes/no value (true/false, 1/0, 是/否)',
  json: 'not a JSON object',
  gender: 'unknown gender (male/female/unknown, 男/女)',
  order_status: 'unknown order status (paid/refunded/cancelled)',
  feedback_type: 'unknown feedback type (nps/csat/complaint/comment)',
  currency: 'not a currency code',
};

export interface StageSql {
  /** creates the empty `stg` */
  readonly create: string;
  /** fills it from `raw` */
  readonly sql: string;
  /** cleaned columns of `stg`, with their SQL types */
  readonly columns: ReadonlyArray<{ name: string; type: string }>;
}

/**
 * Four nested levels so that each cleaning expression runs once per row: raw text trimmed
 * (v_*), cleaned and typed (k_*), the number of the first failing check, then the output.
 */
export function buildStageSql(
  spec: EntitySpec, mapping: ColumnMapping, header: readonly string[], currency: string, lineOffset: number, numbered: boolean,
): StageSql {
  const rawCol = (col: string) => `tend_blank(c${header.indexOf(col)})`;
  // Unnumbered sources get their numbers from numberStagedRowsSql once `stg` exists.
  const level1 = numbered ? ['rn'] : ['CAST(NULL AS BIGINT) AS rn'];
  const level2: string[] = [];
  const exprs = new Map<string, string>();
  const checks: Check[] = [];
  const present = (f: FieldSpec) => mapping.fields[f.name] !== undefined;

  // What a field the file lacks holds: NULL, or its default (the import's currency, 'paid').
  const absent = new Map<string, string>();
  for (const f of spec.fields) {
    const col = mapping.fields[f.name];
    if (col === undefined) {
      const value = f.type === 'currency' ? sqlLiteral(currency) : f.type === 'order_status' ? `'paid'` : 'NULL';
      absent.set(f.name, value);
      exprs.set(f.name, value);
      continue;
    }
    const v = `v_${f.name}`;
    level1.push(`${rawCol(col)} AS ${v}`);
    level2.push(`CAST(${clean(f.type, v, currency)} AS ${stagedType(f.type)}) AS k_${f.name}`);
    exprs.set(f.name, `k_${f.name}`);
    if (f.required) checks.push({ field: f.name, when: `${v} IS NULL`, reason: 'missing required field', value: 'NULL' });
    if (INVALID[f.type]) checks.push({ field: f.name, when: `${v} IS NOT NULL AND k_${f.name} IS NULL`, reason: INVALID[f.type], value: v });
  }
  const e = (name: string) => exprs.get(name) ?? 'NULL';

  if (spec.needsCustomer) {
    const ids = spec.fields.filter((f) => (f.identity || f.type === 'id_list') && present(f));
    checks.push({
      field: ids[0]?.name ?? 'customer_id',
      when: ids.map((f) => `${e(f.name)} IS NULL`).join(' AND '),
      reason: `no customer identifier (${ids.map((f) => f.name).join(', ')})`,
      value: 'NULL',
    });
  }
  entityChecks(spec, e, present).forEach((c) => checks.push(c));
  derived(spec, e, exprs);

  if (spec.extraColumnsToAttributes && mapping.attributes.length > 0) {
    mapping.attributes.forEach((a, i) => level1.push(`${rawCol(a)} AS a_${i}`));
    const obj = mapping.attributes.map((a, i) => `${sqlLiteral(a)}, a_${i}`).join(', ');
    exprs.set('attributes', `json_merge_patch(coalesce(${e('attributes')}, '{}'), json_object(${obj}))::TEXT`);
  }

  const failing = checks.length === 0 ? 'CAST(NULL AS INTEGER)' : `CASE ${checks.map((c, i) => `WHEN ${c.when} THEN ${i}`).join(' ')} END`;
  const pick = (f: (c: Check) => string) =>
    checks.length === 0 ? 'NULL' : `CASE reject_no ${checks.map((c, i) => `WHEN ${i} THEN ${f(c)}`).join(' ')} END`;
  const columns = spec.fields.map((f) => ({ name: f.name, type: stagedType(f.type) }));
  // Fields the file does not have (NULL or a constant default), the line and the reject wording
  // are virtual columns: ten million rows of one value would otherwise be written and held in
  // memory (64 MB or more each). `line` follows `row_no`; see numberStagedRowsSql.
  const defs = ['row_no BIGINT', `line BIGINT AS (row_no + ${lineOffset})`];
  const stored = ['row_no'];
  const values = ['rn'];
  for (const c of columns) {
    const expr = e(c.name);
    if (absent.get(c.name) === expr) {
      defs.push(`${c.name} ${c.type} AS (CAST(${expr} AS ${c.type}))`);
      continue;
    }
    defs.push(`${c.name} ${c.type}`);
    stored.push(c.name);
    values.push(`CAST(${expr} AS ${c.type})`);
  }
  defs.push('reject_no INTEGER', `reject_field TEXT AS (${pick((c) => sqlLiteral(c.field))})`, `reject_reason TEXT AS (${pick((c) => sqlLiteral(c.reason))})`, 'reject_value TEXT');
  stored.push('reject_no', 'reject_value');
  values.push('reject_no', `${pick((c) => (c.value === 'NULL' ? 'NULL' : `left(CAST(${c.value} AS TEXT), 200)`))}`);
  return {
    create: `CREATE OR REPLACE TEMP TABLE stg (${defs.join(', ')})`,
    sql: `INSERT INTO stg (${stored.join(', ')}) SELECT ${values.join(', ')} FROM (
      SELECT *, ${failing} AS reject_no FROM (
        SELECT *${level2.length > 0 ? `, ${level2.join(', ')}` : ''} FROM (
          SELECT ${level1.join(', ')} FROM raw) l1) l2) l3`,
    columns,
  };
}

/**
 * Numbers `stg` rows built from an unnumbered source: DuckDB keeps insertion order, so a
 * fresh table's row ids follow the file (row_no from 1, like row_number()). `line` is
 * `row_no` plus the header; where physical lines run ahead of records (multi-line fields,
 * rows the parser rejected) shiftStagedLines moves `row_no` itself, which keeps rows in order.
 */
export function numberStagedRowsSql(): string {
  return `UPDATE stg SET row_no = rowid + 1`;
}

function entityChecks(spec: EntitySpec, e: (n: string) => string, present: (f: FieldSpec) => boolean): Check[] {
  const has = (name: string) => spec.fields.some((f) => f.name === name && present(f));
  switch (spec.name) {
    case 'orders':
      return [
        { field: 'total', when: `${e('total')} < 0`, reason: 'negative total', value: `${e('total')}` },
        { field: 'discount', when: `${e('discount')} < 0`, reason: 'negative discount', value: `${e('discount')}` },
      ];
    case 'order-items':
      return [
        { field: 'quantity', when: `${e('quantity')} <= 0`, reason: 'quantity must be positive', value: `${e('quantity')}` },
        { field: 'unit_price', when: `${e('unit_price')} < 0`, reason: 'negative unit price', value: `${e('unit_price')}` },
        { field: 'amount', when: `${e('amount')} < 0`, reason: 'negative amount', value: `${e('amount')}` },
        ...(!has('unit_price') && !has('amount')
          ? []
          : [{ field: 'amount', when: `${e('amount')} IS NULL AND ${e('unit_price')} IS NULL`, reason: 'needs amount or unit_price', value: 'NULL' }]),
      ];
    case 'products':
      return [{ field: 'price', when: `${e('price')} < 0`, reason: 'negative price', value: `${e('price')}` }];
    case 'events':
      return [{
        field: 'customer_id',
        when: ['customer_id', 'email', 'phone', 'member_no', 'anonymous_id'].map((n) => `${e(n)} IS NULL`).join(' AND '),
        reason: 'no customer identifier or anonymous_id',
        value: 'NULL',
      }];
    case 'feedback':
      return [
        { field: 'score', when: `${e('type')} = 'nps' AND ${e('score')} IS NULL`, reason: 'NPS needs a score 0-10', value: 'NULL' },
        { field: 'score', when: `${e('type')} = 'nps' AND ${e('score')} NOT BETWEEN 0 AND 10`, reason: 'NPS score must be 0-10', value: `${e('score')}` },
        { field: 'score', when: `${e('type')} = 'csat' AND ${e('score')} IS NULL`, reason: 'CSAT needs a score 1-5', value: 'NULL' },
        { field: 'score', when: `${e('type')} = 'csat' AND ${e('score')} NOT BETWEEN 1 AND 5`, reason: 'CSAT score must be 1-5', value: `${e('score')}` },
      ];
    case 'customers':
      return has('platform_ids')
        ? [{
            field: 'platform_ids',
            when: `NOT list_bool_and(list_transform(string_split(${e('platform_ids')}, '|'), x -> regexp_full_match(trim(x), '[A-Za-z0-9_]+:.+')))`,
            reason: 'platform ids must be written platform:id, separated by |',
            value: e('platform_ids'),
          }]
        : [];
    default:
      return assertNever(spec.name);
  }
}

/** Defaults and derived keys, applied after the checks read the cleaned values. */
function derived(spec: EntitySpec, e: (n: string) => string, exprs: Map<string, string>): void {
  const hashOf = (names: string[]) => `'h:' || md5(concat_ws('|', ${names.map((n) => `coalesce(CAST(${e(n)} AS TEXT), '')`).join(', ')}))`;
  switch (spec.name) {
    case 'orders':
      exprs.set('discount', `coalesce(${e('discount')}, 0)`);
      return;
    case 'order-items': {
      const q = e('quantity');
      exprs.set('amount', `coalesce(${e('amount')}, ${q} * ${e('unit_price')})`);
      exprs.set('unit_price', `coalesce(${e('unit_price')}, round(${e('amount')} / nullif(${q}, 0), 2))`);
      return;
    }
    case 'events':
      exprs.set('message_id', `coalesce(${e('message_id')}, ${hashOf(['customer_id', 'email', 'phone', 'member_no', 'anonymous_id', 'event', 'occurred_at', 'properties'])})`);
      return;
    case 'feedback':
      exprs.set('feedback_id', `coalesce(${e('feedback_id')}, ${hashOf(['customer_id', 'email', 'phone', 'member_no', 'submitted_at', 'type', 'score', 'text', 'channel'])})`);
      return;
    case 'customers':
    case 'products':
      return;
    default:
      return assertNever(spec.name);
  }
}
