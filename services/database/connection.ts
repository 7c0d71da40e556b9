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
 */
export function openDatabase(url: string, onConnectionError: (error: Error) => void, max = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
