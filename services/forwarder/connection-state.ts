/** Whether the forwarder is connected to TTN and, when not, why: /health and the log say it. */
export type ConnectionState = { connected: true; since: Date } | { connected: false; since: Date; reason: string };

/** MQTT 3.1.1 CONNACK return codes (TTN answers 5 for a wrong or revoked API key). */
const connackReasons: Record<number, string> = {
  1: 'CONNACK: unacceptable protocol version',
  2: 'CONNACK: client identifier rejected',
  3: 'CONNACK: server unavailable (TTN also answers this when rate limiting)',
  4: 'CONNACK: bad user name or password',
  5: 'CONNACK: not authorized (check the API key and TTN_APPLICATION_ID@TTN_TENANT)',
};

const networkReasons: Record<string, string> = {
  ENOTFOUND: 'DNS: the MQTT host name does not resolve',
  EAI_AGAIN: 'DNS: temporary failure resolving the MQTT host name',
  ECONNREFUSED: 'connection refused by the MQTT server',
  ECONNRESET: 'connection reset by the MQTT server',
  ETIMEDOUT: 'connection to the MQTT server timed out',
  EHOSTUNREACH: 'the MQTT server is unreachable',
  ENETUNREACH: 'no network route to the MQTT server',
};

/** A reason an operator can act on, from whatever mqtt.js or the socket reported. */
export function describeConnectionError(error: Error & { code?: string | number }): string {
  if (typeof error.code === 'number') return connackReasons[error.code] ?? `CONNACK: refused with code ${error.code}`;
  if (error.code && networkReasons[error.code]) return `${networkReasons[error.code]} (${error.code})`;
  if (error.code?.startsWith('ERR_TLS') || /certificate|ssl|tls/i.test(`${error.code} ${error.message}`)) {
    return `TLS: ${error.code ?? ''} ${error.message}`.trim();
  }
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
