import type { Pool } from 'pg';

import type { Sample } from './sample-document';

export type StoreOutcome = 'created' | 'duplicate' | 'unknown_node';

interface Row {
  node_id: string;
  /** null on the rows that only say "this node exists". */
  timestamp_s: number | null;
}

/**
 * Stores a batch of valid samples in one statement and says what became of each, in input order:
 * `created`, `duplicate` (that node already has a sample at that second: the stored one is kept,
 * so sending a sample twice is harmless), or `unknown_node`.
 *
 * One round trip whatever the batch size: the samples travel as six arrays (so the statement
 * neither grows with the batch nor nears PostgreSQL's 65535 parameters), the nodes are looked up
 * and the rows inserted with ON CONFLICT DO NOTHING in the same snapshot, and RETURNING names the
 * rows that were new.
 */
export async function storeSamples(pool: Pool, samples: Sample[]): Promise<StoreOutcome[]> {
  if (samples.length === 0) return [];
  // A key twice in one batch: the first occurrence is the one stored, the rest are duplicates of
  // it. Dropping them here also keeps ON CONFLICT from meeting a row twice in one statement.
  const firstIndex = new Map<string, number>();
  samples.forEach((s, i) => {
    const k = key(s.node_id, s.timestamp_s);
    if (!firstIndex.has(k)) firstIndex.set(k, i);
  });
  const unique = [...firstIndex.values()].map((i) => samples[i]!);

  let rows: Row[];
  try {
    rows = await insertUnique(pool, unique);
  } catch (error) {
    // A node deleted between the lookup and the insert (foreign_key_violation): once more, and
    // the lookup then reports it unknown.
    if ((error as { code?: unknown }).code !== '23503') throw error;
    rows = await insertUnique(pool, unique);
  }

  const known = new Set<string>();
  const created = new Set<string>();
  for (const row of rows) {
    if (row.timestamp_s === null) known.add(row.node_id);
    else created.add(key(row.node_id, row.timestamp_s));
  }
  return samples.map((s, i) => {
    if (!known.has(s.node_id)) return 'unknown_node';
    const k = key(s.node_id, s.timestamp_s);
    return created.has(k) && firstIndex.get(k) === i ? 'created' : 'duplicate';
  });
}

// Prepared once per connection (pg's named statements): parsing and planning this statement
// costs more than running it for a small batch.
const insertStatement = {
  name: 'ingest-store-samples',
  text: `
    WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::integer[], $3::smallint[], $4::numeric[], $5::smallint[], $6::text[])
        AS i (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status)
    ),
    known AS (
      SELECT id FROM nodes WHERE id IN (SELECT DISTINCT node_id FROM input)
    ),
    inserted AS (
      INSERT INTO samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status)
      SELECT node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status
      FROM input WHERE node_id IN (SELECT id FROM known)
      ON CONFLICT (node_id, timestamp_s) DO NOTHING
      RETURNING node_id, timestamp_s
    )
    SELECT id::text AS node_id, NULL::integer AS timestamp_s FROM known
    UNION ALL
    SELECT node_id::text, timestamp_s FROM inserted`,
};

async function insertUnique(pool: Pool, samples: Sample[]): Promise<Row[]> {
  const { rows } = await pool.query<Row>({
    ...insertStatement,
    values: [
      samples.map((s) => s.node_id),
      samples.map((s) => s.timestamp_s),
      samples.map((s) => s.co2_ppm),
      samples.map((s) => s.temperature_celsius),
      samples.map((s) => s.rel_humidity_percent),
      samples.map((s) => s.measurement_status),
    ],
  });
  return rows;
}

function key(nodeId: string, timestamp: number): string {
  return `${nodeId}/${timestamp}`;
}
