import { describe, expect, it } from 'vitest';

import { decodeToSamples } from '../domain/decoders/registry';
import type { NodeProtocol } from '../domain/nodes/node-id';
import { parseV3Uplink } from '../domain/ttn/uplink';
import { clairchenCo2, clairchenHumidity, clairchenTemperature } from './clairchen-encoder';
import type { ClimateSample } from './room-climate';
import { simulatedInventory } from './simulated-nodes';
import { payloadSamples, uplinkMessage } from './uplink-message';
import { UplinkSchedule } from './uplink-schedule';

const nodes = simulatedInventory(21, 2);
const schedule = new UplinkSchedule(nodes, { seed: 21, epoch: new Date('2026-11-01T00:00:00Z') });
const origin = { seed: 21, applicationId: 'clair-sim' };
// A school day: lessons, breaks and an empty evening.
const uplinks = [...schedule.between(Date.parse('2026-11-24T06:00:00Z'), Date.parse('2026-11-24T18:00:00Z'))];

/** What each format keeps of a sample (original-clair.md §4.4–4.6). */
const quantised: Record<NodeProtocol, (sample: ClimateSample) => ClimateSample> = {
  CLAIRCHEN: (sample) => ({
    timestampS: sample.timestampS,
    co2Ppm: 20 * clairchenCo2(sample.co2Ppm),
    temperatureCelsius: clairchenTemperature(sample.temperatureCelsius),
    relHumidityPercent: 10 * clairchenHumidity(sample.relHumidityPercent) + 10,
  }),
  ELSYSERS: (sample) => ({
    timestampS: sample.timestampS,
    co2Ppm: sample.co2Ppm,
    temperatureCelsius: sample.temperatureCelsius,
    relHumidityPercent: Math.round(sample.relHumidityPercent),
  }),
  TALKPOOLOY1012: (sample) => ({
    timestampS: sample.timestampS,
    co2Ppm: sample.co2Ppm,
    temperatureCelsius: sample.temperatureCelsius,
    // Humidity is sent to 0.1 % and stored as a whole percent (§4.7); the half is checked below.
    relHumidityPercent: sample.relHumidityPercent,
  }),
};

describe('simulated uplinks through the platform decoders', () => {
  it('covers every kind with many uplinks', () => {
    expect(new Set(uplinks.map((uplink) => uplink.node.protocol)).size).toBe(3);
    expect(uplinks.length).toBeGreaterThan(200);
  });

  it.each(['CLAIRCHEN', 'ELSYSERS', 'TALKPOOLOY1012'] as const)(
    '%s: parseV3Uplink → decodeToSamples gives back the simulated samples, quantised by the format',
    (protocol) => {
      for (const uplink of uplinks.filter((candidate) => candidate.node.protocol === protocol)) {
        const parsed = parseV3Uplink(JSON.parse(JSON.stringify(uplinkMessage(origin, uplink))));
        if (!parsed.ok) throw new Error(parsed.reason);
        expect(parsed.uplink).toMatchObject({
          deviceId: uplink.node.deviceId,
          devEui: uplink.node.devEui,
          simulated: false,
        });
        const { samples, errors } = decodeToSamples(protocol, {
          bytes: parsed.uplink.bytes,
          fPort: parsed.uplink.fPort,
          recvTime: parsed.uplink.receivedAt,
        });
        expect(errors).toEqual([]);
        const expected = payloadSamples(21, uplink.node, uplink.receivedAtMs).map(quantised[protocol]);
        expect(samples).toHaveLength(expected.length);
        expected.forEach(({ relHumidityPercent, ...rest }, i) => {
          expect(samples[i]).toMatchObject(rest);
          expect(Math.abs((samples[i]?.relHumidityPercent ?? Number.NaN) - relHumidityPercent)).toBeLessThanOrEqual(
            0.5,
          );
        });
      }
    },
  );
});
