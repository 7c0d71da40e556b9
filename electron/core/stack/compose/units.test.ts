import { describe, expect, it } from 'vitest';

import { splitShellWords } from './shell-words';
import { parseBytes, parseDuration, parseNanoCpus } from './units';

describe('units', () => {
  it('reads Go durations as nanoseconds', () => {
    expect(parseDuration('10s')).toBe(10e9);
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('1.5h')).toBe(5400e9);
    expect(parseDuration('250ms')).toBe(250e6);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('10x')).toBeUndefined();
  });

  it('reads memory sizes in binary units', () => {
    expect(parseBytes('512M')).toBe(512 * 1024 ** 2);
    expect(parseBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('64kb')).toBe(64 * 1024);
    expect(parseBytes(1000)).toBe(1000);
    expect(parseBytes('lots')).toBeUndefined();
  });

  it('reads CPUs as nano-CPUs', () => {
    expect(parseNanoCpus('0.5')).toBe(5e8);
    expect(parseNanoCpus(2)).toBe(2e9);
    expect(parseNanoCpus('half')).toBeUndefined();
  });
});

describe('splitShellWords', () => {
  it('splits like a shell without expanding', () => {
    expect(splitShellWords(`node "a b" 'c $d' e\\ f  `)).toEqual(['node', 'a b', 'c $d', 'e f']);
    expect(splitShellWords('--prune --resolve-image never')).toEqual(['--prune', '--resolve-image', 'never']);
    expect(splitShellWords('"')).toBeUndefined();
    expect(splitShellWords('')).toEqual([]);
  });
});
