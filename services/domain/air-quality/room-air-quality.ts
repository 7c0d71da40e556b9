import { cleanAirMedal, dailyMetrics, type DayMetrics, type MedalDecision } from './clean-air-medal';
import type { TimeRange } from './ranges';
import { type Co2Sample, slotGrid } from './slot-grid';
import { validHours, type WeekdayHistogram, weekdayHistogram } from './weekday-histogram';

/**
 * The `room-airquality` analysis of one range (original-clair.md §3.6, attributes in §3.3.4), or
 * a plain "no data" where the original crashed with HTTP 500 on an empty range (§8 item 2).
 */
export type RoomAirQuality =
  | { status: 'no-data'; fromTimestampS: number; toTimestampS: number }
  | ({
      status: 'analysed';
      fromTimestampS: number;
      toTimestampS: number;
      days: DayMetrics[];
      /** Only when asked for, as with `?include_histogram=True`. */
      airqHist?: WeekdayHistogram;
    } & MedalDecision);

/**
 * Analyses the samples of a room within a range. The caller passes samples already cut to the
 * room's installations (`clipToInstallation`); samples outside the range are ignored here.
 */
export function analyseRoomAirQuality(
  samples: readonly Co2Sample[],
  range: TimeRange,
  options: { includeHistogram: boolean },
): RoomAirQuality {
  const bounds = { fromTimestampS: range.fromS, toTimestampS: range.toS };
  const inRange = samples.filter((sample) => sample.timestampS >= range.fromS && sample.timestampS < range.toS);
  if (inRange.length === 0) return { status: 'no-data', ...bounds };
  const slots = slotGrid(inRange, range);
  const days = dailyMetrics(slots, range);
  return {
    status: 'analysed',
    ...bounds,
    days,
    ...cleanAirMedal(days),
    ...(options.includeHistogram ? { airqHist: weekdayHistogram(validHours(slots)) } : {}),
  };
}
