import { z } from 'zod';

import { dataRateOfIndex, dataRateOfName, type LoraDataRate } from './data-rate';
import { decodeBase64 } from './uplink-base64';

/** One uplink as the platform uses it, whichever TTN stack sent it. */
export interface TtnUplink {
  applicationId: string;
  deviceId: string;
  /** Upper-case hex, as TTN renders EUIs. */
  devEui: string | undefined;
  /** Undefined when the message has none; TTN omits FPort 0, which carries no payload. */
  fPort: number | undefined;
  fCnt: number | undefined;
  bytes: Uint8Array;
  /** The network server's reception time, which the original used as the newest sample's time. */
  receivedAt: Date;
  /** The LoRa data rate, when the message says; Clairchen's sampling interval depends on it. */
  dataRate: LoraDataRate | undefined;
  simulated: boolean;
}

/**
 * `withoutPayload` marks a well-formed uplink that carries no application payload (FPort 0, MAC
 * commands only): the original skipped those with a warning, and so should every consumer.
 */
export type ParsedUplink =
  { ok: true; uplink: TtnUplink } | { ok: false; reason: string; withoutPayload?: true; deviceId?: string };

const eui = z.string().regex(/^[0-9A-Fa-f]{16}$/);
const rfc3339 = z.iso.datetime({ offset: true });
const port = z.number().int().min(0).max(255);
const counter = z.number().int().min(0);

/**
 * The fields of a v3 `ApplicationUp` this platform reads; the rest (metadata, decoded payload …)
 * is passed over. Zero values are omitted on the wire, so a missing `f_cnt` is frame 0.
 * @see ttn-formats.md §1.3
 */
const v3MessageSchema = z.object({
  end_device_ids: z.object({
    device_id: z.string().min(1),
    application_ids: z.object({ application_id: z.string().min(1) }),
    dev_eui: eui.optional(),
  }),
  received_at: rfc3339.optional(),
  uplink_message: z
    .object({
      f_port: port.optional(),
      f_cnt: counter.default(0),
      frm_payload: z.string().optional(),
      received_at: rfc3339.optional(),
      settings: z
        .object({
          data_rate: z
            .object({
              lora: z.object({ spreading_factor: z.number().int(), bandwidth: z.number().int() }).optional(),
            })
            .optional(),
          // Older v3 messages name the data rate by its index only, which the original read.
          data_rate_index: z.number().int().min(0).optional(),
        })
        .optional(),
    })
    .optional(),
  simulated: z.boolean().default(false),
});

/** The members of a v3 `ApplicationUp`'s `up` oneof: what a message, or a stored result, carries. */
export const applicationUpKinds = [
  'uplink_message',
  'uplink_normalized',
  'join_accept',
  'downlink_ack',
  'downlink_nack',
  'downlink_sent',
  'downlink_failed',
  'downlink_queued',
  'downlink_queue_invalidated',
  'location_solved',
  'service_data',
] as const;

/**
 * The legacy TTN v2 uplink (stack shut down 2021-12-08). It has no `simulated` flag, and omits
 * zero values like v3.
 * @see ttn-formats.md §2
 */
const v2MessageSchema = z.object({
  app_id: z.string().min(1),
  dev_id: z.string().min(1),
  hardware_serial: eui.optional(),
  port: port.optional(),
  counter: counter.default(0),
  payload_raw: z.string().optional(),
  metadata: z.object({ time: rfc3339, data_rate: z.string().optional() }),
});

function invalid(format: string, error: z.ZodError): ParsedUplink {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'message';
  return { ok: false, reason: `not a ${format} uplink: ${where}: ${issue?.message ?? 'invalid'}` };
}

function payloadBytes(field: string, text: string | undefined, deviceId: string): Uint8Array | ParsedUplink {
  // TTN omits frm_payload for FPort 0 (MAC commands only); the original skipped those messages.
  if (text === undefined) {
    return {
      ok: false,
      reason: `no ${field}: the uplink carries no application payload`,
      withoutPayload: true,
      deviceId,
    };
  }
  return decodeBase64(text) ?? { ok: false, reason: `${field} is not valid base64` };
}

/**
 * The uplink in a TTN v3 `ApplicationUp` message (MQTT `…/up`, webhooks, Storage Integration
 * results). The time is `uplink_message.received_at`, as in the original, not the top-level time.
 * @see ttn-formats.md §1.3, original-clair.md §4.2
 */
export function parseV3Uplink(json: unknown): ParsedUplink {
  const parsed = v3MessageSchema.safeParse(json);
  if (!parsed.success) return invalid('v3', parsed.error);
  const { end_device_ids: ids, uplink_message: up, simulated } = parsed.data;
  if (!up) {
    const other = applicationUpKinds.find((key) => Object.hasOwn(json as object, key));
    return { ok: false, reason: `not an uplink: ${other ?? 'no uplink_message'}` };
  }
  const bytes = payloadBytes('frm_payload', up.frm_payload, ids.device_id);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const receivedAt = up.received_at ?? parsed.data.received_at;
  if (!receivedAt) return { ok: false, reason: 'no received_at in the uplink' };
  return {
    ok: true,
    uplink: {
      applicationId: ids.application_ids.application_id,
      deviceId: ids.device_id,
      devEui: ids.dev_eui?.toUpperCase(),
      fPort: up.f_port,
      fCnt: up.f_cnt,
      bytes,
      receivedAt: new Date(receivedAt),
      dataRate: v3DataRate(up.settings),
      simulated,
    },
  };
}

type V3Settings = NonNullable<NonNullable<z.infer<typeof v3MessageSchema>['uplink_message']>['settings']>;

/** The data rate from the LoRa settings (bandwidth in Hz), else from the EU868 index. */
function v3DataRate(settings: V3Settings | undefined): LoraDataRate | undefined {
  const lora = settings?.data_rate?.lora;
  if (lora) return { spreadingFactor: lora.spreading_factor, bandwidthKhz: lora.bandwidth / 1000 };
  return settings?.data_rate_index === undefined ? undefined : dataRateOfIndex(settings.data_rate_index);
}

/**
 * The uplink in a legacy TTN v2 message (`<AppID>/devices/<DevID>/up`). `metadata.time` is the
 * server's reception time.
 * @see ttn-formats.md §2
 */
export function parseV2Uplink(json: unknown): ParsedUplink {
  const parsed = v2MessageSchema.safeParse(json);
  if (!parsed.success) return invalid('v2', parsed.error);
  const message = parsed.data;
  const bytes = payloadBytes('payload_raw', message.payload_raw, message.dev_id);
  if (!(bytes instanceof Uint8Array)) return bytes;
  return {
    ok: true,
    uplink: {
      applicationId: message.app_id,
      deviceId: message.dev_id,
      devEui: message.hardware_serial?.toUpperCase(),
      fPort: message.port,
      fCnt: message.counter,
      bytes,
      receivedAt: new Date(message.metadata.time),
      dataRate: message.metadata.data_rate === undefined ? undefined : dataRateOfName(message.metadata.data_rate),
      simulated: false,
    },
  };
}
