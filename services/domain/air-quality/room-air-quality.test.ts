import { describe, expect, it } from 'vitest';

import { clipToInstallation } from './ranges';
import { analyseRoomAirQuality } from './room-air-quality';
import type { Co2Sample } from './slot-grid';

// Ten winter days, Monday 5 to Thursday 15 January 2026 in Berlin (CET, no clock change): 10 × 144 slots.
const fromS = Date.parse('2026-01-05T00:00:00+01:00') / 1000;
const range = { fromS, toS: fromS + 10 * 86400 };

/**
 * One sample at the start of every 10-minute slot of the range, so that each slot's value is
 * exactly its sample's. `ppmAt(day, slot)` gives the value of slot 0…143 of day 0…9, or
 * undefined to leave that sample out.
 */
function series(ppmAt: (day: number, slot: number) => number | undefined): Co2Sample[] {
  const samples: Co2Sample[] = [];
  for (let day = 0; day < 10; day++) {
    for (let slot = 0; slot < 144; slot++) {
      const co2Ppm = ppmAt(day, slot);
      if (co2Ppm !== undefined) samples.push({ timestampS: fromS + day * 86400 + slot * 600, co2Ppm });
    }
  }
  return samples;
}

const analyse = (samples: Co2Sample[]) => analyseRoomAirQuality(samples, range, { includeHistogram: false });
const medalOf = (samples: Co2Sample[]) => {
  const result = analyse(samples);
  if (result.status !== 'analysed') throw new Error('expected an analysis');
  return result.cleanAirMedal ? { cleanAirMedal: true } : { cleanAirMedal: false, refusal: result.refusal };
};

