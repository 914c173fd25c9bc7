// How a file's columns map onto an entity, for the import wizard: the automatic mapping of
// core/import/map-columns.ts with the caller's overrides, which column feeds which field,
// sample values, and what is still missing. Pure. Unlike mapColumns it reports a missing
// required field instead of throwing, so the wizard can show it; a bad override still throws.
import { DomainError } from '../../../core/errors.js';
import type { EntitySpec } from '../../../core/import/entities.js';
import { IGNORE_COLUMN, mapColumns } from '../../../core/import/map-columns.js';

export interface ColumnReport {
  readonly column: string;
  /** the entity field this column feeds, or null */
  readonly field: string | null;
  /** manual: chosen by an override; auto: by name or alias; attribute: kept as a custom attribute (customers); ignored */
  readonly how: 'manual' | 'auto' | 'attribute' | 'ignored';
  /** up to three distinct non-empty values from the preview rows */
  readonly samples: readonly string[];
}

export interface MappingReport {
  readonly entity: string;
  readonly columns: readonly ColumnReport[];
  /** field -> source column */
  readonly fields: Readonly<Record<string, string>>;
  readonly ignored: readonly string[];
  readonly attributes: readonly string[];
  /** required fields no column feeds */
  readonly missingRequired: readonly string[];
  /** when rows must name a customer and no identifier column is mapped: the identifier fields, one of which is needed */
  readonly missingIdentity: readonly string[];
  /** true when the import can start */
  readonly ready: boolean;
}

export function mappingReport(
  spec: EntitySpec,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
  overrides: Readonly<Record<string, string>> = {},
): MappingReport {
  checkOverrides(spec, header, overrides);
  // mapColumns throws on what is missing; the report lists it instead.
  const lenient: EntitySpec = { ...spec, needsCustomer: false, fields: spec.fields.map((f) => ({ ...f, required: false })) };
  const m = mapColumns(lenient, header, overrides);
  const fieldOf = new Map(Object.entries(m.fields).map(([field, col]) => [col, field]));
  const columns = header.map((column, i): ColumnReport => {
    const field = fieldOf.get(column) ?? null;
    const how = overrides[column] === IGNORE_COLUMN ? 'ignored' : overrides[column] !== undefined ? 'manual'
      : field !== null ? 'auto' : m.attributes.includes(column) ? 'attribute' : 'ignored';
    return { column, field, how, samples: samplesOf(rows, i) };
  });
  const missingRequired = spec.fields.filter((f) => f.required && m.fields[f.name] === undefined).map((f) => f.name);
  const identities = spec.fields.filter((f) => f.identity);
  const missingIdentity = spec.needsCustomer && !identities.some((f) => m.fields[f.name] !== undefined) ? identities.map((f) => f.name) : [];
  return {
    entity: spec.name, columns, fields: m.fields, ignored: m.ignored, attributes: m.attributes,
    missingRequired, missingIdentity, ready: missingRequired.length === 0 && missingIdentity.length === 0,
  };
}

/** The report's problem as the error an import would fail with, or null when it is ready. */
export function notReadyError(r: MappingReport): DomainError | null {
  const field = r.missingRequired[0];
  if (field !== undefined) {
    return new DomainError('invalid_input', `${r.entity}: no column is mapped to the required field(s) ${r.missingRequired.join(', ')}`, field);
  }
  if (r.missingIdentity.length > 0) {
    return new DomainError('invalid_input', `${r.entity}: rows must name the customer: map a column to one of ${r.missingIdentity.join(', ')}`, r.missingIdentity[0]);
  }
  return null;
}

function checkOverrides(spec: EntitySpec, header: readonly string[], overrides: Readonly<Record<string, string>>): void {
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(overrides)) {
    const at = `map.${column}`;
    if (!header.includes(column)) throw new DomainError('invalid_input', `the file has no column "${column}" (columns: ${header.join(', ')})`, at);
    if (field === IGNORE_COLUMN) continue;
    if (!spec.fields.some((f) => f.name === field)) {
      throw new DomainError('invalid_input', `"${field}" is not a field of ${spec.name} (fields: ${spec.fields.map((f) => f.name).join(', ')})`, at);
    }
    const other = seen.get(field);
    if (other !== undefined) throw new DomainError('invalid_input', `field "${field}" is mapped from two columns, "${other}" and "${column}"`, at);
    seen.set(field, column);
  }
}

function samplesOf(rows: ReadonlyArray<ReadonlyArray<string | null>>, i: number): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    const v = r[i];
    if (v !== null && v !== undefined && v.trim() !== '') out.add(v.length > 60 ? `${v.slice(0, 57)}...` : v);
    if (out.size === 3) break;
  }
  return [...out];
}
