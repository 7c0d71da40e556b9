import { describe, expect, it } from 'vitest';

import { isTrustedSender } from './app-origin';

describe('isTrustedSender', () => {
  it("trusts our app page's main frame", () => {
    expect(isTrustedSender('app://clair/index.html', true)).toBe(true);
  });

  it('refuses subframes, other origins, file URLs and garbage', () => {
    expect(isTrustedSender('app://clair/index.html', false)).toBe(false);
    expect(isTrustedSender('app://evil/index.html', true)).toBe(false);
    expect(isTrustedSender('https://clair/index.html', true)).toBe(false);
    expect(isTrustedSender('file:///work/main/build/renderer/index.html', true)).toBe(false);
    expect(isTrustedSender('not a url', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});
