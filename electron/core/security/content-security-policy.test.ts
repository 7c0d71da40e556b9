import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy, frameAncestorsNone } from './content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the Content-Security-Policy', () => {
  const policy = directives(contentSecurityPolicy);

  it('starts from nothing and runs only the app’s own scripts', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
  });

  it('lets the page connect only to its own origin (the host’s HTTP and WebSocket), never elsewhere', () => {
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/\*|https?:|wss?:/);
  });

  it('allows no base rewrites, no form posts and no embedding', () => {
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(frameAncestorsNone).toBe("frame-ancestors 'none'");
  });
});
