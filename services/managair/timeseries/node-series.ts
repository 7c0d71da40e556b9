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
 * The start of a sample's bucket, in Unix seconds.
 * - 10min and hourly: plain integer arithmetic on timestamp_s (never negative, so % is a floor).
 *   Berlin's offsets are whole hours, so these are also local 10-minute and hour boundaries.
 * - daily: Berlin calendar days. The original has no aggregation; its dashboard shows and pages
 *   days in the browser's local time (the Berlin schools it serves, "DD.MM.YYYY | HH:mm Uhr",
 *   day view = the reference day 00:00 to end of day), so a day bucket is a Berlin day. It is 23
 *   or 25 hours long on the DST change days.
 */
function bucketStart(resolution: Exclude<Resolution, 'raw'>): RawBuilder<number> {
  switch (resolution) {
    case '10min':
      return sql<number>`s.timestamp_s - s.timestamp_s % 600`;
    case 'hourly':
      return sql<number>`s.timestamp_s - s.timestamp_s % 3600`;
    case 'daily':
      // timezone(zone, timestamptz) gives Berlin wall time; truncating it to the day and reading
      // it back with timezone(zone, timestamp) gives the instant local midnight happened.
      return sql<number>`extract(epoch FROM timezone('Europe/Berlin',
        date_trunc('day', timezone('Europe/Berlin', to_timestamp(s.timestamp_s)))))::integer`;
  }
}

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
 * The one statement behind node and installation series. `source` is a "FROM … WHERE …" body
 * that binds `s` to the samples of one node within a timestamp_s range, so that the planner
 * answers it with a range scan of the (node_id, timestamp_s) primary key.
 */
export async function querySeries(
  db: Kysely<Database>,
  source: RawBuilder<unknown>,
  resolution: Resolution,
): Promise<SamplePoint[] | SeriesBucket[]> {
  if (resolution === 'raw') {
    const { rows } = await sql<SamplePoint>`SELECT ${sampleColumns} FROM ${source} ORDER BY s.timestamp_s`.execute(db);
    return rows;
  }
  const bucket = bucketStart(resolution);
  const { rows } = await sql<BucketRow>`
    SELECT ${bucket} AS timestamp_s, count(*) AS sample_count,
      min(s.co2_ppm)::float8 AS co2_min, max(s.co2_ppm)::float8 AS co2_max,
      avg(s.co2_ppm)::float8 AS co2_mean,
      min(s.temperature_celsius)::float8 AS temperature_min,
      max(s.temperature_celsius)::float8 AS temperature_max,
      avg(s.temperature_celsius)::float8 AS temperature_mean,
      min(s.rel_humidity_percent)::float8 AS humidity_min,
      max(s.rel_humidity_percent)::float8 AS humidity_max,
      avg(s.rel_humidity_percent)::float8 AS humidity_mean
    FROM ${source}
    GROUP BY 1
    ORDER BY 1`.execute(db);
  return rows.map(toBucket);
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
  const source = sql`samples s WHERE s.node_id = ${nodeId}
    AND s.timestamp_s BETWEEN ${range.from} AND ${range.to}`;
  return querySeries(db, source, resolution);
}
