/**
 * Whether an error means "the database cannot be reached right now" (it is restarting, the
 * network is down, it refuses connections) rather than "this query is wrong". The first kind is
 * answered with 503 and Retry-After, because the same request will succeed later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; depth++) {
    if (unavailable(e)) return true;
    // Node reports a failed connect to several addresses (localhost: ::1 and 127.0.0.1) as one
    // AggregateError; Kysely's migrator wraps errors as a cause.
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = e.cause;
  }
  return false;
}

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// SQLSTATEs: class 08 connection exception; 57P01..57P03 the server is shutting down or starting;
// 53300 too many connections.
const serverStates = /^(08...|57P0[1-3]|53300)$/;

const poolMessages = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

function unavailable(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (socketCodes.has(code) || serverStates.test(code))) return true;
  return poolMessages.some((message) => error.message.includes(message));
}
