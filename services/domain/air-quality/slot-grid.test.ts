import { describe, expect, it } from 'vitest';

import { slotGrid } from './slot-grid';

describe('slotGrid', () => {
  it('interpolates irregular samples onto 10-minute slots and leaves gaps over 30 minutes empty', () => {
    const samples = [
      { timestampS: 0, co2Ppm: 600 },
      { timestampS: 1500, co2Ppm: 1100 },
      { timestampS: 3400, co2Ppm: 900 }, // 1900 s after the previous one: a gap
      { timestampS: 5200, co2Ppm: 1800 }, // exactly 1800 s after the previous one: no gap
    ];
    // Given in reverse to show the order of the input does not matter.
    expect(slotGrid(samples.reverse(), { fromS: 0, toS: 6000 })).toEqual([
      { startS: 0, co2Ppm: 600 }, // a sample exactly at the slot
      { startS: 600, co2Ppm: 800 }, // 600 + 600/1500 × (1100 − 600)
      { startS: 1200, co2Ppm: 1000 }, // 600 + 1200/1500 × 500
      { startS: 1800, co2Ppm: null },
      { startS: 2400, co2Ppm: null },
      { startS: 3000, co2Ppm: null },
      { startS: 3600, co2Ppm: 1000 }, // 900 + 200/1800 × (1800 − 900)
      { startS: 4200, co2Ppm: 1300 }, // 900 + 800/1800 × 900
      { startS: 4800, co2Ppm: 1600 }, // 900 + 1400/1800 × 900
      { startS: 5400, co2Ppm: null }, // after the last sample
    ]);
  });
});
