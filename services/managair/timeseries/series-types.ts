/** What the series queries return, in the original's attribute names (§3.2 Sample). */
export type Resolution = 'raw' | '10min' | 'hourly' | 'daily';

export const resolutions: readonly Resolution[] = ['raw', '10min', 'hourly', 'daily'];

/** One stored sample. temperature_celsius is numeric(3,1) in the table, returned as a number. */
export interface SamplePoint {
  timestamp_s: number;
  co2_ppm: number;
  temperature_celsius: number | null;
  rel_humidity_percent: number | null;
  measurement_status: 'M' | 'R' | 'E';
}

export interface Stats {
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** One bucket of an aggregated series; time is the bucket start in Unix seconds (UTC). */
export interface SeriesBucket {
  timestamp_s: number;
  sample_count: number;
  co2_ppm: Stats;
  temperature_celsius: Stats;
  rel_humidity_percent: Stats;
}

/**
 * An aggregated series as PostgreSQL writes it (node-series.ts), to go into a response as it is:
 * the text of a JSON array of SeriesBucket, ascending, as runs of comma-separated buckets
 * (`[${runs.join(',')}]`), and the sum of the buckets' sample counts.
 */
export interface SerializedBuckets {
  sampleCount: number;
  runs: string[];
}

/**
 * A closed range of Unix seconds. Both ends are inclusive, as the original's
 * `[filter[from] (default 0), filter[to] (default now)]` (original-clair.md §3.3).
 */
export interface TimeRange {
  from: number;
  to: number;
}

/** The original's "still installed" end, 2^31 - 1. */
export const OPEN_END_S = 2147483647;

/**
 * The range the original uses when filters are missing: from 0 until now. Throws for values
 * that are not whole seconds in 0…2^31-1, so that a caller's parsing mistake is not a silent
 * empty series.
 */
export function resolveRange(filter: { from?: number | undefined; to?: number | undefined }, nowS: number): TimeRange {
  const range = { from: filter.from ?? 0, to: filter.to ?? nowS };
  for (const value of [range.from, range.to]) {
    // The columns are 32-bit integers; a later time could not be compared with them.
    if (!Number.isSafeInteger(value) || value < 0 || value > OPEN_END_S)
      throw new RangeError(`not a Unix time in seconds: ${value}`);
  }
  return range;
}
