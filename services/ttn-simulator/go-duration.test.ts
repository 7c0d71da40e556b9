import { describe, expect, it } from 'vitest';

import { parseGoDuration } from './go-duration';

describe('parseGoDuration', () => {
  it.each([
    ['10m', 600_000],
    ['12h', 43_200_000],
    ['168h', 604_800_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1_500],
    ['250ms', 250],
  ])('%s is %s ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(['7d', '', '12', 'h', '-1h', '1 h'])('rejects %j: no day unit, no sign, no unitless numbers', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
