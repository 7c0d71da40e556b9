import { localMidnight, localTimeAt, startOfLocalDay } from './berlin-time';

/** A half-open span of time [fromS, toS) in UTC seconds. */
export interface TimeRange {
  fromS: number;
  toS: number;
}

/** An unparsable `YYYY-MM`; the original let this escape as an HTTP 500 (original-clair.md §3.6 "Request"). */
export class InvalidMonth extends RangeError {
  override name = 'InvalidMonth';
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The calendar month `YYYY-MM` in Europe/Berlin, from its first local midnight to the next
 * month's. Its length follows the clock changes: March 2026 is 31 days − 1 h, October 31 days + 1 h.
 * The original built it from a naive date in the server's zone (original-clair.md §8 item 2).
 * @throws InvalidMonth when the text is not `YYYY-MM` with a month 01…12.
 */
export function monthRange(yearMonth: string): TimeRange {
  const match = monthPattern.exec(yearMonth);
  if (!match) throw new InvalidMonth(`A month must be written YYYY-MM, got "${yearMonth}"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  return {
    fromS: localMidnight({ year, month, day: 1 }),
    toS: localMidnight({ year, month: month + 1, day: 1 }),
  };
}

/**
 * The 30 whole Europe/Berlin days before the local day of an instant: the original's default
 * window ("now floored to midnight", minus 30 days; §3.6 "Request"), but with an explicit instant
 * and calendar days instead of the server's clock labelled as Berlin time and 30 × 86400 s.
 */
export function thirtyDaysBefore(instantS: number): TimeRange {
  const toS = startOfLocalDay(instantS);
  const today = localTimeAt(toS);
  return { fromS: localMidnight({ ...today, day: today.day - 30 }), toS };
}

/** An installation's period; the ingestion assigns a sample to it when `fromS ≤ t ≤ toS` (§3.5). */
export interface InstallationPeriod {
  fromS: number;
  toS: number;
}

/**
 * The samples taken while the installation was in place. The original analysed the node's
 * samples over the whole requested range, so a room also got a moved node's later data
 * (original-clair.md §3.6 step 1, §8 item 2).
 */
export function clipToInstallation<S extends { timestampS: number }>(
  samples: readonly S[],
  installation: InstallationPeriod,
): S[] {
  return samples.filter((sample) => sample.timestampS >= installation.fromS && sample.timestampS <= installation.toS);
}
