import mqtt from 'mqtt';

import { mqttUsername } from '../domain/ttn/topics';
import type { ApplicationUp } from './application-up';
import type { Clock } from './clock';
import type { UplinkSchedule } from './uplink-schedule';
import { applicationServerDelayMs, type UplinkOrigin, uplinkMessage } from './uplink-message';

export interface PublisherOptions {
  brokerUrl: string;
  tenant?: string;
  /** The MQTT password, a TTN API key (ttn-formats.md §1.1). */
  apiKey: string;
  origin: UplinkOrigin;
  schedule: UplinkSchedule;
  clock: Clock;
  /** Stop after this long, or after this many uplinks, whichever is given. */
  stop: { durationMs: number } | { count: number };
  signal?: AbortSignal;
  onPublish?: (topic: string, message: ApplicationUp) => void;
}

/** The topic TTN publishes a device's uplinks on (ttn-formats.md §1.2). */
function uplinkTopic(applicationId: string, tenant: string | undefined, deviceId: string): string {
  return `v3/${mqttUsername(applicationId, tenant)}/devices/${deviceId}/up`;
}

/**
 * Publishes the schedule's uplinks from now on, each when the Application Server would have
 * received it, with QoS 0 like TTN's upstream messages (ttn-formats.md §1.1).
 * @returns how many uplinks were published.
 */
export async function publishUplinks(options: PublisherOptions): Promise<number> {
  const { origin, clock, stop, signal } = options;
  const client = await mqtt.connectAsync(options.brokerUrl, {
    username: mqttUsername(origin.applicationId, options.tenant),
    password: options.apiKey,
    reconnectPeriod: 1_000,
  });
  let published = 0;
  try {
    const startMs = clock.now().getTime();
    const endMs = 'durationMs' in stop ? startMs + stop.durationMs : Number.POSITIVE_INFINITY;
    const delay = applicationServerDelayMs;
    for (const uplink of options.schedule.between(startMs - delay, endMs - delay)) {
      if (signal?.aborted || ('count' in stop && published >= stop.count)) break;
      const dueMs = uplink.receivedAtMs + delay;
      const waitMs = dueMs - clock.now().getTime();
      if (waitMs > 0) await clock.sleep(waitMs, signal);
      if (signal?.aborted) break;
      const message = uplinkMessage(origin, uplink);
      const topic = uplinkTopic(origin.applicationId, options.tenant, uplink.node.deviceId);
      await client.publishAsync(topic, JSON.stringify(message), { qos: 0 });
      published += 1;
      options.onPublish?.(topic, message);
    }
  } finally {
    await client.endAsync();
  }
  return published;
}