describe('the clean-air medal', () => {
  it('is awarded to a room at a steady 600 ppm, which the original (excess_score >= 0) refused', () => {
    const result = analyse(series(() => 600));
    expect(result).toMatchObject({ status: 'analysed', cleanAirMedal: true });
    if (result.status !== 'analysed') return;
    expect(result.days).toHaveLength(10);
    expect(result.days[0]).toEqual({
      date: '2026-01-05',
      durationS: 86400,
      gapS: 0,
      isValid: true,
      stats: {
        maxPpm: 600,
        meanPpm: 600,
        excessDurationS: 0,
        meanExcessPpm: 0,
        excessRate: 0,
        excessScore: 0,
      },
    });
  });

  it('is refused to a room at a steady 1800 ppm: every day scores 300 ppm × 100 % ≥ 150', () => {
    expect(medalOf(series(() => 1800))).toEqual({ cleanAirMedal: false, refusal: 'excess-score-too-high-on-a-day' });
  });

  describe('at the thresholds', () => {
    it('refuses a single slot of exactly 2000 ppm and accepts 1999 ppm', () => {
      expect(medalOf(series((day, slot) => (day === 3 && slot === 60 ? 2000 : 600)))).toEqual({
        cleanAirMedal: false,
        refusal: 'bad-air-on-a-day',
      });
      // 1999 ppm in one slot: score 499 × 1/144 ≈ 3.5, one day with excess of ten.
      expect(medalOf(series((day, slot) => (day === 3 && slot === 60 ? 1999 : 600)))).toEqual({ cleanAirMedal: true });
    });

    it('refuses a day scoring exactly 150 and accepts one scoring just under', () => {
      // 72 of 144 slots at 1800 ppm: mean excess 300 × rate 72/144 = 150.
      expect(medalOf(series((day, slot) => (day === 0 && slot < 72 ? 1800 : 600)))).toEqual({
        cleanAirMedal: false,
        refusal: 'excess-score-too-high-on-a-day',
      });
      // 71 slots: 300 × 71/144 ≈ 147.9, and one day with excess of ten.
      expect(medalOf(series((day, slot) => (day === 0 && slot < 71 ? 1800 : 600)))).toEqual({ cleanAirMedal: true });
    });

    it('refuses 3 of 10 days with any excess (30 %) and accepts 2', () => {
      // One slot at 1600 ppm on a day: score 100 × 1/144 > 0.
      expect(medalOf(series((day, slot) => (day < 3 && slot === 80 ? 1600 : 600)))).toEqual({
        cleanAirMedal: false,
        refusal: 'too-many-days-with-excess',
      });
      expect(medalOf(series((day, slot) => (day < 2 && slot === 80 ? 1600 : 600)))).toEqual({ cleanAirMedal: true });
    });

    it('counts exactly 1500 ppm as excess time but not as an excess day: its score is 0', () => {
      const result = analyse(series((_day, slot) => (slot === 80 ? 1500 : 600)));
      expect(result).toMatchObject({ status: 'analysed', cleanAirMedal: true });
      if (result.status !== 'analysed') return;
      expect(result.days[0]?.stats).toMatchObject({ excessDurationS: 600, meanExcessPpm: 0, excessScore: 0 });
    });

    it('refuses 5 of 10 valid days (50 %) and accepts 6 (60 %)', () => {
      expect(medalOf(series((day) => (day < 5 ? 600 : undefined)))).toEqual({
        cleanAirMedal: false,
        refusal: 'too-few-valid-days',
      });
      expect(medalOf(series((day) => (day < 6 ? 600 : undefined)))).toEqual({ cleanAirMedal: true });
    });

    it('keeps a day missing exactly an hour valid and one missing 70 minutes invalid', () => {
      // Leaving out slots 61…66 puts 70 min between the samples of slots 60 and 67: 6 empty slots = 3600 s.
      // Leaving out 61…67 gives 7 empty slots = 4200 s.
      const result = analyse(
        series((day, slot) =>
          (day === 0 && slot > 60 && slot < 67) || (day === 1 && slot > 60 && slot < 68) ? undefined : 600,
        ),
      );
      if (result.status !== 'analysed') throw new Error('expected an analysis');
      expect(result.days.slice(0, 2).map(({ gapS, isValid }) => ({ gapS, isValid }))).toEqual([
        { gapS: 3600, isValid: true },
        { gapS: 4200, isValid: false },
      ]);
    });

    it('bridges a 30-minute hole between samples by interpolation, so it is no gap', () => {
      // Without slots 61 and 62, the samples of slots 60 and 63 are 30 min apart: not more than MAX_GAP.
      const result = analyse(series((day, slot) => (day === 0 && (slot === 61 || slot === 62) ? undefined : 600)));
      if (result.status !== 'analysed') throw new Error('expected an analysis');
      expect(result.days[0]?.gapS).toBe(0);
    });
  });

  it('weights by time: a burst of 100 samples at 1900 ppm within two minutes moves no 10-minute slot', () => {
    // The burst lies strictly between the samples of 10:00 and 10:10, each of which sets its own slot.
    const burst = Array.from({ length: 100 }, (_, i) => ({ timestampS: fromS + 60 * 600 + 5 + i, co2Ppm: 1900 }));
    const result = analyse([...series(() => 600), ...burst]);
    expect(result).toMatchObject({ status: 'analysed', cleanAirMedal: true });
    if (result.status !== 'analysed') return;
    expect(result.days[0]?.stats).toMatchObject({ maxPpm: 600, meanPpm: 600 });
  });

  it('ignores the samples a node took after it moved on, once they are clipped to the installation', () => {
    // Node A is in the room for days 0…5, then in a stuffy room at 2500 ppm; node B takes over from day 6.
    const day6S = fromS + 6 * 86400;
    const nodeA = series((day) => (day < 6 ? 600 : 2500));
    const nodeB = series((day) => (day < 6 ? undefined : 650));
    const roomSamples = [
      ...clipToInstallation(nodeA, { fromS, toS: day6S - 1 }),
      ...clipToInstallation(nodeB, { fromS: day6S, toS: 2147483647 }),
    ];
    expect(medalOf(roomSamples)).toEqual({ cleanAirMedal: true });
    // What the original did: both nodes' samples over the whole range.
    expect(medalOf([...nodeA, ...nodeB])).toEqual({ cleanAirMedal: false, refusal: 'bad-air-on-a-day' });
  });
});

describe('an empty range', () => {
  it.each([
    ['no samples at all', [], range],
    [
      'samples only outside the range',
      [
        { timestampS: fromS - 600, co2Ppm: 600 },
        { timestampS: range.toS, co2Ppm: 600 },
      ],
      range,
    ],
    ['a range of no length', [{ timestampS: fromS, co2Ppm: 600 }], { fromS, toS: fromS }],
  ])('gives "no data" for %s, without throwing', (_case, samples, asked) => {
    expect(analyseRoomAirQuality(samples, asked, { includeHistogram: true })).toEqual({
      status: 'no-data',
      fromTimestampS: asked.fromS,
      toTimestampS: asked.toS,
    });
  });
});
