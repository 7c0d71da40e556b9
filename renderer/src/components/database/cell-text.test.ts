import { describe, expect, it } from 'vitest';

import { cellFullText, cellText } from './cell-text';

describe('cellText', () => {
  it('marks NULL, puts JSON on one line and spells out UTC timestamps', () => {
    expect(cellText(null)).toEqual({ text: 'NULL', kind: 'null' });
    expect(cellText({ tier: 1, tags: ['a'] }, 'jsonb')).toEqual({ text: '{"tier":1,"tags":["a"]}', kind: 'json' });
    expect(cellText('2024-05-02T10:00:00.123456Z', 'timestamp with time zone')).toEqual({
      text: '2024-05-02 10:00:00.123456 UTC',
      kind: 'time',
    });
    expect(cellText('2024-05-02T12:00:00+02:00')).toEqual({ text: '2024-05-02 12:00:00+02:00', kind: 'time' });
    expect(cellText('12345678901234567890', 'bigint')).toEqual({ text: '12345678901234567890', kind: 'number' });
    expect(cellText(true)).toEqual({ text: 'true', kind: 'number' });
    expect(cellText('x'.repeat(600)).text).toHaveLength(501);
  });

  it('gives the full value for editing: JSON indented, NULL empty', () => {
    expect(cellFullText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(cellFullText(null)).toBe('');
    expect(cellFullText(42)).toBe('42');
  });
});
