import { describe, expect, it } from 'vitest';

import { OPEN_END_S, resolveRange } from './series-types';

describe('resolveRange', () => {
  it('defaults to [0, now] like the original', () => {
    expect(resolveRange({}, 1_700_000_000)).toEqual({ from: 0, to: 1_700_000_000 });
    expect(resolveRange({ from: 5, to: 9 }, 1_700_000_000)).toEqual({ from: 5, to: 9 });
  });

  it('rejects fractional, negative and out-of-range seconds', () => {
    expect(() => resolveRange({ from: 1.5 }, 10)).toThrow(RangeError);
    expect(() => resolveRange({ to: -1 }, 10)).toThrow(RangeError);
    expect(() => resolveRange({ to: OPEN_END_S + 1 }, 10)).toThrow(RangeError);
  });
});
