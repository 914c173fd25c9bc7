// OneID normalisation: the same person written different ways must give the same key.
// The SQL used by bulk import (services/import/identity-sql.ts) mirrors these rules and a
// contract test checks both agree.

export const IDENTITY_KINDS = [
  'external_id',
  'email',
  'phone',
  'member_no',
  'wechat_openid',
  'wechat_unionid',
  'anonymous_id',
] as const;
export type BuiltinIdentityKind = (typeof IDENTITY_KINDS)[number];
/** Other platforms' ids are stored as `platform:<name>`, e.g. `platform:taobao`. */
export type IdentityKind = BuiltinIdentityKind | `platform:${string}`;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(raw: string): string | null {
  const v = raw.trim().toLowerCase();
  return EMAIL_RE.test(v) ? v : null;
}

/**
 * Phones to E.164 with +86 (mainland China) as the default country: `+86 138-0013-8000`,
 * `13800138000`, `8613800138000` and `008613800138000` are one number. Null when the text
 * cannot be a dialable number. Rules, in order (mirrored in SQL by the bulk importer):
 * `+` keeps the digits as given; `00` is the international prefix; 11 digits starting with 1
 * are a mainland mobile; 13 digits starting with 861 already carry the country code; 10-12
 * digits starting with 0 are a mainland landline with its trunk 0.
 */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = digits;
  else if (digits.startsWith('00')) e164 = digits.slice(2);
  else if (digits.length === 11 && digits.startsWith('1')) e164 = `86${digits}`;
  else if (digits.length === 13 && digits.startsWith('861')) e164 = digits;
  else if (digits.length >= 10 && digits.length <= 12 && digits.startsWith('0')) e164 = `86${digits.slice(1)}`;
  else return null;
  if (e164.length < 8 || e164.length > 15 || e164.startsWith('0')) return null;
  if (e164.startsWith('861') && e164.length !== 13) return null;
  return `+${e164}`;
}

/** Trim; empty means absent. */
export function normalizeId(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const v = raw.trim();
  return v.length > 0 ? v : null;
}

export function normalizeIdentity(kind: IdentityKind, raw: string): string | null {
  switch (kind) {
    case 'email':
      return normalizeEmail(raw);
    case 'phone':
      return normalizePhone(raw);
    default:
      return normalizeId(raw);
  }
}

export function isIdentityKind(kind: string): kind is IdentityKind {
  return (IDENTITY_KINDS as readonly string[]).includes(kind) || /^platform:[a-z0-9_]+$/.test(kind);
}
