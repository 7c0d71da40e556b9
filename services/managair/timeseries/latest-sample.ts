import { type Kysely, sql } from 'kysely';

import type { Database } from '../../database/tables';
import type { SamplePoint } from './series-types';

interface LatestRow {
  key: string;
  timestamp_s: number | null;
  co2_ppm: number | null;
  temperature_celsius: number | null;
  rel_humidity_percent: number | null;
  measurement_status: SamplePoint['measurement_status'] | null;
}

function toMap(rows: LatestRow[]): Map<string, SamplePoint | null> {
  const latest = new Map<string, SamplePoint | null>();
  for (const row of rows) {
    latest.set(
      row.key,
      row.timestamp_s === null || row.co2_ppm === null || row.measurement_status === null
        ? null
        : {
            timestamp_s: row.timestamp_s,
            co2_ppm: row.co2_ppm,
            temperature_celsius: row.temperature_celsius,
            rel_humidity_percent: row.rel_humidity_percent,
            measurement_status: row.measurement_status,
          },
    );
  }
  return latest;
}

const latestColumns = sql`l.timestamp_s, l.co2_ppm, l.temperature_celsius::float8 AS temperature_celsius,
  l.rel_humidity_percent, l.measurement_status`;

/**
 * The latest sample of each node, in one statement: per node, one backward step on the
 * (node_id, timestamp_s) primary key (LATERAL … ORDER BY timestamp_s DESC LIMIT 1), so the cost
 * is one index probe per node, not a scan of its samples. Every requested id, as given, is a
 * key of the result; a node without samples (or unknown) maps to null.
 */
export async function latestSamplesOfNodes(
  db: Kysely<Database>,
  nodeIds: readonly string[],
): Promise<Map<string, SamplePoint | null>> {
  if (nodeIds.length === 0) return new Map();
  const { rows } = await sql<LatestRow>`
    SELECT n.key, ${latestColumns}
    FROM unnest(${[...nodeIds]}::text[]) AS n(key)
    LEFT JOIN LATERAL (
      SELECT * FROM samples s WHERE s.node_id = n.key::uuid ORDER BY s.timestamp_s DESC LIMIT 1
    ) l ON true`.execute(db);
  return toMap(rows);
}

/** The latest sample of one node, or null if it has none. */
export async function latestSampleOfNode(db: Kysely<Database>, nodeId: string): Promise<SamplePoint | null> {
  return (await latestSamplesOfNodes(db, [nodeId])).get(nodeId) ?? null;
}

/**
 * The latest sample of each installation within its whole period [from, to], as the original's
 * installation list shows it (original-clair.md §3.3), for the dashboard overview of many
 * installations in one statement. Keys are the ids as given, turned into strings; an
 * installation without samples in its period (or unknown) maps to null.
 */
export async function latestSamplesOfInstallations(
  db: Kysely<Database>,
  installationIds: readonly (string | number)[],
): Promise<Map<string, SamplePoint | null>> {
  if (installationIds.length === 0) return new Map();
  const keys = installationIds.map(String);
  const { rows } = await sql<LatestRow>`
    SELECT wanted.key, ${latestColumns}
    FROM unnest(${keys}::text[]) AS wanted(key)
    LEFT JOIN installations i ON i.id = wanted.key::bigint
    LEFT JOIN LATERAL (
      SELECT * FROM samples s
      WHERE s.node_id = i.node_id AND s.timestamp_s BETWEEN i.from_timestamp_s AND i.to_timestamp_s
      ORDER BY s.timestamp_s DESC LIMIT 1
    ) l ON true`.execute(db);
  return toMap(rows);
}
