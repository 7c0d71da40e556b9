import type pg from 'pg';

import type { DatabaseSession } from './database-sessions';

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The query was cancelled');
  }
}

/** A cancelled stream is how the user stopped it, not a failure: the stream just ends. */
export function endQuietlyWhenCancelled(error: unknown): void {
  if (!(error instanceof CancelledError)) throw error;
}

/**
 * Runs `work` on `client`; aborting `signal` cancels the statement it is running
 * (pg_cancel_backend, sent by the session on a connection of its own: the pool's may all be busy)
 * and `work` rejects with CancelledError. Asks for the backend's pid first, which in a transaction
 * just begun also takes its snapshot.
 */
export async function cancelOnAbort<T>(
  session: Pick<DatabaseSession, 'cancelBackend'>,
  client: pg.ClientBase,
  signal: AbortSignal,
  work: () => Promise<T>,
): Promise<T> {
  if (signal.aborted) throw new CancelledError();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = rows[0]?.pid ?? 0;
  const cancel = () => void session.cancelBackend(pid);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    // Aborted while the pid was asked: the listener came too late to hear it.
    if (signal.aborted) throw new CancelledError();
    return await work();
  } catch (error) {
    throw signal.aborted ? new CancelledError() : error;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
