import { scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { hashPassword, needsRehash, verifyPassword } from './password-hash';

interface FixtureRecord {
  model: string;
  fields: { username?: string; password?: string };
}

const fixtureFile = new URL('../../fixtures/original/user-fixtures.json', import.meta.url);
const storedHashes = new Map(
  (JSON.parse(readFileSync(fixtureFile, 'utf8')) as FixtureRecord[])
    .filter((record) => record.model === 'auth.user')
    .map((record) => [record.fields.username, record.fields.password ?? ''] as const),
);

describe('password hashes', () => {
  it.each([
    ['admin', 'admin'],
    ['tomTester', 'test'],
    ['veraVersuch', 'versuch'],
    ['horstHilfsarbeiter', 'horst'],
    ['annaAngestellte', 'anna'],
    ['ingoInspekteur', 'ingo'],
    ['priskaPrueferin', 'priska'],
  ])("verify the original fixtures' Django hash of %s", async (username, password) => {
    const stored = storedHashes.get(username) ?? '';
    expect(stored).toMatch(/^pbkdf2_sha256\$/);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password}x`, stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('hash new passwords with scrypt and a fresh salt, and verify them', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
    expect(needsRehash(first)).toBe(false);
    // Five scrypt runs of 32 MiB each: well under a second alone, slower on a busy 2-core machine.
  }, 30_000);

  it('verify scrypt hashes of older settings, and ask to re-hash them', async () => {
    // N = 2^14, r = 8, p = 1, Django's scrypt settings; "c2FsdHNhbHQ=" is "saltsalt".
    const key = scryptSync('geheim-und-lang', Buffer.from('saltsalt'), 32, { N: 2 ** 14, r: 8, p: 1 });
    const older = `scrypt$16384$8$1$c2FsdHNhbHQ=$${key.toString('base64')}`;
    expect(await verifyPassword('geheim-und-lang', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['unusable (Django "!")', '!Xk3dPq9'],
    ['unknown algorithm', 'argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA'],
    ['missing field', 'pbkdf2_sha256$216000$mYzrVXAoSvy9'],
    ['non-numeric iterations', 'pbkdf2_sha256$many$mYzrVXAoSvy9$bKIk5us46JWunifjotmunlWLAieUXY3Lt4e7V67fy4E='],
    ['zero iterations', 'pbkdf2_sha256$0$mYzrVXAoSvy9$bKIk5us46JWunifjotmunlWLAieUXY3Lt4e7V67fy4E='],
    ['truncated hash', 'pbkdf2_sha256$216000$mYzrVXAoSvy9$bKIk5us46JWu'],
    ['hash not base64', 'pbkdf2_sha256$216000$mYzrVXAoSvy9$!!!!'],
    ['scrypt N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['scrypt asking for gigabytes', 'scrypt$1073741824$8$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['scrypt with an empty key', 'scrypt$16384$8$1$c2FsdHNhbHQ=$A'],
  ])('refuse a malformed encoding (%s) without throwing', async (_case, encoded) => {
    await expect(verifyPassword('admin', encoded)).resolves.toBe(false);
    expect(needsRehash(encoded)).toBe(true);
  });
});
