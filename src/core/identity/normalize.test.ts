import { describe, expect, it } from 'vitest';
import { isIdentityKind, normalizeEmail, normalizeIdentity, normalizePhone } from './normalize.js';

describe('normalizePhone', () => {
  it('treats the common ways of writing one mainland mobile as one number', () => {
    for (const raw of ['+86 138-0013-8000', '13800138000', '8613800138000', '008613800138000', ' 138 0013 8000 ', '+8613800138000']) {
      expect(normalizePhone(raw), raw).toBe('+8613800138000');
    }
  });
  it('keeps foreign numbers given with + and landlines with a trunk 0', () => {
    expect(normalizePhone('+1 (415) 555-2671')).toBe('+14155552671');
    expect(normalizePhone('021-6234-5678')).toBe('+862162345678');
  });
  it('rejects what cannot be a phone', () => {
    for (const raw of ['', 'abc', '12345', '+86 138 0013', '+8612345678901234', '1380013800']) {
      expect(normalizePhone(raw), raw).toBeNull();
    }
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Li.Lei@Example.COM ')).toBe('li.lei@example.com');
  });
  it('rejects malformed addresses', () => {
    expect(normalizeEmail('not-an-email')).toBeNull();
    expect(normalizeEmail('a@b')).toBeNull();
  });
});

describe('identity kinds', () => {
  it('accepts built-in kinds and platform ids', () => {
    expect(isIdentityKind('email')).toBe(true);
    expect(isIdentityKind('platform:taobao')).toBe(true);
    expect(isIdentityKind('platform:Tao Bao')).toBe(false);
    expect(isIdentityKind('ssn')).toBe(false);
    expect(normalizeIdentity('member_no', '  M001 ')).toBe('M001');
  });
});
