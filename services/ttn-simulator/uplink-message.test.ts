import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { loraAirtimeS } from './lora-airtime';
import { encodePayload } from './payload-encoder';
import { simulatedInventory } from './simulated-nodes';
import { payloadSamples, uplinkMessage } from './uplink-message';

/** The verbatim uplink of ttn-formats.md §1.4. */
const documented = JSON.parse(readFileSync(new URL('documented-uplink.json', import.meta.url), 'utf8')) as unknown;

/**
 * Documented keys TTN sends only in situations the simulator does not model: a payload
 * formatter, confirmed uplinks, a Device Repository link, a battery report (v3.33.1+), and the
 * Cloud tenant's NS id and address, which TTN's community network does not show (§1.4).
 */
const notModelled = new Set([
  'uplink_message.decoded_payload',
  'uplink_message.confirmed',
  'uplink_message.version_ids',
  'uplink_message.last_battery_percentage',
  'uplink_message.network_ids.ns_id',
  'uplink_message.network_ids.tenant_address',
]);

/** Every key path with the JSON type of its value; arrays are described by their first element. */
function shape(value: unknown, path = ''): Map<string, string> {
  const shapes = new Map<string, string>();
  if (Array.isArray(value)) {
    shapes.set(path, 'array');
    for (const [key, type] of shape(value[0], path)) if (key !== path) shapes.set(key, type);
  } else if (typeof value === 'object' && value !== null) {
    if (path) shapes.set(path, 'object');
    for (const [key, child] of Object.entries(value)) {
      for (const [childPath, type] of shape(child, path ? `${path}.${key}` : key)) shapes.set(childPath, type);
    }
  } else {
    shapes.set(path, typeof value);
  }
  return shapes;
}

const nodes = simulatedInventory(5, 1);
const receivedAtMs = Date.parse('2026-11-23T09:17:31.250Z');
const origin = { seed: 5, applicationId: 'clair-sim' };

describe('uplinkMessage', () => {
  it.each(nodes.map((node) => [node.protocol, node] as const))(
    'has the documented structure for %s: same keys and types at every level',
    (_, node) => {
      const message = uplinkMessage(origin, { node, fCnt: 42, receivedAtMs });
      const expected = new Map(
        [...shape(documented)].filter(([path]) => ![...notModelled].some((p) => path.startsWith(p))),
      );
      expect(Object.fromEntries(shape(message))).toEqual(Object.fromEntries(expected));
    },
  );

  it('fills the fields that have fixed values on TTN', () => {
    const node = nodes[1];
    if (!node) throw new Error('no ERS node');
    const message = uplinkMessage(origin, { node, fCnt: 42, receivedAtMs });
    expect(message.end_device_ids).toMatchObject({
      device_id: node.deviceId,
      application_ids: { application_id: 'clair-sim' },
      dev_eui: node.devEui,
      dev_addr: node.devAddr,
    });
    expect(message.uplink_message).toMatchObject({
      f_port: 5,
      f_cnt: 42,
      session_key_id: node.sessionKeyId,
      settings: { data_rate: { lora: { bandwidth: 125_000, spreading_factor: 10, coding_rate: '4/5' } } },
      received_at: '2026-11-23T09:17:31.250' + message.uplink_message.received_at.slice(23),
      network_ids: {
        net_id: '000013',
        tenant_id: 'ttn',
        cluster_id: 'eu1',
        cluster_address: 'eu1.cloud.thethings.network',
      },
    });
    expect(message.uplink_message.received_at).toMatch(/^2026-11-23T09:17:31\.250\d{6}Z$/);
    expect(message.received_at > message.uplink_message.received_at).toBe(true);
    expect(message.uplink_message.rx_metadata[0]?.received_at.localeCompare(message.uplink_message.received_at)).toBe(
      -1,
    );
    expect(message.correlation_ids?.map((id) => id.split(':').slice(0, -1).join(':'))).toEqual(['as:up', 'gs:uplink']);
    expect(message).not.toHaveProperty('simulated');
  });

  it('carries the encoded samples and their airtime', () => {
    for (const node of nodes) {
      const message = uplinkMessage(origin, { node, fCnt: 42, receivedAtMs });
      const payload = encodePayload(node.protocol, payloadSamples(5, node, receivedAtMs));
      expect(Buffer.from(message.uplink_message.frm_payload, 'base64')).toEqual(Buffer.from(payload));
      const airtime = loraAirtimeS(payload.length, message.uplink_message.settings.data_rate.lora.spreading_factor);
      expect(Number.parseFloat(message.uplink_message.consumed_airtime)).toBeCloseTo(airtime, 9);
    }
  });

  it('stamps the newest sample with the rounded reception second, older ones an interval apart', () => {
    const clairchen = nodes[0];
    if (!clairchen) throw new Error('no Clairchen node');
    expect(payloadSamples(5, clairchen, receivedAtMs).map((sample) => sample.timestampS)).toEqual([
      Math.round(receivedAtMs / 1000) - 356,
      Math.round(receivedAtMs / 1000) - 178,
      Math.round(receivedAtMs / 1000),
    ]);
  });

  it('omits f_cnt 0 as TTN does, and marks simulated uplinks only when asked', () => {
    const node = nodes[2];
    if (!node) throw new Error('no OY1012 node');
    const first = uplinkMessage({ ...origin, simulated: true }, { node, fCnt: 0, receivedAtMs });
    expect(first.uplink_message).not.toHaveProperty('f_cnt');
    expect(first.simulated).toBe(true);
  });

  it('is the same message whenever it is built', () => {
    const node = nodes[0];
    if (!node) throw new Error('no node');
    expect(uplinkMessage(origin, { node, fCnt: 7, receivedAtMs })).toEqual(
      uplinkMessage(origin, { node, fCnt: 7, receivedAtMs }),
    );
  });
});
