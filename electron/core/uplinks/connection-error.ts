/** Who was connecting, for messages that name the application and the broker. */
export interface ConnectionSubject {
  /** `application@tenant`, the MQTT user name. */
  username: string;
  url: string;
}

/**
 * Why the broker refused a connection (MQTT 3.1.1 CONNACK return codes), in words. TTN answers
 * "not authorized" when the key lacks the traffic right, belongs to another application, or the
 * application id is wrong; it answers "server unavailable" when it rate limits (ttn-formats.md §1.1).
 */
export function describeRefusal(code: number, { username }: ConnectionSubject): string {
  switch (code) {
    case 1:
      return `the server refused the MQTT protocol version (3.1.1) for ${username}`;
    case 2:
      return `the server rejected the client identifier of ${username}`;
    case 3:
      return `the server is unavailable for ${username} (TTN also answers this when it rate limits); try again later`;
    case 4:
      return `bad user name or password for ${username}: the API key is not valid (mistyped, revoked or of another server)`;
    case 5:
      return `not authorized as ${username}: the API key lacks the right to read application traffic, belongs to another application, or the application id is wrong`;
    default:
      return `the server refused ${username} (CONNACK code ${code})`;
  }
}

const networkReasons: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name cannot be resolved right now',
  ECONNREFUSED: 'nothing accepts connections there',
  ECONNRESET: 'the server reset the connection',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'there is no network route to it',
};

/** A connection failure that is worth retrying (network, TLS), in words naming the broker. */
export function describeConnectionFailure(error: Error & { code?: unknown }, { url }: ConnectionSubject): string {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const reason = (code && networkReasons[code]) ?? error.message;
  return `cannot reach ${url}: ${reason}${code ? ` (${code})` : ''}`;
}

/** A CONNACK refusal carries its return code as a number; network errors carry a string code. */
export function refusalCode(error: Error & { code?: unknown }): number | undefined {
  return typeof error.code === 'number' ? error.code : undefined;
}
