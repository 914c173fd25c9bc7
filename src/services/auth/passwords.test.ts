import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('hashes with scrypt and a per-password salt, never storing the password', async () => {
    const [a, b] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toContain('correct');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
  });

  it('generates strong passwords and enforces a minimum length', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[a-zA-Z2-9]{20}$/);
    expect(generatePassword()).not.toBe(p);
    expect(() => checkPasswordPolicy('short')).toThrow(/at least 10/);
  });
});
