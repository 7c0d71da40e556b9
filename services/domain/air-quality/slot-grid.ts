import type { TimeRange } from './ranges';
import { maxSampleGapS, slotS } from './thresholds';

/** One CO2 reading; the analysis needs nothing else of a sample. */
export interface Co2Sample {
  timestampS: number;
  co2Ppm: number;
}

/** The CO2 at the start of a 10-minute slot, or null where the samples leave a gap. */
export interface Slot {
  startS: number;
  co2Ppm: number | null;
}

/**
 * The samples resampled to 10-minute slots over a range, so that every statistic is weighted by
 * time, not by how often a node happened to report (original-clair.md §3.6 step 4). A slot takes
 * the value linearly interpolated between the samples around its start; it is empty when those
 * are more than 30 minutes apart (step 3) or when there is no sample on one side. The original
 * instead carried the first and last value out to whole days with fake points, which made a lone
 * DST day look "valid" in its own fixtures (§3.6 "Fixture results").
 *
 * Slots start at multiples of 600 s since the epoch: Berlin's offsets are whole hours, so these
 * are also local 10-minute boundaries.
 */
export function slotGrid(samples: readonly Co2Sample[], range: TimeRange): Slot[] {
  const sorted = [...samples].sort((a, b) => a.timestampS - b.timestampS);
  const slots: Slot[] = [];
  let next = 0; // index of the first sample at or after the current slot
  for (let startS = Math.ceil(range.fromS / slotS) * slotS; startS < range.toS; startS += slotS) {
    while (next < sorted.length && (sorted[next]?.timestampS ?? Infinity) < startS) next++;
    slots.push({ startS, co2Ppm: interpolate(sorted[next - 1], sorted[next], startS) });
  }
  return slots;
}

function interpolate(before: Co2Sample | undefined, after: Co2Sample | undefined, atS: number): number | null {
  if (after?.timestampS === atS) return after.co2Ppm;
  if (!before || !after || after.timestampS - before.timestampS > maxSampleGapS) return null;
  const share = (atS - before.timestampS) / (after.timestampS - before.timestampS);
  return before.co2Ppm + share * (after.co2Ppm - before.co2Ppm);
}
