import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Database } from './tables';

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  close: () => Promise<void>;
}

/**
 * One pool per process. A connection that the server drops (a database restart) must never end
 * the process: pg-pool reports it on the pool only while the connection is idle, and as an
 * 'error' event of the client, with no listener and so fatal, while a query runs. Both go to
 * `onConnectionError`; the query itself fails on its own and the pool opens a new connection.
 *
 * `connectionTimeoutMillis` bounds both the wait for a free connection and the connecting. Under a
 * burst (200 dashboards loading the overview at once) requests queue for a connection for
 * seconds; 30 s lets them be served instead of refused, and stays under the HTTP request timeout
 * (60 s). A database that refuses connections still fails at once.
 */
export function openDatabase(url: string, onConnectionError: (error: Error) => void, max = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 30_000 });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
