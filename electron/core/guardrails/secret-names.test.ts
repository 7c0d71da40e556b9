import { describe, expect, it } from 'vitest';

import { looksSecret } from './secret-names';

describe('looksSecret', () => {
  it('knows credentials by a word of their name, in any case', () => {
    for (const name of ['DB_PASSWORD', 'API_TOKEN', 'TTN_API_KEY', 'cookie_secret', 'AWS_CREDENTIALS', 'SECRET'])
      expect(looksSecret(name), name).toBe(true);
  });

  it('leaves names that only contain such letters alone', () => {
    for (const name of ['KEYBOARD', 'MONKEY', 'TOKENIZER_MODE', 'CLAIR_DOMAIN', 'ROLE'])
      expect(looksSecret(name), name).toBe(false);
  });
});
