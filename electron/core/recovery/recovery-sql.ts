import type pg from 'pg';

import type { RecoveryTimeRange } from '../../contract';

/**
 * The recovery's SQL. The core may not import services/database, so the statements live here;
 * they rely on the tables of services/database/migrations/0001-initial-schema.ts: `nodes` (id,
 * alias, eui64, protocol_id), `protocols` (identifier: CLAIRCHEN, ELSYSERS) and `samples`, keyed
 * by (node_id, timestamp_s) (constraint unique_sampling_times_per_node).
 */

export interface NodeRow {
  id: string;
  alias: string;
  eui64: string;
}

/** A sample as the samples table takes it (temperature as numeric text, as pg returns it). */
export interface SampleRow {
  node_id: string;
  timestamp_s: number;
  co2_ppm: number;
  temperature_celsius: string | null;
  rel_humidity_percent: number | null;
  measurement_status: 'M';
}

export async function nodesOfProtocol(db: pg.Pool, protocol: string): Promise<NodeRow[]> {
  const { rows } = await db.query<NodeRow>(
    `SELECT n.id, n.alias, n.eui64 FROM nodes n JOIN protocols p ON p.id = n.protocol_id
     WHERE p.identifier = $1 ORDER BY n.alias, n.id`,
    [protocol],
  );
  return rows;
}

/** Each node's sample times in the window, ascending. */
export async function sampleTimes(
  db: pg.Pool,
  nodeIds: string[],
  window: RecoveryTimeRange,
): Promise<Map<string, number[]>> {
  const { rows } = await db.query<{ node_id: string; times: number[] }>(
    `SELECT node_id, array_agg(timestamp_s ORDER BY timestamp_s) AS times FROM samples
     WHERE node_id = ANY($1::uuid[]) AND timestamp_s BETWEEN $2 AND $3 GROUP BY node_id`,
    [nodeIds, window.fromS, window.toS],
  );
  return new Map(rows.map((row) => [row.node_id, row.times]));
}

export async function registeredNodes(db: pg.Pool, nodeIds: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM nodes WHERE id = ANY($1::uuid[])`, [nodeIds]);
  return new Set(rows.map((row) => row.id));
}

/** Which of the keys the samples table has already, as `node_id timestamp_s`. */
export async function presentKeys(db: pg.Pool, keys: readonly { nodeId: string; timestampS: number }[]) {
  const present = new Set<string>();
  const chunk = 20_000;
  for (let start = 0; start < keys.length; start += chunk) {
    const part = keys.slice(start, start + chunk);
    const { rows } = await db.query<{ node_id: string; timestamp_s: number }>(
      `SELECT s.node_id, s.timestamp_s FROM samples s
       JOIN unnest($1::uuid[], $2::int[]) AS k(node_id, timestamp_s)
         ON s.node_id = k.node_id AND s.timestamp_s = k.timestamp_s`,
      [part.map((key) => key.nodeId), part.map((key) => key.timestampS)],
    );
    for (const row of rows) present.add(`${row.node_id} ${row.timestamp_s}`);
  }
  return present;
}

/**
 * Writes one batch in one statement, so in one transaction of its own: a batch is in or out,
 * never half. Samples already there are skipped, which makes a repeated or resumed import
 * harmless. Answers how many rows it wrote.
 */
export async function insertSamples(db: pg.Pool, rows: readonly SampleRow[]): Promise<number> {
  const result = await db.query(
    `INSERT INTO samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status)
     SELECT node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, 'M'
     FROM unnest($1::uuid[], $2::int[], $3::smallint[], $4::numeric[], $5::smallint[])
       AS r(node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent)
     ORDER BY node_id, timestamp_s
     ON CONFLICT (node_id, timestamp_s) DO NOTHING`,
    [
      rows.map((row) => row.node_id),
      rows.map((row) => row.timestamp_s),
      rows.map((row) => row.co2_ppm),
      rows.map((row) => row.temperature_celsius),
      rows.map((row) => row.rel_humidity_percent),
    ],
  );
  return result.rowCount ?? 0;
}

export async function co2Series(db: pg.Pool, nodeId: string, window: RecoveryTimeRange) {
  const { rows } = await db.query<{ timestamp_s: number; co2_ppm: number }>(
    `SELECT timestamp_s, co2_ppm FROM samples WHERE node_id = $1 AND timestamp_s BETWEEN $2 AND $3
     ORDER BY timestamp_s`,
    [nodeId, window.fromS, window.toS],
  );
  return rows;
}
