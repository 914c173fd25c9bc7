// Maps a file's header onto an entity's canonical fields: exact names first, then aliases,
// then `--map source=field` overrides (`source=-` leaves a column out). Pure: the caller reads
// the header.
import { DomainError } from '../errors.js';
import type { EntitySpec } from './entities.js';

export interface ColumnMapping {
  /** canonical field -> source column name as written in the file */
  readonly fields: Readonly<Record<string, string>>;
  /** source columns kept as custom attributes (customers only) */
  readonly attributes: readonly string[];
  /** source columns that matched nothing and are ignored */
  readonly ignored: readonly string[];
}

/** Header text compared without case, spaces, underscores, hyphens or a BOM. */
export function headerKey(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-.()（）]/g, '');
}

/** The override target that leaves a column out: `--map 备注=-`. */
export const IGNORE_COLUMN = '-';

export function parseMapOverrides(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      throw new DomainError('invalid_input', `--map expects source=field, got "${pair}"`, 'map');
    }
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

export function mapColumns(spec: EntitySpec, header: readonly string[], overrides: Readonly<Record<string, string>> = {}): ColumnMapping {
  const fieldNames = new Set(spec.fields.map((f) => f.name));
  const byKey = new Map<string, string>();
  // Aliases first so that an exact canonical name always wins over an alias of another field.
  for (const f of spec.fields) for (const a of f.aliases) if (!byKey.has(headerKey(a))) byKey.set(headerKey(a), f.name);
  for (const f of spec.fields) byKey.set(headerKey(f.name), f.name);

  const fields: Record<string, string> = {};
  const claimed = new Set<string>();
  const skipped: string[] = [];
  for (const [source, field] of Object.entries(overrides)) {
    if (field === IGNORE_COLUMN) {
      if (!header.includes(source)) {
        throw new DomainError('invalid_input', `--map ${source}=${field}: the file has no column "${source}" (columns: ${header.join(', ')})`, 'map');
      }
      claimed.add(source);
      skipped.push(source);
      continue;
    }
    if (!fieldNames.has(field)) {
      throw new DomainError('invalid_input', `--map ${source}=${field}: "${field}" is not a field of ${spec.name} (fields: ${[...fieldNames].join(', ')})`, 'map');
    }
    if (!header.includes(source)) {
      throw new DomainError('invalid_input', `--map ${source}=${field}: the file has no column "${source}" (columns: ${header.join(', ')})`, 'map');
    }
    fields[field] = source;
    claimed.add(source);
  }
  const attributes: string[] = [];
  const ignored: string[] = [];
  for (const col of header) {
    if (skipped.includes(col)) ignored.push(col);
    if (claimed.has(col)) continue;
    const field = byKey.get(headerKey(col));
    if (field !== undefined && fields[field] === undefined) {
      fields[field] = col;
    } else if (col.trim() === '') {
      ignored.push(col);
    } else if (spec.extraColumnsToAttributes && field === undefined) {
      attributes.push(col);
    } else {
      ignored.push(col);
    }
  }
  const missing = spec.fields.filter((f) => f.required && fields[f.name] === undefined).map((f) => f.name);
  if (missing.length > 0) {
    throw new DomainError('invalid_input', `${spec.name} file lacks required column(s) ${missing.join(', ')}; columns found: ${header.join(', ')} (use --map source=field)`, missing[0]);
  }
  if (spec.needsCustomer && !spec.fields.some((f) => f.identity && fields[f.name] !== undefined)) {
    const ids = spec.fields.filter((f) => f.identity).map((f) => f.name);
    throw new DomainError('invalid_input', `${spec.name} file needs a column naming the customer (${ids.join(', ')}); columns found: ${header.join(', ')}`, ids[0]);
  }
  return { fields, attributes, ignored };
}
