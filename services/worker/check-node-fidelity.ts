import { type Kysely, sql } from 'kysely';

import type { Database, Fidelity } from '../database/tables';

export type FidelityCounts = Record<Fidelity, number>;

/**
 * The node fidelity check of original-clair.md §3.7, for all nodes in one statement: each node
 * is ALIVE (E) if its latest sample is at most `lookbackSeconds` old at `nowS`, MISSING (M) if at
 * most twice that, DEAD (D) if older, and UNKNOWN (U) if it never reported (the original crashed
 * on such a node). Its node_fidelity row records the latest sample's time and `nowS`.
 *
 * The lateral subquery reads each node's latest sample as one backward step on the samples
 * primary key (node_id, timestamp_s), so the cost follows the number of nodes, not of samples.
 * The arithmetic is bigint so that no lookback overflows it.
 * Resolves with how many nodes ended in each class.
 */
export async function checkNodeFidelity(
  db: Kysely<Database>,
  lookbackSeconds: number,
  nowS: number,
): Promise<FidelityCounts> {
  const { rows } = await sql<{ fidelity: Fidelity; nodes: number }>`
    WITH checked AS (
      INSERT INTO node_fidelity (node_id, fidelity, last_contact_s, last_check_s)
      SELECT nodes.id,
             CASE
               WHEN latest.timestamp_s IS NULL THEN 'U'
               WHEN ${nowS}::bigint - latest.timestamp_s <= ${lookbackSeconds}::bigint THEN 'E'
               WHEN ${nowS}::bigint - latest.timestamp_s <= 2 * ${lookbackSeconds}::bigint THEN 'M'
               ELSE 'D'
             END,
             latest.timestamp_s,
             ${nowS}::integer
      FROM nodes
      LEFT JOIN LATERAL (
        SELECT timestamp_s FROM samples WHERE samples.node_id = nodes.id ORDER BY timestamp_s DESC LIMIT 1
      ) AS latest ON true
      ON CONFLICT (node_id) DO UPDATE
        SET fidelity = excluded.fidelity,
            last_contact_s = excluded.last_contact_s,
            last_check_s = excluded.last_check_s
      RETURNING fidelity
    )
    SELECT fidelity, count(*)::integer AS nodes FROM checked GROUP BY fidelity`.execute(db);
  const counts: FidelityCounts = { E: 0, M: 0, D: 0, U: 0 };
  for (const { fidelity, nodes } of rows) counts[fidelity] = nodes;
  return counts;
}
