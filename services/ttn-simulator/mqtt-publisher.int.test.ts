import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';

import { parseUplinkTopic, uplinkSubscription } from '../domain/ttn/topics';
import { testEnvironment } from '../../tests/support/context';
import { type ApplicationUp, applicationUpSchema } from './application-up';
import { steppingClock } from './clock';
import { publishUplinks } from './mqtt-publisher';
import { simulatedInventory } from './simulated-nodes';
import { modelHistory } from './uplink-history';
import { UplinkSchedule } from './uplink-schedule';

describe('publishUplinks against Mosquitto', () => {
  const { CLAIR_MQTT_URL } = testEnvironment();
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  async function subscribe(applicationId: string) {
    const received: { topic: string; message: ApplicationUp }[] = [];
    const subscriber = await mqtt.connectAsync(CLAIR_MQTT_URL);
    closers.push(() => subscriber.endAsync());
    subscriber.on('message', (topic, body) => {
      received.push({ topic, message: applicationUpSchema.parse(JSON.parse(body.toString())) });
    });
    await subscriber.subscribeAsync(uplinkSubscription(applicationId, 'ttn'), { qos: 0 });
    return received;
  }

  it('publishes a rate for a duration: well-formed uplinks on the device topics, the same as the history', async () => {
    const applicationId = `sim-rate-${process.pid}`;
    const received = await subscribe(applicationId);
    const nodes = simulatedInventory(11, 2);
    const start = new Date('2026-11-23T09:00:00Z');
    // 6 nodes at 2 uplinks per second for 10 seconds.
    const schedule = new UplinkSchedule(nodes, {
      seed: 11,
      epoch: new Date('2026-11-01T00:00:00Z'),
      uplinkIntervalS: 3,
    });
    const origin = { seed: 11, applicationId };
    const published = await publishUplinks({
      brokerUrl: CLAIR_MQTT_URL,
      tenant: 'ttn',
      apiKey: 'NNSXS.SIMULATOR',
      origin,
      schedule,
      clock: steppingClock(start),
      stop: { durationMs: 10_000 },
    });

    expect(published).toBe(20);
    await expect.poll(() => received.length).toBe(20);
    for (const { topic, message } of received) {
      expect(parseUplinkTopic(topic)).toEqual({
        applicationId,
        tenant: 'ttn',
        deviceId: message.end_device_ids.device_id,
      });
    }
    const history = [...modelHistory(schedule, origin).between(start.getTime(), start.getTime() + 10_000, 'ascending')];
    expect(received.map(({ message }) => message)).toEqual(history);
  });

  it('stops after a count, with the nodes at their own pace', async () => {
    const applicationId = `sim-count-${process.pid}`;
    const received = await subscribe(applicationId);
    const nodes = simulatedInventory(12, 1);
    const published = await publishUplinks({
      brokerUrl: CLAIR_MQTT_URL,
      tenant: 'ttn',
      apiKey: 'NNSXS.SIMULATOR',
      origin: { seed: 12, applicationId, simulated: true },
      schedule: new UplinkSchedule(nodes, { seed: 12, epoch: new Date('2026-11-01T00:00:00Z') }),
      clock: steppingClock(new Date('2026-11-23T09:00:00Z')),
      stop: { count: 7 },
    });

    expect(published).toBe(7);
    await expect.poll(() => received.length).toBe(7);
    expect(new Set(received.map(({ message }) => message.end_device_ids.device_id))).toEqual(
      new Set(nodes.map((node) => node.deviceId)),
    );
    expect(received.every(({ message }) => message.simulated === true)).toBe(true);
  });
});
