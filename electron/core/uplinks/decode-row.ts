import type { UplinkApplication, UplinkRow } from '../../contract';
import { parseUplinkTopic } from '../../../services/domain/ttn/topics';
import type { DecodeUplink } from '../../../services/domain/ttn/uplink-decoding';
import { readUplinkReception } from '../../../services/domain/ttn/uplink-reception';

/** One message as it came off the broker. */
export interface ReceivedMessage {
  seq: number;
  application: UplinkApplication;
  topic: string;
  body: Buffer;
  /** When the control centre received it: the time of a message that names none. */
  arrivedAt: Date;
}

/**
 * The table row of one message: the forwarders' own decoding (`ttnUplinkDecoder`), and the
 * reception fields read leniently, so a message that fails still shows which device sent what.
 * Never throws: a message that is not even JSON is a `bad_uplink` row.
 */
export function decodeRow(message: ReceivedMessage, decode: DecodeUplink): UplinkRow {
  const { seq, application, topic, body } = message;
  const base = { seq, application, bytes: body.length, samples: [] };
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return {
      ...base,
      deviceId: parseUplinkTopic(topic)?.deviceId ?? topic,
      receivedAt: message.arrivedAt.toISOString(),
      gateways: 0,
      status: 'bad_uplink',
      error: `not JSON: ${(error as Error).message}`,
    };
  }
  const reception = readUplinkReception(json);
  const decoded = decode(json);
  return {
    ...base,
    deviceId: parseUplinkTopic(topic)?.deviceId ?? reception.deviceId ?? topic,
    ...(reception.devEui ? { devEui: reception.devEui } : {}),
    receivedAt: reception.receivedAt ?? message.arrivedAt.toISOString(),
    ...(reception.fPort === undefined ? {} : { fPort: reception.fPort }),
    ...(reception.fCnt === undefined ? {} : { fCnt: reception.fCnt }),
    ...(reception.rssi === undefined ? {} : { rssi: reception.rssi }),
    ...(reception.snr === undefined ? {} : { snr: reception.snr }),
    gateways: reception.gateways,
    ...(decoded.ok
      ? { status: 'decoded', samples: decoded.samples }
      : { status: decoded.reason, error: decoded.detail }),
  };
}
