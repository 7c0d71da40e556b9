import { describe, expect, it } from 'vitest';

import { maskEnvironment } from './service-actions';

describe('maskEnvironment', () => {
  it('masks the values of secret-like names only', () => {
    expect(
      maskEnvironment([
        'DB_PASSWORD=hunter2',
        'API_TOKEN=t',
        'TTN_API_KEY=k',
        'COOKIE_SECRET=s',
        'KEYBOARD=us',
        'FLAG',
        'ROLE=a=b',
      ]),
    ).toEqual([
      'DB_PASSWORD=<masked>',
      'API_TOKEN=<masked>',
      'TTN_API_KEY=<masked>',
      'COOKIE_SECRET=<masked>',
      'KEYBOARD=us',
      'FLAG',
      'ROLE=a=b',
    ]);
  });
});
