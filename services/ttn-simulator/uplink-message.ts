import { type ApplicationUp, applicationUpSchema } from './application-up';
import { formatDuration, loraAirtimeS } from './lora-airtime';
import { nodeKinds } from './node-kinds';
import { encodePayload } from './payload-encoder';
import { type ClimateSample, climateSample, roomProfile } from './room-climate';
import { noiseBetween, noiseBytes, noiseInt } from './seeded-random';
import type { SimulatedNode } from './simulated-nodes';
import { formatNanoTimestamp, ulid } from './ttn-time';

export interface UplinkOrigin {
  seed: number;
  applicationId: string;
  /** Sets `simulated: true`, as TTN does for uplinks simulated in its console. */
  simulated?: boolean;
}

/** One uplink of one node: the frame counter and when the Network Server received it. */
export interface ScheduledUplink {
  node: SimulatedNode;
  fCnt: number;
  /** Network Server reception, `uplink_message.received_at`, in milliseconds. */
  receivedAtMs: number;
}

/**
 * From Network Server to Application Server. A constant keeps the order by the top-level
 * `received_at` (what the Storage Integration sorts and filters on) equal to the order by NS time.
 */
export const applicationServerDelayMs = 213;

/** A few gateways around the simulated school, each node heard by one or two of them. */
const gateways = [
  { gateway_id: 'sim-gw-roof', eui: '58A0CBFFFE8052EC' },
  { gateway_id: 'sim-gw-library', eui: 'B827EBFFFE61A3C2' },
  { gateway_id: 'sim-gw-gym', eui: '0016C001FF1E5A7B' },
];

/** The EU868 channels TTN configures (Hz). */
const eu868Channels = [
  868_100_000, 868_300_000, 868_500_000, 867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000,
];

/**
 * The samples a node's payload carries when the NS receives it at `receivedAtMs`, oldest first.
 * Decoders stamp the newest sample with the rounded reception second and step back by the
 * sampling interval (original-clair.md §4.4, §4.5), so the simulator measures at those seconds.
 */
export function payloadSamples(seed: number, node: SimulatedNode, receivedAtMs: number): ClimateSample[] {
  const kind = nodeKinds[node.protocol];
  const room = roomProfile(seed, node.devEui);
  const newestS = receptionSecond(receivedAtMs);
  return Array.from({ length: kind.samplesPerMessage }, (_, i) =>
    climateSample(room, newestS - (kind.samplesPerMessage - 1 - i) * kind.sampleIntervalS),
  );
}

/** Python's round() (half to even) of the reception time, as the original computed `rx` (§4.4). */
function receptionSecond(receivedAtMs: number): number {
  const seconds = Math.floor(receivedAtMs / 1000);
  const millis = receivedAtMs - seconds * 1000;
  if (millis !== 500) return millis < 500 ? seconds : seconds + 1;
  return seconds % 2 === 0 ? seconds : seconds + 1;
}

/** The `ApplicationUp` JSON TTN publishes for this uplink (ttn-formats.md §1.3–1.4). */
export function uplinkMessage(origin: UplinkOrigin, uplink: ScheduledUplink): ApplicationUp {
  const { node, fCnt, receivedAtMs } = uplink;
  const { seed } = origin;
  const kind = nodeKinds[node.protocol];
  const payload = encodePayload(node.protocol, payloadSamples(seed, node, receivedAtMs));
  const airtimeS = loraAirtimeS(payload.length, kind.spreadingFactor);
  const key = [node.devEui, fCnt] as const;
  const nanos = (name: string) => noiseInt(0, 999_999, seed, ...key, name);
  // The gateway stamps the end of the transmission; its backhaul and the NS add some latency.
  const gatewayTimeMs = receivedAtMs - noiseInt(60, 120, seed, ...key, 'backhaul');
  const gatewayServerMs = receivedAtMs - noiseInt(10, 40, seed, ...key, 'gs');
  const gatewayCount = noiseInt(1, 2, seed, node.devEui, 'gateways');
  const firstGateway = noiseInt(0, gateways.length - 1, seed, node.devEui, 'gateway');
  const baseRssi = noiseBetween(-115, -60, seed, node.devEui, 'rssi');
  const rxMetadata = Array.from({ length: gatewayCount }, (_, i) => {
    const gateway = gateways[(firstGateway + i) % gateways.length] ?? gateways[0];
    // Concentrator clock: microseconds since the gateway booted, as uint32.
    const bootOffsetUs = noiseInt(0, 0xffff_ffff, seed, gateway?.gateway_id ?? '', 'boot');
    const timestamp = (bootOffsetUs + gatewayTimeMs * 1000) % 0x1_0000_0000;
    const rssi = Math.round(baseRssi - 6 * i + noiseBetween(-3, 3, seed, ...key, i, 'rssi'));
    return {
      gateway_ids: { gateway_id: gateway?.gateway_id ?? 'sim-gw', eui: gateway?.eui ?? '0000000000000000' },
      time: formatNanoTimestamp(gatewayTimeMs, nanos(`time-${i}`)),
      timestamp,
      rssi,
      channel_rssi: rssi,
      // SNR in quarter dB steps, as the concentrator reports it.
      snr: Math.round(4 * noiseBetween(-7, 10, seed, ...key, i, 'snr')) / 4,
      uplink_token: Buffer.from(noiseBytes(60, seed, ...key, i, 'token')).toString('base64'),
      received_at: formatNanoTimestamp(gatewayServerMs, nanos(`gs-${i}`)),
    };
  });
  const [firstRx] = rxMetadata;
  const asReceivedMs = receivedAtMs + applicationServerDelayMs;
  const message: ApplicationUp = {
    end_device_ids: {
      device_id: node.deviceId,
      application_ids: { application_id: origin.applicationId },
      dev_eui: node.devEui,
      join_eui: node.joinEui,
      dev_addr: node.devAddr,
    },
    correlation_ids: [
      `as:up:${ulid(asReceivedMs, noiseBytes(16, seed, ...key, 'as'))}`,
      `gs:uplink:${ulid(gatewayServerMs, noiseBytes(16, seed, ...key, 'gs'))}`,
    ],
    received_at: formatNanoTimestamp(asReceivedMs, nanos('as')),
    uplink_message: {
      session_key_id: node.sessionKeyId,
      f_port: kind.fPort,
      ...(fCnt === 0 ? {} : { f_cnt: fCnt }),
      frm_payload: Buffer.from(payload).toString('base64'),
      rx_metadata: rxMetadata,
      settings: {
        data_rate: { lora: { bandwidth: 125_000, spreading_factor: kind.spreadingFactor, coding_rate: '4/5' } },
        frequency: String(eu868Channels[noiseInt(0, eu868Channels.length - 1, seed, ...key, 'channel')]),
        timestamp: firstRx?.timestamp ?? 0,
        time: firstRx?.time ?? formatNanoTimestamp(gatewayTimeMs, 0),
      },
      received_at: formatNanoTimestamp(receivedAtMs, nanos('ns')),
      consumed_airtime: formatDuration(airtimeS),
      // TTN's community network (ttn-formats.md §1.4, the constructed ERS example).
      network_ids: {
        net_id: '000013',
        tenant_id: 'ttn',
        cluster_id: 'eu1',
        cluster_address: 'eu1.cloud.thethings.network',
      },
    },
    ...(origin.simulated ? { simulated: true as const } : {}),
  };
  return applicationUpSchema.parse(message);
}
