import mqtt, { type MqttClient } from 'mqtt';

import { mqttUsername, parseUplinkTopic, type UplinkTopic, uplinkSubscription } from '../domain/ttn/topics';
import type { ForwarderEnv } from './env';

export interface Uplink {
  topic: UplinkTopic;
  /** The raw JSON message body as TTN published it. */
  body: Buffer;
}

export interface UplinkSubscription {
  close: () => Promise<void>;
}

/**
 * Subscribes to one TTN application's uplinks. mqtt.js reconnects on its own after a dropped
 * connection; with a persistent session (clean: false) and QoS 1 the broker keeps what arrived
 * meanwhile.
 */
export async function subscribeToUplinks(
  env: ForwarderEnv,
  onUplink: (uplink: Uplink) => void,
  log: (message: string) => void,
): Promise<UplinkSubscription> {
  const username = mqttUsername(env.TTN_APPLICATION_ID, env.TTN_TENANT);
  const client: MqttClient = await mqtt.connectAsync(env.TTN_MQTT_URL, {
    username,
    password: env.TTN_API_KEY,
    clientId: `clair-forwarder-${env.TTN_APPLICATION_ID}`,
    clean: false,
    reconnectPeriod: 2_000,
  });
  client.on('reconnect', () => log(`reconnecting to ${env.TTN_MQTT_URL} as ${username}`));
  client.on('error', (error) => log(`MQTT error: ${error.message}`));
  client.on('message', (topic, body) => {
    const parsed = parseUplinkTopic(topic);
    if (parsed) onUplink({ topic: parsed, body });
  });
  await client.subscribeAsync(uplinkSubscription(env.TTN_APPLICATION_ID, env.TTN_TENANT), { qos: 1 });
  return { close: () => client.endAsync() };
}
