import type { DecodedSample } from '../decoders/decoder';
import { decodeToSamples } from '../decoders/registry';
import type { NodeProtocol } from '../nodes/node-id';
import { parseV3Uplink } from './uplink';

/** What decoding one TTN uplink body (already JSON) gave: samples, or why there are none. */
export type DecodedUplink =
  | { ok: true; deviceId: string; devEui: string | undefined; samples: DecodedSample[] }
  | { ok: false; reason: 'bad_uplink' | 'decode_error' | 'no_payload'; deviceId: string | null; detail: string };

/** Parsing the TTN message and running the protocol's decoder, injected so tests can fake it. */
export type DecodeUplink = (json: unknown) => DecodedUplink;

/**
 * The real decoding: TTN v3 uplink JSON, then the protocol's payload decoder. The forwarders run
 * it, and the control centre's live uplinks, fixture preview and recovery run the very same code.
 */
export function ttnUplinkDecoder(protocol: NodeProtocol): DecodeUplink {
  return (json) => {
    const parsed = parseV3Uplink(json);
    if (!parsed.ok && parsed.withoutPayload) {
      return { ok: false, reason: 'no_payload', deviceId: parsed.deviceId ?? null, detail: parsed.reason };
    }
    if (!parsed.ok) return { ok: false, reason: 'bad_uplink', deviceId: deviceIdOf(json), detail: parsed.reason };
    const { uplink } = parsed;
    const decoded = decodeToSamples(protocol, {
      bytes: uplink.bytes,
      fPort: uplink.fPort,
      recvTime: uplink.receivedAt,
      dataRate: uplink.dataRate,
    });
    if (decoded.errors.length > 0) {
      return { ok: false, reason: 'decode_error', deviceId: uplink.deviceId, detail: decoded.errors.join('; ') };
    }
    return { ok: true, deviceId: uplink.deviceId, devEui: uplink.devEui, samples: decoded.samples };
  };
}

/** The device id of a message too broken to parse, when it has one, for the dead letter. */
function deviceIdOf(json: unknown): string | null {
  const ids = (json as { end_device_ids?: { device_id?: unknown } } | null)?.end_device_ids;
  return typeof ids?.device_id === 'string' ? ids.device_id : null;
}
