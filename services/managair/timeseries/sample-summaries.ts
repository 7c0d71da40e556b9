import { type Kysely, sql } from 'kysely';

import type { Database } from '../../database/tables';
import type { SamplePoint } from './series-types';

/** The samples of one node within a closed range: what a node or an installation summarizes. */
export interface SampleWindow {
  /** The key of the result: a node id or an installation id. */
  key: string;
  nodeId: string;
  fromS: number;
  toS: number;
}

export interface SampleSummary {
  sampleCount: number;
  /** The first and last sample time in the window, null without samples. */
  firstS: number | null;
  lastS: number | null;
  latest: SamplePoint | null;
}

interface SummaryRow {
  key: string;
  sample_count: string;
  first_s: number | null;
  last_s: number | null;
  timestamp_s: number | null;
  co2_ppm: number | null;
  temperature_celsius: number | null;
  rel_humidity_percent: number | null;
  measurement_status: SamplePoint['measurement_status'] | null;
}

/**
 * Count, first, last and latest sample of many windows in ONE statement, for the lists of the
 * dashboard overview, at a cost that does not grow with the history behind each window:
 * - the count adds the whole hours inside the window from the sample_hours rollup (migration
 *   0003) to the samples of the partial first and last hour;
 * - the first and the latest sample are one index probe each on (node_id, timestamp_s).
 * Every key given is in the result.
 */
export async function sampleSummaries(
  db: Kysely<Database>,
  windows: readonly SampleWindow[],
): Promise<Map<string, SampleSummary>> {
  if (windows.length === 0) return new Map();
  // Whole hours are [first_hour, end_hour); without any, end_hour = first_hour and the two edges
  // cover all of [from_s, to_s]. Hours may pass 2^31 - 1, hence bigint.
  const { rows } = await sql<SummaryRow>`
    SELECT w.key, c.whole + e.edge AS sample_count, f.first_s, l.timestamp_s AS last_s, l.timestamp_s, l.co2_ppm,
      l.temperature_celsius::float8 AS temperature_celsius, l.rel_humidity_percent, l.measurement_status
    FROM unnest(${windows.map((w) => w.key)}::text[], ${windows.map((w) => w.nodeId)}::uuid[],
      ${windows.map((w) => w.fromS)}::integer[], ${windows.map((w) => w.toS)}::integer[])
      AS w(key, node_id, from_s, to_s)
    CROSS JOIN LATERAL (SELECT (w.from_s::bigint + 3599) / 3600 * 3600 AS first_hour) fh
    CROSS JOIN LATERAL (SELECT greatest(fh.first_hour, (w.to_s::bigint + 1) / 3600 * 3600) AS end_hour) eh
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(h.sample_count), 0) AS whole FROM sample_hours h
      WHERE h.node_id = w.node_id AND h.hour_s >= fh.first_hour AND h.hour_s < eh.end_hour
    ) c
    CROSS JOIN LATERAL (
      SELECT count(*) AS edge FROM samples s
      WHERE s.node_id = w.node_id
        AND (s.timestamp_s BETWEEN w.from_s AND least(w.to_s, fh.first_hour - 1)
          OR s.timestamp_s BETWEEN greatest(w.from_s, eh.end_hour) AND w.to_s)
    ) e
    LEFT JOIN LATERAL (
      SELECT s.timestamp_s AS first_s FROM samples s
      WHERE s.node_id = w.node_id AND s.timestamp_s BETWEEN w.from_s AND w.to_s
      ORDER BY s.timestamp_s LIMIT 1
    ) f ON true
    LEFT JOIN LATERAL (
      SELECT * FROM samples s WHERE s.node_id = w.node_id AND s.timestamp_s BETWEEN w.from_s AND w.to_s
      ORDER BY s.timestamp_s DESC LIMIT 1
    ) l ON true`.execute(db);
  return new Map(
    rows.map((row) => [
      row.key,
      {
        sampleCount: Number(row.sample_count),
        firstS: row.first_s,
        lastS: row.last_s,
        latest:
          row.timestamp_s === null || row.co2_ppm === null || row.measurement_status === null
            ? null
            : {
                timestamp_s: row.timestamp_s,
                co2_ppm: row.co2_ppm,
                temperature_celsius: row.temperature_celsius,
                rel_humidity_percent: row.rel_humidity_percent,
                measurement_status: row.measurement_status,
              },
      },
    ]),
  );
}

const empty: SampleSummary = { sampleCount: 0, firstS: null, lastS: null, latest: null };

/** The summary of a key, or that of an empty window. */
export function summaryOf(summaries: ReadonlyMap<string, SampleSummary>, key: string): SampleSummary {
  return summaries.get(key) ?? empty;
}
