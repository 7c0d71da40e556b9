import { localDateLabel, startOfNextLocalDay } from './berlin-time';
import type { TimeRange } from './ranges';
import type { Slot } from './slot-grid';
import {
  badAirThresholdPpm,
  cleanAirThresholdPpm,
  excessDayRate,
  excessScoreThreshold,
  maxDayGapS,
  slotS,
  validDayRate,
} from './thresholds';

/** The CO2 statistics of the slots of one period that have a value (original-clair.md §3.6 step 5). */
export interface Co2Stats {
  maxPpm: number;
  meanPpm: number;
  /** Time in slots at or above 1500 ppm. */
  excessDurationS: number;
  /** The mean of (CO2 − 1500 ppm) over those slots; 0 when there are none. */
  meanExcessPpm: number;
  /** excessDurationS over the time with data. */
  excessRate: number;
  /** meanExcessPpm × excessRate. */
  excessScore: number;
}

/** One Europe/Berlin calendar day of the range, cut to the range where it starts or ends inside a day. */
export interface DayMetrics {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** Seconds of this day within the range: 86400, or 82800 / 90000 on DST days (the original always used 86400). */
  durationS: number;
  /** Seconds without data. */
  gapS: number;
  /** At most an hour without data, and not empty. */
  isValid: boolean;
  /** null when the day has no data at all. */
  stats: Co2Stats | null;
}

/** The statistics of slots that have a value, or null when none has. */
function co2Stats(slots: readonly Slot[]): Co2Stats | null {
  const values = slots.flatMap((slot) => (slot.co2Ppm === null ? [] : [slot.co2Ppm]));
  if (values.length === 0) return null;
  const excesses = values.filter((ppm) => ppm >= cleanAirThresholdPpm).map((ppm) => ppm - cleanAirThresholdPpm);
  const meanExcessPpm = excesses.length === 0 ? 0 : sum(excesses) / excesses.length;
  const excessRate = excesses.length / values.length;
  return {
    maxPpm: Math.max(...values),
    meanPpm: sum(values) / values.length,
    excessDurationS: excesses.length * slotS,
    meanExcessPpm,
    excessRate,
    excessScore: meanExcessPpm * excessRate,
  };
}

/** The metrics of every local day that overlaps the range, from the slot grid of that range. */
export function dailyMetrics(slots: readonly Slot[], range: TimeRange): DayMetrics[] {
  const days: DayMetrics[] = [];
  for (let dayFromS = range.fromS; dayFromS < range.toS;) {
    const dayToS = Math.min(startOfNextLocalDay(dayFromS), range.toS);
    const daySlots = slots.filter((slot) => slot.startS >= dayFromS && slot.startS < dayToS);
    const durationS = daySlots.length * slotS;
    const gapS = daySlots.filter((slot) => slot.co2Ppm === null).length * slotS;
    days.push({
      date: localDateLabel(dayFromS),
      durationS,
      gapS,
      isValid: gapS <= maxDayGapS && gapS < durationS,
      stats: co2Stats(daySlots),
    });
    dayFromS = dayToS;
  }
  return days;
}

/** Why a room did not earn the medal: the first rule of original-clair.md §3.6 step 6 that failed. */
export type MedalRefusal =
  'too-few-valid-days' | 'bad-air-on-a-day' | 'excess-score-too-high-on-a-day' | 'too-many-days-with-excess';

export type MedalDecision = { cleanAirMedal: true } | { cleanAirMedal: false; refusal: MedalRefusal };

/**
 * The clean-air medal, by the original's rules in their order (original-clair.md §3.6 step 6).
 * Step 4 counted days with `excess_score >= 0`, i.e. every valid day, so the original never
 * awarded the medal (§8 item 2); a day counts here only if its score is above 0, which is what
 * the code comment meant by "fewer than 30 % yellow-light days".
 */
export function cleanAirMedal(days: readonly DayMetrics[]): MedalDecision {
  const validDays = days.flatMap((day) => (day.isValid && day.stats ? [day.stats] : []));
  // The shares are compared in whole numbers (×10) so that 3 of 10 is exactly 30 %.
  if (validDays.length * 10 < validDayRate * 10 * days.length || validDays.length === 0) {
    return { cleanAirMedal: false, refusal: 'too-few-valid-days' };
  }
  if (validDays.some((stats) => stats.maxPpm >= badAirThresholdPpm)) {
    return { cleanAirMedal: false, refusal: 'bad-air-on-a-day' };
  }
  if (validDays.some((stats) => stats.excessScore >= excessScoreThreshold)) {
    return { cleanAirMedal: false, refusal: 'excess-score-too-high-on-a-day' };
  }
  const daysWithExcess = validDays.filter((stats) => stats.excessScore > 0).length;
  if (daysWithExcess * 10 >= excessDayRate * 10 * validDays.length) {
    return { cleanAirMedal: false, refusal: 'too-many-days-with-excess' };
  }
  return { cleanAirMedal: true };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
