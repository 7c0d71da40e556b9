import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

import { mqttUsername, parseUplinkTopic, type UplinkTopic, uplinkSubscription } from '../domain/ttn/topics';
import { type ConnectionState, describeConnectionError } from './connection-state';
import type { Log } from './log';

export interface Uplink {
  topic: UplinkTopic;
  /** The full MQTT topic, kept with dead letters. */
  topicName: string;
  /** The raw JSON message body as TTN published it. */
  body: Buffer;
}

export interface SubscriptionOptions {
  url: string;
  applicationId: string;
  tenant: string;
  apiKey: string;
  /**
   * Extra certificate authorities (PEM) to trust for mqtts://, for a broker with a private CA;
   * TTN's own servers use public ones, which Node trusts anyway.
   */
  ca?: string;
  /** The first reconnect waits this long, each further one twice as long, up to a minute. */
  minReconnectMs?: number;
}

export interface UplinkSubscription {
  state: () => ConnectionState;
  /** Stops consuming; messages not yet handled stay unacknowledged with the broker. */
  close: () => Promise<void>;
}

const maxReconnectMs = 60_000;

/**
 * Subscribes to one TTN application's uplinks and hands each to `onUplink`; the message is
 * acknowledged only when `onUplink` resolves (the sample is on disk), so a crash in between
 * means a redelivery, not a loss. That holds where the broker delivers QoS 1 with a persistent
 * session (clean: false); TTN itself publishes QoS 0, where the Storage Integration is the
 * recovery path. Connection problems never throw: they are retried with growing delays and
 * reported through `state` and the log.
 */
export function subscribeToUplinks(
  options: SubscriptionOptions,
  onUplink: (uplink: Uplink) => Promise<void>,
  log: Log,
  onState: (state: ConnectionState) => void = () => undefined,
): UplinkSubscription {
  const minReconnectMs = options.minReconnectMs ?? 1_000;
  const username = mqttUsername(options.applicationId, options.tenant);
  const subscription = uplinkSubscription(options.applicationId, options.tenant);
  const clientOptions: IClientOptions = {
    username,
    password: options.apiKey,
    clientId: `clair-forwarder-${options.applicationId}`,
    protocolVersion: 4,
    clean: false,
    reconnectPeriod: minReconnectMs,
    // A refused API key may be replaced; keep trying (slowly) rather than give up for good.
    reconnectOnConnackError: true,
    connectTimeout: 10_000,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  let state: ConnectionState = { connected: false, since: new Date(), reason: 'connecting' };
  const setState = (next: ConnectionState): void => {
    state = next;
    onState(next);
  };
  const client: MqttClient = mqtt.connect(options.url, clientOptions);

  client.handleMessage = (packet, done) => {
    const topic = parseUplinkTopic(packet.topic);
    if (!topic) return done();
    const body = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    onUplink({ topic, topicName: packet.topic, body }).then(
      () => done(),
      (error: unknown) => {
        // Not acknowledged: the broker delivers the message again after a reconnect.
        log('error', 'could not store an uplink, leaving it unacknowledged', { error: String(error) });
        done(error as Error);
      },
    );
  };
  client.on('connect', (connack) => {
    client.options.reconnectPeriod = minReconnectMs;
    setState({ connected: true, since: new Date() });
    log('info', 'connected to the TTN MQTT server', {
      url: options.url,
      username,
      sessionPresent: connack.sessionPresent,
    });
    client.subscribe(subscription, { qos: 1 }, (error) => {
      if (error) log('error', 'subscribing to uplinks failed', { topic: subscription, error: error.message });
    });
  });
  client.on('error', (error) => {
    const reason = describeConnectionError(error);
    if (!state.connected && state.reason === reason) return;
    setState({ connected: false, since: new Date(), reason });
    log('warn', 'MQTT connection problem', { url: options.url, username, reason });
  });
  client.on('close', () => {
    if (!state.connected) return;
    if (client.disconnecting) {
      setState({ connected: false, since: new Date(), reason: 'shutting down' });
      return;
    }
    setState({ connected: false, since: new Date(), reason: 'connection closed' });
    log('warn', 'MQTT connection closed', { url: options.url });
  });
  client.on('reconnect', () => {
    client.options.reconnectPeriod = Math.min((client.options.reconnectPeriod ?? minReconnectMs) * 2, maxReconnectMs);
  });
  return { state: () => state, close: () => client.endAsync() };
}
