import mqtt, { type MqttClient } from 'mqtt';

import type { UplinkConnectionState } from '../../contract';
import { mqttUsername, uplinkSubscription } from '../../../services/domain/ttn/topics';
import { type ConnectionSubject, describeConnectionFailure, describeRefusal, refusalCode } from './connection-error';
import { withoutCredentials } from './uplink-sources';

export interface FeedOptions {
  url: string;
  applicationId: string;
  tenant: string;
  /** The API key; undefined for the simulated TTN, which takes anyone. */
  apiKey: string | undefined;
  onMessage: (topic: string, body: Buffer) => void;
  onState: (state: UplinkConnectionState, message?: string) => void;
  /** The first retry waits this long, each further one twice as long, up to half a minute. */
  minReconnectMs?: number;
}

const maxReconnectMs = 30_000;

/**
 * Watches one TTN application's uplinks, as its forwarder subscribes to them
 * (services/forwarder/uplink-subscription.ts) but as a viewer: a clean session, QoS 0 like TTN's
 * own, and a client id of its own so that it never takes over the forwarder's session. Network
 * failures are retried with growing pauses and reported; a refused login is reported once and not
 * retried, since only a new key or application id can fix it.
 */
export function watchApplication(options: FeedOptions): { close: () => Promise<void> } {
  const minReconnectMs = options.minReconnectMs ?? 1_000;
  const username = mqttUsername(options.applicationId, options.tenant);
  const subject: ConnectionSubject = { username, url: withoutCredentials(options.url) };
  const client: MqttClient = mqtt.connect(options.url, {
    username,
    ...(options.apiKey === undefined ? {} : { password: options.apiKey }),
    clientId: `clair-live-${options.applicationId}-${Math.random().toString(16).slice(2, 10)}`,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: minReconnectMs,
    reconnectOnConnackError: false,
    connectTimeout: 10_000,
  });
  let refused = false;
  let lastProblem: string | undefined;

  options.onState('connecting');
  client.on('message', (topic, payload) => options.onMessage(topic, payload));
  client.on('connect', () => {
    client.options.reconnectPeriod = minReconnectMs;
    lastProblem = undefined;
    client.subscribe(uplinkSubscription(options.applicationId, options.tenant), { qos: 0 }, (error, granted) => {
      // Mosquitto and TTN answer a refused subscription with SUBACK 128, not with an error.
      const denied = error ?? (granted?.some((grant) => grant.qos === 128) ? new Error('SUBACK 128') : undefined);
      if (denied) options.onState('refused', `subscribing as ${username} was refused (${denied.message})`);
      else options.onState('connected');
    });
  });
  client.on('error', (error) => {
    const code = refusalCode(error);
    if (code !== undefined) {
      refused = true;
      options.onState('refused', describeRefusal(code, subject));
      void client.endAsync();
      return;
    }
    lastProblem = describeConnectionFailure(error, subject);
    options.onState('reconnecting', lastProblem);
  });
  client.on('close', () => {
    if (refused || client.disconnecting) return;
    options.onState('reconnecting', lastProblem ?? `the connection to ${subject.url} closed; reconnecting`);
  });
  client.on('reconnect', () => {
    client.options.reconnectPeriod = Math.min((client.options.reconnectPeriod ?? minReconnectMs) * 2, maxReconnectMs);
  });
  return { close: () => client.endAsync() };
}
