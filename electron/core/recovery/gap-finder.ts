import type { RecoverySampleGap, RecoveryTimeRange } from '../../contract';

/** Spacing beyond this many usual intervals counts as a gap: one late uplink is no loss. */
const gapFactor = 1.5;
/**
 * At the window's end the next uplink may simply not be due yet: a device that sends several
 * samples per uplink (Clairchen and ERS send three) is silent for three sample intervals.
 */
const trailingGapFactor = 4;

/** The usual seconds between a device's samples: the median spacing, or `fallbackS` below three samples. */
export function usualIntervalS(timestampsS: readonly number[], fallbackS: number): number {
  if (timestampsS.length < 3) return fallbackS;
  const spacings = timestampsS
    .slice(1)
    .map((t, i) => t - timestampsS[i]!)
    .filter((spacing) => spacing > 0)
    .sort((a, b) => a - b);
  return spacings[Math.floor(spacings.length / 2)] ?? fallbackS;
}

/**
 * The stretches of `window` without samples that are longer than the device's interval allows,
 * from its sample times in the window (ascending). The window's start and end count as samples
 * the device might have sent: a device silent for the whole window has one gap, the window.
 */
export function findSampleGaps(
  timestampsS: readonly number[],
  window: RecoveryTimeRange,
  intervalS: number,
): RecoverySampleGap[] {
  const gaps: RecoverySampleGap[] = [];
  const times = [window.fromS, ...timestampsS, window.toS];
  for (let i = 1; i < times.length; i++) {
    const fromS = times[i - 1]!;
    const toS = times[i]!;
    const allowed = (i === times.length - 1 ? trailingGapFactor : gapFactor) * intervalS;
    if (toS - fromS <= allowed) continue;
    gaps.push({ fromS, toS, expectedSamples: Math.max(1, Math.round((toS - fromS) / intervalS) - 1) });
  }
  return gaps;
}

/**
 * The time ranges to ask the Storage Integration for: every gap, extended by its device's
 * interval at the end (an uplink received after a gap may carry samples from inside it, as
 * Clairchen's do), clipped to the window, and merged where they overlap, so that one query per
 * application serves all devices (ttn-formats.md §3.6: few and large queries).
 */
export function rangesToFetch(
  devices: readonly { gaps: readonly RecoverySampleGap[]; intervalS: number }[],
  window: RecoveryTimeRange,
): RecoveryTimeRange[] {
  const ranges = devices
    .flatMap((device) =>
      device.gaps.map((gap) => ({
        fromS: Math.max(window.fromS, gap.fromS - 1),
        toS: Math.min(window.toS, gap.toS + Math.ceil(device.intervalS)),
      })),
    )
    .sort((a, b) => a.fromS - b.fromS);
  const merged: RecoveryTimeRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.fromS <= last.toS) last.toS = Math.max(last.toS, range.toS);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * The frame counters missing from a device's stored uplinks, in the order TTN received them:
 * frames TTN never got either, so no recovery can bring them back. A counter that goes down is a
 * re-join (the counter restarts at 0), not a gap.
 */
export function missingFrameCounters(fCnts: readonly number[]): { from: number; to: number }[] {
  const missing: { from: number; to: number }[] = [];
  for (let i = 1; i < fCnts.length; i++) {
    const previous = fCnts[i - 1]!;
    const next = fCnts[i]!;
    if (next > previous + 1) missing.push({ from: previous + 1, to: next - 1 });
  }
  return missing;
}
