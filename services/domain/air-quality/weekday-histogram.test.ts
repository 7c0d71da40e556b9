import { describe, expect, it } from 'vitest';

import { analyseRoomAirQuality, type RoomAirQuality } from './room-air-quality';
import type { TimeRange } from './ranges';
import { slotGrid, type Co2Sample } from './slot-grid';
import { validHours } from './weekday-histogram';

const at = (iso: string) => Date.parse(iso) / 1000;

/** A sample every 10 minutes over the range, valued by `ppmAt(timestampS)`, except where it gives undefined. */
function series(range: TimeRange, ppmAt: (timestampS: number) => number | undefined): Co2Sample[] {
  const samples: Co2Sample[] = [];
  for (let timestampS = range.fromS; timestampS < range.toS; timestampS += 600) {
    const co2Ppm = ppmAt(timestampS);
    if (co2Ppm !== undefined) samples.push({ timestampS, co2Ppm });
  }
  return samples;
}

/** 400 ppm plus 10 ppm per UTC hour of the day: each hour's value names the UTC hour it was measured in. */
const byUtcHour = (timestampS: number) => 400 + 10 * new Date(timestampS * 1000).getUTCHours();

function analysed(result: RoomAirQuality) {
  if (result.status !== 'analysed') throw new Error('expected an analysis');
  return result;
}

describe('the weekday × hour histogram', () => {
  it('puts both 02:00 hours of Sunday 25 October 2026 (CEST, then CET) into hour 2 of a 25-hour day', () => {
    const range = { fromS: at('2026-10-25T00:00:00+02:00'), toS: at('2026-10-26T00:00:00+01:00') };
    // Local 00:00 = 22:00 UTC (620 ppm), 01:00 = 23:00 UTC (630), the first 02:00 = 00:00 UTC (400),
    // the second 02:00 = 01:00 UTC (410), 03:00 = 02:00 UTC (420), …, 23:00 = 22:00 UTC (620).
    const result = analysed(analyseRoomAirQuality(series(range, byUtcHour), range, { includeHistogram: true }));
    expect(result.days.map(({ date, durationS, gapS }) => ({ date, durationS, gapS }))).toEqual([
      { date: '2026-10-25', durationS: 90000, gapS: 0 },
    ]);
    const sunday = result.airqHist?.Su ?? [];
    expect(sunday).toHaveLength(24);
    expect(sunday.slice(0, 5)).toEqual([620, 630, 405, 420, 430]); // hour 2: (400 + 410) / 2
    expect(sunday[23]).toBe(620);
    expect(result.airqHist?.Sa).toEqual([]);
  });

  it('labels the hours of Sunday 29 March 2026 0, 1, 3 … 23 and has no Sunday for that day alone', () => {
    const range = { fromS: at('2026-03-29T00:00:00+01:00'), toS: at('2026-03-30T00:00:00+02:00') };
    const samples = series(range, byUtcHour);
    expect(validHours(slotGrid(samples, range)).map(({ weekday, hour }) => `${weekday}:${hour}`)).toEqual([
      '6:0',
      '6:1',
      ...Array.from({ length: 21 }, (_, i) => `6:${i + 3}`),
    ]);
    const result = analysed(analyseRoomAirQuality(samples, range, { includeHistogram: true }));
    expect(result.days[0]?.durationS).toBe(82800);
    // The original's rule: a weekday needs all 24 hours, and this Sunday has no 02:00.
    expect(result.airqHist?.Su).toEqual([]);
  });

  it('averages the two Sundays of 22 and 29 March 2026 hour by hour, in local time', () => {
    const range = { fromS: at('2026-03-22T00:00:00+01:00'), toS: at('2026-03-30T00:00:00+02:00') };
    const result = analysed(analyseRoomAirQuality(series(range, byUtcHour), range, { includeHistogram: true }));
    expect(result.days.map((day) => day.durationS)).toEqual([...Array<number>(7).fill(86400), 82800]);
    // 22 March (CET): local h = UTC h − 1. 29 March: 00:00 and 01:00 are CET, from 03:00 on CEST (UTC h − 2).
    // Hour 0: 630 and 630; hour 1: 400 and 400; hour 2: 410 on the 22nd only; hour 3: 420 and 410;
    // hour 23: 620 and 610.
    const sunday = result.airqHist?.Su ?? [];
    expect(sunday.slice(0, 4)).toEqual([630, 400, 410, 415]);
    expect(sunday[23]).toBe(615);
    // Monday 23 March, CET throughout: hour 5 = 04:00 UTC.
    expect(result.airqHist?.Mo[5]).toBe(440);
  });

  it('leaves out an hour with an empty slot, and so the whole weekday', () => {
    // Monday 5 January 2026 (CET). Without the samples of 10:10…10:30 local, those of 10:00 and 10:40
    // are 40 min apart, so slots 10:10…10:30 are empty and hour 10 is incomplete.
    const range = { fromS: at('2026-01-05T00:00:00+01:00'), toS: at('2026-01-06T00:00:00+01:00') };
    const holeFromS = at('2026-01-05T10:10:00+01:00');
    const samples = series(range, (t) => (t >= holeFromS && t <= holeFromS + 1200 ? undefined : 600));
    const hours = validHours(slotGrid(samples, range)).map((hour) => hour.hour);
    expect(hours).toHaveLength(23);
    expect(hours).not.toContain(10);
    const result = analysed(analyseRoomAirQuality(samples, range, { includeHistogram: true }));
    expect(result.airqHist?.Mo).toEqual([]);
  });

  it('is left out unless asked for', () => {
    const range = { fromS: at('2026-01-05T00:00:00+01:00'), toS: at('2026-01-06T00:00:00+01:00') };
    const result = analysed(
      analyseRoomAirQuality(
        series(range, () => 600),
        range,
        { includeHistogram: false },
      ),
    );
    expect(result).not.toHaveProperty('airqHist');
    const withHistogram = analysed(
      analyseRoomAirQuality(
        series(range, () => 600),
        range,
        { includeHistogram: true },
      ),
    );
    expect(withHistogram.airqHist?.Mo).toEqual(Array<number>(24).fill(600));
  });
});
