import type pg from 'pg';

/**
 * How many of the control centre's sessions wait on a lock in `client`'s database. A test holds
 * `LOCK TABLE` to make a table page wait as a slow one would run, and sees it cancelled.
 */
export async function controlCentreLockWaits(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = 'clair-control-centre' AND wait_event_type = 'Lock' AND datname = current_database()`,
  );
  return rows[0]!.n;
}
