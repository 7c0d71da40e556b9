import { describe, expect, it } from 'vitest';

import type { LogLine } from '../../contract';
import { TimeOrderedMerge } from './time-ordered-merge';

const line = (service: string, second: number, text = `${service} ${second}`): LogLine => ({
  time: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000000000Z`,
  service,
  task: 't',
  stream: 'stdout',
  level: 'other',
  json: false,
  text,
});

describe('TimeOrderedMerge', () => {
  it('holds lines until the hold passed, then releases them in time order across services', () => {
    const merge = new TimeOrderedMerge(250);
    merge.add([line('web', 1), line('web', 3)], 1000);
    merge.add([line('api', 2), line('api', 4)], 1100);
    expect(merge.takeReady(1200)).toEqual([]);
    expect(merge.takeReady(1300).map((l) => l.text)).toEqual(['web 1', 'web 3']);
    merge.add([line('web', 5)], 1300);
    expect(merge.takeReady(1400).map((l) => l.text)).toEqual(['api 2', 'api 4']);
    expect(merge.takeAll().map((l) => l.text)).toEqual(['web 5']);
  });

  it('interleaves services that arrived within the hold, keeping equal times in arrival order', () => {
    const merge = new TimeOrderedMerge(250);
    merge.add([line('web', 1, 'first'), line('web', 3)], 0);
    merge.add([line('api', 1, 'second'), line('api', 2)], 100);
    expect(merge.takeReady(400).map((l) => l.text)).toEqual(['first', 'second', 'api 2', 'web 3']);
  });
});
