import type { DecodedUplink, DecodeUplink } from '../domain/ttn/uplink-decoding';
import { type NodeProtocol, nodeIdFromDevEui } from '../domain/nodes/node-id';
import type { NewDeadLetter } from './dead-letter-store';
import type { NewSample } from './spooled-sample';

export type Interpretation =
  | { kind: 'samples'; samples: NewSample[] }
  | { kind: 'dead'; letter: NewDeadLetter }
  | { kind: 'skipped'; deviceId: string; reason: string };

/**
 * Turns one MQTT message into spoolable samples or a dead letter. Never throws: whatever a
 * device or TTN sends, the forwarder keeps running and keeps the message for an admin.
 */
export function interpretUplink(
  message: { topic: string; deviceId: string; body: Buffer },
  protocol: NodeProtocol,
  decode: DecodeUplink,
): Interpretation {
  const dead = (reason: NewDeadLetter['reason'], deviceId: string | null, detail: string): Interpretation => ({
    kind: 'dead',
    letter: { reason, deviceId, detail, topic: message.topic, message: message.body.toString('base64') },
  });
  let json: unknown;
  try {
    json = JSON.parse(message.body.toString('utf8'));
  } catch (error) {
    return dead('bad_json', message.deviceId, (error as Error).message);
  }
  let decoded: DecodedUplink;
  try {
    decoded = decode(json);
  } catch (error) {
    // Decoders promise not to throw; a bug in one must still not stop the forwarder.
    return dead('decode_error', message.deviceId, `decoder failed: ${String(error)}`);
  }
  if (!decoded.ok) {
    const deviceId = decoded.deviceId ?? message.deviceId;
    // An uplink without application payload (FPort 0, MAC commands) is no fault: nothing to keep.
    if (decoded.reason === 'no_payload') return { kind: 'skipped', deviceId, reason: decoded.detail };
    return dead(decoded.reason, deviceId, decoded.detail);
  }
  if (!decoded.devEui) return dead('no_dev_eui', decoded.deviceId, 'the uplink has no end_device_ids.dev_eui');
  let nodeId: string;
  try {
    nodeId = nodeIdFromDevEui(protocol, decoded.devEui);
  } catch (error) {
    return dead('no_dev_eui', decoded.deviceId, (error as Error).message);
  }
  return {
    kind: 'samples',
    samples: decoded.samples.map((sample) => ({ nodeId, deviceId: decoded.deviceId, sample })),
  };
}
