import { type Kysely, type RawBuilder, sql } from 'kysely';

import type { Database } from '../../database/tables';
import type { Resolution, SamplePoint, SeriesBucket, TimeRange } from './series-types';

/**
 * Sample columns as the API returns them. temperature_celsius is numeric(3,1), which pg hands
 * over as a string; float8 is exact for one decimal of -20…40 in the sense that it prints back
 * the same, so callers get a number.
 */
const sampleColumns = sql`s.timestamp_s, s.co2_ppm, s.temperature_celsius::float8 AS temperature_celsius,
  s.rel_humidity_percent, s.measurement_status`;

/**
 * What a series covers, as a relation of at most one row (node_id, lo, hi): the samples of node
 * node_id with lo ≤ timestamp_s ≤ hi. A join on it is a range scan of the samples' primary key
 * (node_id, timestamp_s) and of sample_hours' (node_id, hour_s).
 */
export type Span = RawBuilder<unknown>;

/** Binds `s` to the samples of `span`. */
const spanSamples = sql`span JOIN samples s ON s.node_id = span.node_id AND s.timestamp_s BETWEEN span.lo AND span.hi`;

interface BucketRow {
  timestamp_s: number;
  sample_count: string;
  co2_min: number | null;
  co2_max: number | null;
  co2_mean: number | null;
  temperature_min: number | null;
  temperature_max: number | null;
  temperature_mean: number | null;
  humidity_min: number | null;
  humidity_max: number | null;
  humidity_mean: number | null;
}

function toBucket(row: BucketRow): SeriesBucket {
  return {
    timestamp_s: row.timestamp_s,
    sample_count: Number(row.sample_count),
    co2_ppm: { min: row.co2_min, max: row.co2_max, mean: row.co2_mean },
    temperature_celsius: { min: row.temperature_min, max: row.temperature_max, mean: row.temperature_mean },
    rel_humidity_percent: { min: row.humidity_min, max: row.humidity_max, mean: row.humidity_mean },
  };
}

/**
 * 10-minute buckets, from the samples. Buckets start at timestamp_s rounded down to 600 s (never
 * negative, so % is a floor); Berlin's offsets are whole hours, so these are local boundaries too.
 */
async function tenMinuteBuckets(db: Kysely<Database>, span: Span): Promise<SeriesBucket[]> {
  const { rows } = await sql<BucketRow>`
    WITH span AS (${span})
    SELECT s.timestamp_s - s.timestamp_s % 600 AS timestamp_s, count(*) AS sample_count,
      min(s.co2_ppm)::float8 AS co2_min, max(s.co2_ppm)::float8 AS co2_max,
      avg(s.co2_ppm)::float8 AS co2_mean,
      min(s.temperature_celsius)::float8 AS temperature_min,
      max(s.temperature_celsius)::float8 AS temperature_max,
      avg(s.temperature_celsius)::float8 AS temperature_mean,
      min(s.rel_humidity_percent)::float8 AS humidity_min,
      max(s.rel_humidity_percent)::float8 AS humidity_max,
      avg(s.rel_humidity_percent)::float8 AS humidity_mean
    FROM ${spanSamples}
    GROUP BY 1
    ORDER BY 1`.execute(db);
  return rows.map(toBucket);
}

/**
 * The bucket an hour `hour_s` (a UTC hour start) falls into.
 * - hourly: the hour itself. Berlin's offsets are whole hours, so it is a local hour too.
 * - daily: Berlin calendar days. The original has no aggregation; its dashboard shows and pages
 *   days in the browser's local time (the Berlin schools it serves, "DD.MM.YYYY | HH:mm Uhr",
 *   day view = the reference day 00:00 to end of day), so a day bucket is a Berlin day. It is 23
 *   or 25 hours long on the DST change days, and always whole UTC hours.
 */
function hourBucket(resolution: 'hourly' | 'daily'): RawBuilder<number> {
  switch (resolution) {
    case 'hourly':
      return sql<number>`hour_s`;
    case 'daily':
      // timezone(zone, timestamptz) gives Berlin wall time; truncating it to the day and reading
      // it back with timezone(zone, timestamp) gives the instant local midnight happened.
      return sql<number>`extract(epoch FROM timezone('Europe/Berlin',
        date_trunc('day', timezone('Europe/Berlin', to_timestamp(hour_s)))))::integer`;
  }
}

/**
 * Hourly and daily buckets, from whole hours. The hours entirely inside [lo, hi] come from
 * sample_hours (migrations/0003-sample-hours.ts), the partial hours at either end from the
 * samples, aggregated the same way; the hours, disjoint, are then merged into buckets. A mean is
 * sum / count, the division avg() does, so it equals avg over the samples exactly.
 */
