import type pg from 'pg';

import { cancelOnAbort, CancelledError } from '../database/cancel-on-abort';
import type { DatabaseSession } from '../database/database-sessions';

/** What the editor needs of the Database screen's session: its pool, whether it writes, reconnection, cancel. */
export type SqlSession = Pick<DatabaseSession, 'pool' | 'readOnly' | 'withClient' | 'cancelBackend'>;

/** What a statement of the user runs with: the client inside the transaction, and cancellation. */
export interface Transaction {
  client: pg.PoolClient;
  readOnly: boolean;
  /** Rejects when the run was cancelled, before a statement starts. */
  checkCancelled: () => void;
}

/**
 * Runs `work` in one transaction on a client of the connection's pool. On a read-only session the
 * transaction is `READ ONLY` and takes its snapshot first, so `SET transaction_read_only = off`
 * cannot lift it, and it is always rolled back, which also undoes any session setting the user
 * changed (`SET default_transaction_read_only = off` would otherwise outlive the run on this
 * pooled client). A writing session commits unless `rollback` is asked (EXPLAIN ANALYZE).
 *
 * Aborting `signal` cancels the running statement (cancel-on-abort.ts); the transaction is rolled
 * back and the client stays usable.
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
      try {
        // The pid query is the first of the transaction: it takes the snapshot, and from here on read-only is fixed.
        const result = await cancelOnAbort(session, client, signal, () =>
          work({
            client,
            readOnly,
            checkCancelled: () => {
              if (signal.aborted) throw new CancelledError();
            },
          }),
        );
        await client.query(readOnly || options.rollback ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (error) {
        // A lost connection fails the rollback too; pg then drops that client.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    { retry: readOnly },
  );
}
