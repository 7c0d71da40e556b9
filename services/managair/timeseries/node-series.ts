import { type Kysely, type RawBuilder, sql } from 'kysely';

import type { Database } from '../../database/tables';
import type { Resolution, SamplePoint, SerializedBuckets, TimeRange } from './series-types';

/**
 * Sample columns as the API returns them. temperature_celsius is numeric(3,1), which pg hands
 * over as a string; float8 is exact for one decimal of -20…40 in the sense that it prints back
 * the same, so callers get a number.
 */
const sampleColumns = sql`s.timestamp_s, s.co2_ppm, s.temperature_celsius::float8 AS temperature_celsius,
  s.rel_humidity_percent, s.measurement_status`;

/** What a series covers: the samples of one node with from ≤ timestamp_s ≤ to. */
export interface Span extends TimeRange {
  nodeId: string;
}

/**
 * Binds `s` to the samples of `span`: a range scan of the primary key (node_id, timestamp_s).
 */
function spanSamples({ nodeId, from, to }: Span): RawBuilder<unknown> {
  return sql`samples s WHERE s.node_id = ${nodeId} AND s.timestamp_s BETWEEN ${from} AND ${to}`;
}

/**
 * A bucket's means, rounded in numeric (half away from zero) to one decimal more than the
 * quantity is stored with: 0.1 ppm, 0.01 °C, 0.1 %. More digits would only be noise beyond
 * the sensors' resolution, and they make a bucket a fifth longer to send and to parse
 * (1109.5833333333333). The arguments are a bucket's CO2, temperature and humidity means as
 * numeric SQL expressions.
 */
function roundedMeans(co2: RawBuilder<unknown>, temperature: RawBuilder<unknown>, humidity: RawBuilder<unknown>) {
  return sql`round(${co2}, 1) AS co2_mean, round(${temperature}, 2) AS temperature_mean,
    round(${humidity}, 1) AS humidity_mean`;
}

/**
 * 10-minute buckets, from the samples, as the rows {@link serializedBuckets} formats. Buckets start
 * at timestamp_s rounded down to 600 s (never negative, so % is a floor); Berlin's offsets are
 * whole hours, so these are local boundaries too.
 */
function tenMinuteBuckets(span: Span): RawBuilder<unknown> {
  return sql`
    SELECT s.timestamp_s - s.timestamp_s % 600 AS timestamp_s, count(*) AS sample_count,
      min(s.co2_ppm) AS co2_min, max(s.co2_ppm) AS co2_max,
      min(s.temperature_celsius) AS temperature_min, max(s.temperature_celsius) AS temperature_max,
      min(s.rel_humidity_percent) AS humidity_min, max(s.rel_humidity_percent) AS humidity_max,
      ${roundedMeans(sql`avg(s.co2_ppm)`, sql`avg(s.temperature_celsius)`, sql`avg(s.rel_humidity_percent)`)}
    FROM ${spanSamples(span)}
    GROUP BY 1`;
}

/** The columns of sample_hours (migrations/0003-sample-hours.ts) after hour_s. */
const hourColumns = sql`sample_count, co2_sum, co2_min, co2_max,
  temperature_count, temperature_sum, temperature_min, temperature_max,
  humidity_count, humidity_sum, humidity_min, humidity_max`;

/**
 * The hours merged into buckets starting at bucket_s, with the columns of sample_hours.
 * - hourly: each hour is a bucket; Berlin's offsets are whole hours, so it is a local hour too.
 *   Every hour is in `hours` once, so nothing is merged.
 * - daily: Berlin calendar days. The original has no aggregation; its dashboard shows and pages
 *   days in the browser's local time (the Berlin schools it serves, "DD.MM.YYYY | HH:mm Uhr",
 *   day view = the reference day 00:00 to end of day), so a day bucket is a Berlin day. It is 23
 *   or 25 hours long on the DST change days, and always whole UTC hours.
 */
function buckets(resolution: 'hourly' | 'daily'): RawBuilder<unknown> {
  switch (resolution) {
    case 'hourly':
      return sql`SELECT hour_s AS bucket_s, ${hourColumns} FROM hours`;
    case 'daily':
      // timezone(zone, timestamptz) gives Berlin wall time; truncating it to the day and reading
      // it back with timezone(zone, timestamp) gives the instant local midnight happened.
      return sql`
        SELECT extract(epoch FROM timezone('Europe/Berlin',
            date_trunc('day', timezone('Europe/Berlin', to_timestamp(hour_s)))))::integer AS bucket_s,
          sum(sample_count) AS sample_count, sum(co2_sum) AS co2_sum, min(co2_min) AS co2_min, max(co2_max) AS co2_max,
          sum(temperature_count) AS temperature_count, sum(temperature_sum) AS temperature_sum,
          min(temperature_min) AS temperature_min, max(temperature_max) AS temperature_max,
          sum(humidity_count) AS humidity_count, sum(humidity_sum) AS humidity_sum,
          min(humidity_min) AS humidity_min, max(humidity_max) AS humidity_max
        FROM hours
        GROUP BY 1`;
  }
}

/**
 * Hourly and daily buckets, from whole hours, as the rows {@link serializedBuckets} formats. The
 * hours entirely inside [from, to] come from sample_hours, the partial hours at either end from the
 * samples, aggregated the same way. A mean is sum / count in numeric, the division avg() does, so
 * it equals avg over the samples exactly before both are rounded.
 */
