import { describe, expect, it } from 'vitest';

import { bearerTokenChecker } from './bearer-token';

describe('bearerTokenChecker', () => {
  const check = bearerTokenChecker('s3cret-token-for-tests');

  it('accepts the right token in a Bearer header, whatever the scheme case', () => {
    expect(check('Bearer s3cret-token-for-tests')).toBe(true);
    expect(check('bearer s3cret-token-for-tests')).toBe(true);
  });

  it('refuses a missing header, another scheme, a wrong, a longer or a shorter token', () => {
    expect(check(undefined)).toBe(false);
    expect(check('')).toBe(false);
    expect(check('Basic s3cret-token-for-tests')).toBe(false);
    expect(check('Bearer s3cret-token-for-test')).toBe(false);
    expect(check('Bearer s3cret-token-for-tests2')).toBe(false);
    expect(check('Bearer wrong')).toBe(false);
    expect(check('s3cret-token-for-tests')).toBe(false);
  });
});
