import { describe, expect, it } from 'vitest';

import { contentHashedName, withNamespace } from './names';

describe('stack object names', () => {
  it('names a secret by the first 12 hex digits of its content hash', () => {
    // sha256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
    expect(contentHashedName('engx', 'token', Buffer.from('hello'))).toBe('engx_token_2cf24dba5fb0');
  });

  it('adds the namespace label the docker CLI looks for', () => {
    expect(withNamespace('engx', { a: 'b' })).toEqual({ a: 'b', 'com.docker.stack.namespace': 'engx' });
  });
});
