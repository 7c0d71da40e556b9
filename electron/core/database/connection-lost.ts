/**
 * PostgreSQL's SQLSTATEs for a server going away (admin shutdown, crash shutdown, cannot connect
 * now) and the socket errors of a dropped connection.
 */
const lostCodes = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
/** pg reports a connection ended under it only in words. */
const lostMessages = /Connection terminated|connection ended|not queryable|could not reach PostgreSQL|No task of/i;

/** Whether an error means the connection is gone (a new one may work), not that the SQL failed. */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && lostCodes.has(code)) || lostMessages.test(error.message);
}
