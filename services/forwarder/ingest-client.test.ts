import { describe, expect, it } from 'vitest';

import { retryAfterMs } from './ingest-client';

describe('retryAfterMs', () => {
  it('reads seconds, as ingestair sends them', () => {
    expect(retryAfterMs('5')).toBe(5000);
  });

  it('reads an HTTP date as the time left until then', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterMs(inTenSeconds)).toBeGreaterThan(8_000);
    expect(retryAfterMs(inTenSeconds)).toBeLessThanOrEqual(10_000);
  });

  it('ignores a missing or unreadable header', () => {
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