async function hourBuckets(db: Kysely<Database>, span: Span, resolution: 'hourly' | 'daily'): Promise<SeriesBucket[]> {
  // In bigint, since hi + 1 and lo rounded up can pass 2^31 - 1. Whole hours are
  // [first_hour, end_hour); without any, end_hour = first_hour and the two edges are all of
  // [lo, hi].
  const { rows } = await sql<BucketRow>`
    WITH span AS (${span}),
    whole AS (
      SELECT node_id, lo, hi, first_hour, greatest(first_hour, hi + 1 - (hi + 1) % 3600) AS end_hour
      FROM (SELECT node_id, lo::bigint, hi::bigint, lo + (3600 - lo % 3600) % 3600 AS first_hour FROM span) AS w
    ),
    hours AS (
      SELECT h.hour_s, h.sample_count, h.co2_sum, h.co2_min, h.co2_max,
        h.temperature_count, h.temperature_sum, h.temperature_min, h.temperature_max,
        h.humidity_count, h.humidity_sum, h.humidity_min, h.humidity_max
      FROM whole JOIN sample_hours h ON h.node_id = whole.node_id
        AND h.hour_s >= whole.first_hour AND h.hour_s < whole.end_hour
      UNION ALL
      SELECT s.timestamp_s - s.timestamp_s % 3600, count(*), sum(s.co2_ppm), min(s.co2_ppm), max(s.co2_ppm),
        count(s.temperature_celsius), coalesce(sum(s.temperature_celsius), 0),
        min(s.temperature_celsius), max(s.temperature_celsius),
        count(s.rel_humidity_percent), coalesce(sum(s.rel_humidity_percent), 0),
        min(s.rel_humidity_percent), max(s.rel_humidity_percent)
      FROM whole
      CROSS JOIN LATERAL (VALUES (whole.lo, least(whole.hi, whole.first_hour - 1)),
        (greatest(whole.lo, whole.end_hour), whole.hi)) AS edge (lo, hi)
      JOIN samples s ON s.node_id = whole.node_id AND s.timestamp_s BETWEEN edge.lo AND edge.hi
      GROUP BY 1
    )
    SELECT ${hourBucket(resolution)} AS timestamp_s, sum(sample_count) AS sample_count,
      min(co2_min)::float8 AS co2_min, max(co2_max)::float8 AS co2_max,
      (sum(co2_sum) / sum(sample_count))::float8 AS co2_mean,
      min(temperature_min)::float8 AS temperature_min,
      max(temperature_max)::float8 AS temperature_max,
      (sum(temperature_sum) / nullif(sum(temperature_count), 0))::float8 AS temperature_mean,
      min(humidity_min)::float8 AS humidity_min,
      max(humidity_max)::float8 AS humidity_max,
      (sum(humidity_sum) / nullif(sum(humidity_count), 0))::float8 AS humidity_mean
    FROM hours
    GROUP BY 1
    ORDER BY 1`.execute(db);
  return rows.map(toBucket);
}

/** The one entry point of node and installation series: the samples of `span` at a resolution. */
export async function querySeries(
  db: Kysely<Database>,
  span: Span,
  resolution: Resolution,
): Promise<SamplePoint[] | SeriesBucket[]> {
  switch (resolution) {
    case 'raw':
      return (
        await sql<SamplePoint>`WITH span AS (${span}) SELECT ${sampleColumns} FROM ${spanSamples}
          ORDER BY s.timestamp_s`.execute(db)
      ).rows;
    case '10min':
      return tenMinuteBuckets(db, span);
    case 'hourly':
    case 'daily':
      return hourBuckets(db, span, resolution);
  }
}

/**
 * A node's samples with from ≤ timestamp_s ≤ to, ascending: raw samples, or one bucket per
 * interval that has samples (empty intervals are left out, as a chart draws gaps anyway). An
 * empty or reversed range gives an empty series.
 */
export function nodeSeries(
  db: Kysely<Database>,
  nodeId: string,
  range: TimeRange,
  resolution: 'raw',
): Promise<SamplePoint[]>;
export function nodeSeries(
  db: Kysely<Database>,
  nodeId: string,
  range: TimeRange,
  resolution: Exclude<Resolution, 'raw'>,
): Promise<SeriesBucket[]>;
export function nodeSeries(
  db: Kysely<Database>,
  nodeId: string,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SeriesBucket[]>;
export function nodeSeries(
  db: Kysely<Database>,
  nodeId: string,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SeriesBucket[]> {
  const span = sql`SELECT ${nodeId}::uuid AS node_id, ${range.from}::integer AS lo, ${range.to}::integer AS hi`;
  return querySeries(db, span, resolution);
}
