import { describe, expect, it } from 'vitest';

import { describeConnectionError } from './connection-state';

const error = (message: string, code?: string | number) => Object.assign(new Error(message), { code });

describe('describeConnectionError', () => {
  it.each([
    [error('Connection refused: Not authorized', 5), 'CONNACK: not authorized'],
    [error('Connection refused: Bad username or password', 4), 'CONNACK: bad user name or password'],
    [error('getaddrinfo ENOTFOUND eu1.example', 'ENOTFOUND'), 'DNS: the MQTT host name does not resolve'],
    [error('connect ECONNREFUSED 127.0.0.1:1883', 'ECONNREFUSED'), 'connection refused by the MQTT server'],
    [error('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'), 'TLS: DEPTH_ZERO_SELF_SIGNED_CERT'],
    [error('connack timeout'), 'connack timeout'],
  ])('names the cause of %s', (input, expected) => {
    expect(describeConnectionError(input)).toContain(expected);
  });
});