function hourBuckets(span: Span, resolution: 'hourly' | 'daily'): RawBuilder<unknown> {
  const { nodeId, from, to } = span;
  // Whole hours are [firstHour, endHour); without any, endHour = firstHour and the two edges
  // are all of [from, to]. Either edge lies within one hour. firstHour can pass 2^31 - 1, hence
  // bigint in SQL.
  const firstHour = Math.ceil(from / 3600) * 3600;
  const endHour = Math.max(firstHour, Math.floor((to + 1) / 3600) * 3600);
  return sql`
    WITH hours AS (
      SELECT hour_s, ${hourColumns}
      FROM sample_hours
      WHERE node_id = ${nodeId} AND hour_s >= ${firstHour}::bigint AND hour_s < ${endHour}::bigint
      UNION ALL
      SELECT s.timestamp_s - s.timestamp_s % 3600, count(*), sum(s.co2_ppm), min(s.co2_ppm), max(s.co2_ppm),
        count(s.temperature_celsius), coalesce(sum(s.temperature_celsius), 0),
        min(s.temperature_celsius), max(s.temperature_celsius),
        count(s.rel_humidity_percent), coalesce(sum(s.rel_humidity_percent), 0),
        min(s.rel_humidity_percent), max(s.rel_humidity_percent)
      FROM samples s
      WHERE s.node_id = ${nodeId}
        AND (s.timestamp_s BETWEEN ${from} AND ${Math.min(to, firstHour - 1)}
          OR s.timestamp_s BETWEEN ${Math.max(from, endHour)}::bigint AND ${to})
      GROUP BY 1
    ),
    buckets AS (${buckets(resolution)})
    SELECT bucket_s AS timestamp_s, sample_count, co2_min, co2_max,
      temperature_min, temperature_max, humidity_min, humidity_max,
      ${roundedMeans(
        sql`co2_sum::numeric / sample_count`,
        sql`temperature_sum / nullif(temperature_count, 0)`,
        sql`humidity_sum::numeric / nullif(humidity_count, 0)`,
      )}
    FROM buckets`;
}

/** An integer column as JSON: null, or its text, which is what JavaScript prints for it too. */
function jsonInteger(column: string): RawBuilder<unknown> {
  return sql`coalesce(${sql.ref(column)}::text, 'null')`;
}

/**
 * A numeric column as JSON: null, or its text without trailing zeros (trim_scale), which is what
 * JavaScript prints for the number too, since a decimal of fewer than 16 digits is the shortest
 * text of its nearest double.
 */
function jsonDecimal(column: string): RawBuilder<unknown> {
  return sql`coalesce(trim_scale(${sql.ref(column)})::text, 'null')`;
}

/** The text of a SeriesBucket, with its keys in the order of the type, compact as JSON.stringify writes it. */
const bucketJson = sql`format(
  '{"timestamp_s":%s,"sample_count":%s,"co2_ppm":{"min":%s,"max":%s,"mean":%s},'
    '"temperature_celsius":{"min":%s,"max":%s,"mean":%s},"rel_humidity_percent":{"min":%s,"max":%s,"mean":%s}}',
  b.timestamp_s, b.sample_count, ${jsonInteger('b.co2_min')}, ${jsonInteger('b.co2_max')}, ${jsonDecimal('b.co2_mean')},
  ${jsonDecimal('b.temperature_min')}, ${jsonDecimal('b.temperature_max')}, ${jsonDecimal('b.temperature_mean')},
  ${jsonInteger('b.humidity_min')}, ${jsonInteger('b.humidity_max')}, ${jsonDecimal('b.humidity_mean')})`;

/**
 * Bucket rows (timestamp_s, sample_count and the min, max and mean columns of co2, temperature
 * and humidity) as the text of a JSON array of SeriesBucket, written by PostgreSQL: a year of
 * hours is 8,760 buckets, which as objects would cost more to parse from their columns and to
 * stringify again than the query itself takes. One row per UTC day of buckets, so that pg and the
 * garbage collector handle a few hundred strings rather than thousands of rows; grouping sorts
 * the days already, so ORDER BY costs nothing more.
 */
async function serializedBuckets(db: Kysely<Database>, buckets: RawBuilder<unknown>): Promise<SerializedBuckets> {
  const { rows } = await sql<{ sample_count: number; json: string }>`
    SELECT sum(b.sample_count)::integer AS sample_count, string_agg(${bucketJson}, ',' ORDER BY b.timestamp_s) AS json
    FROM (${buckets}) b
    GROUP BY b.timestamp_s / 86400
    ORDER BY b.timestamp_s / 86400`.execute(db);
  return {
    sampleCount: rows.reduce((total, row) => total + row.sample_count, 0),
    runs: rows.map((row) => row.json),
  };
}

/** The one entry point of node and installation series: the samples of `span` at a resolution. */
export async function querySeries(
  db: Kysely<Database>,
  span: Span,
  resolution: Resolution,
): Promise<SamplePoint[] | SerializedBuckets> {
  switch (resolution) {
    case 'raw':
      return (
        await sql<SamplePoint>`SELECT ${sampleColumns} FROM ${spanSamples(span)} ORDER BY s.timestamp_s`.execute(db)
      ).rows;
    case '10min':
      return serializedBuckets(db, tenMinuteBuckets(span));
    case 'hourly':
    case 'daily':
      return serializedBuckets(db, hourBuckets(span, resolution));
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
): Promise<SerializedBuckets>;
export function nodeSeries(
  db: Kysely<Database>,
  nodeId: string,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SerializedBuckets>;
export function nodeSeries(
  db: Kysely<Database>,
  nodeId: string,
  range: TimeRange,
  resolution: Resolution,
): Promise<SamplePoint[] | SerializedBuckets> {
  return querySeries(db, { nodeId, ...range }, resolution);
}
