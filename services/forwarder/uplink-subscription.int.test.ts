import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../tests/support/context';
import { subscribeToUplinks, type Uplink } from './uplink-subscription';

describe('subscribeToUplinks against Mosquitto', () => {
  const { CLAIR_MQTT_URL } = testEnvironment();
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it("receives the application's uplinks and nothing else", async () => {
    const received: Uplink[] = [];
    const subscription = await subscribeToUplinks(
      { TTN_MQTT_URL: CLAIR_MQTT_URL, TTN_APPLICATION_ID: 'clair-test', TTN_TENANT: 'ttn', TTN_API_KEY: 'NNSXS.TEST' },
      (uplink) => received.push(uplink),
      () => undefined,
    );
    closers.push(subscription.close);

    const publisher = await mqtt.connectAsync(CLAIR_MQTT_URL);
    closers.push(() => publisher.endAsync());
    const body = JSON.stringify({ end_device_ids: { device_id: 'eui-a81758fffe052b0f' }, uplink_message: {} });
    await publisher.publishAsync('v3/other-app@ttn/devices/dev9/up', '{}', { qos: 1 });
    await publisher.publishAsync('v3/clair-test@ttn/devices/eui-a81758fffe052b0f/join', '{}', { qos: 1 });
    await publisher.publishAsync('v3/clair-test@ttn/devices/eui-a81758fffe052b0f/up', body, { qos: 1 });

    await expect.poll(() => received.length).toBe(1);
    expect(received[0]?.topic).toEqual({
      applicationId: 'clair-test',
      tenant: 'ttn',
      deviceId: 'eui-a81758fffe052b0f',
    });
    expect(received[0]?.body.toString()).toBe(body);
  });
});
