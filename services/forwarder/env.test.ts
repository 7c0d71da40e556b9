import { describe, expect, it } from 'vitest';

import { loadEnv } from '../runtime/env';
import { ForwarderEnv } from './env';

const minimal = {
  TTN_MQTT_URL: 'mqtts://eu1.cloud.thethings.network:8883',
  TTN_APPLICATION_ID: 'elsys-ers-co2',
  TTN_API_KEY: 'NNSXS.KEY',
  FORWARDER_PROTOCOL: 'ELSYSERS',
  INGEST_TOKEN: '0123456789abcdef0123',
};

describe('ForwarderEnv', () => {
  it('fills in the stack defaults', () => {
    expect(loadEnv(ForwarderEnv, minimal)).toMatchObject({
      TTN_TENANT: 'ttn',
      INGEST_URL: 'http://ingestair:8888/ingest/v1/ingest/',
      SPOOL_DIR: '/var/lib/clair-forwarder',
      PORT: 8080,
      BATCH_SIZE: 500,
    });
  });

  it.each([
    ['TTN_MQTT_URL', 'https://eu1.cloud.thethings.network'],
    ['FORWARDER_PROTOCOL', 'LHT65'],
    ['INGEST_TOKEN', 'short'],
    ['BATCH_SIZE', '5001'],
  ])('refuses %s=%s, naming the variable but not the value', (name, value) => {
    expect(() => loadEnv(ForwarderEnv, { ...minimal, [name]: value })).toThrow(name);
    expect(() => loadEnv(ForwarderEnv, { ...minimal, [name]: value })).not.toThrow(value);
  });
});
