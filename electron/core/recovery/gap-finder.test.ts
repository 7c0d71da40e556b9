import { describe, expect, it } from 'vitest';

import { findSampleGaps, missingFrameCounters, rangesToFetch, usualIntervalS } from './gap-finder';

const window = { fromS: 0, toS: 10_000 };
const every = (fromS: number, toS: number, stepS: number) =>
  Array.from({ length: Math.floor((toS - fromS) / stepS) + 1 }, (_, i) => fromS + i * stepS);

describe('the gap finder', () => {
  it('takes the median spacing as the interval, and the fallback for too few samples', () => {
    expect(usualIntervalS([0, 100, 200, 300, 5000], 600)).toBe(100);
    expect(usualIntervalS([0, 100], 600)).toBe(600);
  });

  it('finds a stretch longer than one and a half intervals, and counts what it should have held', () => {
    const times = [...every(0, 3000, 100), ...every(4000, 10_000, 100)];
    expect(findSampleGaps(times, window, 100)).toEqual([{ fromS: 3000, toS: 4000, expectedSamples: 9 }]);
    // One late uplink is no gap.
    expect(findSampleGaps([...every(0, 3000, 100), ...every(3140, 10_000, 100)], window, 100)).toEqual([]);
  });

  it('treats a device silent for the whole window as one gap, and a silent start as a gap', () => {
    expect(findSampleGaps([], window, 100)).toEqual([{ fromS: 0, toS: 10_000, expectedSamples: 99 }]);
    expect(findSampleGaps(every(2000, 10_000, 100), window, 100)).toEqual([
      { fromS: 0, toS: 2000, expectedSamples: 19 },
    ]);
  });

  it('gives the window end time for the next uplink to be due, but not forever', () => {
    expect(findSampleGaps(every(0, 9700, 100), window, 100)).toEqual([]);
    expect(findSampleGaps(every(0, 9000, 100), window, 100)).toEqual([
      { fromS: 9000, toS: 10_000, expectedSamples: 9 },
    ]);
  });

  it('fetches each gap to one interval past its end (a later uplink may carry its samples), merged across devices', () => {
    const devices = [
      { intervalS: 100, gaps: [{ fromS: 1000, toS: 2000, expectedSamples: 9 }] },
      {
        intervalS: 300,
        gaps: [
          { fromS: 1500, toS: 2500, expectedSamples: 2 },
          { fromS: 9000, toS: 10_000, expectedSamples: 2 },
        ],
      },
    ];
    expect(rangesToFetch(devices, window)).toEqual([
      { fromS: 999, toS: 2800 },
      { fromS: 8999, toS: 10_000 },
    ]);
  });

  it('counts frame counters missing between stored uplinks, and a re-join as none', () => {
    expect(missingFrameCounters([1, 2, 3, 7, 8, 10])).toEqual([
      { from: 4, to: 6 },
      { from: 9, to: 9 },
    ]);
    expect(missingFrameCounters([41, 42, 0, 1, 2])).toEqual([]);
    expect(missingFrameCounters([5, 5, 6])).toEqual([]);
  });
});
