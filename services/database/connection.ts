import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Database } from './tables';

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  close: () => Promise<void>;
}

/** One pool per process. A connection lost while idle (a database restart) is replaced, not fatal. */
export function openDatabase(url: string, onIdleError: (error: Error) => void, max = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  pool.on('error', onIdleError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
