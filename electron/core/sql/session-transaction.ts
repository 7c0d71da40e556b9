import type pg from 'pg';

import type { DatabaseSession } from '../database/database-sessions';

/** What the editor needs of the Database screen's session: its pool, whether it writes, reconnection. */
export type SqlSession = Pick<DatabaseSession, 'pool' | 'readOnly' | 'withClient'>;

/** What a statement of the user runs with: the client inside the transaction, and cancellation. */
export interface Transaction {
  client: pg.PoolClient;
  readOnly: boolean;
  /** Rejects when the run was cancelled, before a statement starts. */
  checkCancelled: () => void;
}

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The query was cancelled');
  }
}

/**
 * Runs `work` in one transaction on a client of the connection's pool. On a read-only session the
 * transaction is `READ ONLY` and takes its snapshot first, so `SET transaction_read_only = off`
 * cannot lift it, and it is always rolled back, which also undoes any session setting the user
 * changed (`SET default_transaction_read_only = off` would otherwise outlive the run on this
 * pooled client). A writing session commits unless `rollback` is asked (EXPLAIN ANALYZE).
 *
 * Aborting `signal` cancels the running statement with pg_cancel_backend on another connection;
 * the transaction is rolled back and the client stays usable.
 */
export async function inSessionTransaction<T>(
  session: SqlSession,
  signal: AbortSignal,
  options: { rollback: boolean },
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  const readOnly = session.readOnly;
  // A read-only run changes nothing, so it may run again on a new connection after a drop.
  return session.withClient(
    async (client) => {
      if (signal.aborted) throw new CancelledError();
      await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      // The first query of the transaction takes its snapshot: from here on, read-only is fixed.
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pool = session.pool;
      const cancel = () => {
        // On another connection: the client itself is busy with the statement.
        pool.query('SELECT pg_cancel_backend($1)', [rows[0]?.pid]).catch(() => undefined);
      };
      signal.addEventListener('abort', cancel, { once: true });
      try {
        // Aborted while the transaction began: the listener came too late to hear it.
        if (signal.aborted) throw new CancelledError();
        const result = await work({
          client,
          readOnly,
          checkCancelled: () => {
            if (signal.aborted) throw new CancelledError();
          },
        });
        await client.query(readOnly || options.rollback ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (error) {
        // A lost connection fails the rollback too; pg then drops that client.
        await client.query('ROLLBACK').catch(() => undefined);
        throw signal.aborted ? new CancelledError() : error;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
    { retry: readOnly },
  );
}
