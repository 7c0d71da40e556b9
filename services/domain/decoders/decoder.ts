import { type NodeProtocol } from '../nodes/node-id';
import type { LoraDataRate } from '../ttn/data-rate';

export interface DecodeInput {
  bytes: Uint8Array;
  fPort: number | undefined;
  recvTime: Date;
  /** The uplink's data rate, when known; Clairchen's sampling interval follows it. */
  dataRate?: LoraDataRate | undefined;
}

/** TTN's TS013 payload-formatter result. Errors mean no samples; data may still show what decoded. */
export interface DecodeOutput<Data = unknown> {
  data?: Data;
  warnings: string[];
  errors: string[];
}

/** One measurement as managair stores it. */
export interface DecodedSample {
  timestampS: number;
  co2Ppm: number;
  temperatureCelsius: number | null;
  relHumidityPercent: number | null;
}

export interface Decoder<Data = unknown> {
  protocol: NodeProtocol;
  /** Decodes one uplink's FRMPayload. Never throws: bad payloads give `errors`. */
  decodeUplink(input: DecodeInput): DecodeOutput<Data>;
  /** The samples of decoded data, with the original's back-calculated timestamps (recvTime is the newest). */
  toSamples(data: Data, recvTime: Date): DecodedSample[];
}

/**
 * The error for an FPort that cannot carry an application payload, or undefined for one that can.
 * FPort 0 (absent in TTN JSON) is MAC-only and 224–255 are reserved; the devices' own port is
 * configurable (Elsys NFC `Port`, 1–254), so no fixed port is required.
 * @see ttn-formats.md §1.3 (encoding rules), §4.1
 */
export function fPortError(fPort: number | undefined): string | undefined {
  if (fPort !== undefined && Number.isInteger(fPort) && fPort >= 1 && fPort <= 223) return undefined;
  return `unknown FPort ${fPort ?? '(absent)'}: application payloads use FPort 1–223`;
}

/** A failed decode: errors and no data. */
export function failure<Data>(...errors: string[]): DecodeOutput<Data> {
  return { warnings: [], errors };
}

/**
 * Python's round(): half to even. The original rounded the reception time and the relative
 * humidity this way, and managair stored what it was sent.
 * @see original-clair.md §4.4 (timestamps), §4.7 (rel_humidity_percent)
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The reception time in whole epoch seconds, as the original's `rx`. */
export function receptionSecond(recvTime: Date): number {
  return roundHalfEven(recvTime.getTime() / 1000);
}
