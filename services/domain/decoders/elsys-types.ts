import { z } from 'zod';

/**
 * One Elsys record, keyed as the TTN Device Repository decoder names its values. Records that
 * carry several values (acceleration, GPS, IR and sound) have several keys.
 * @see ttn-formats.md §4.2
 */
export const elsysRecordSchema = z
  .object({
    temperature: z.number(),
    humidity: z.number(),
    x: z.number(),
    y: z.number(),
    z: z.number(),
    light: z.number(),
    motion: z.number(),
    co2: z.number(),
    vdd: z.number(),
    analog1: z.number(),
    lat: z.number(),
    long: z.number(),
    pulse1: z.number(),
    pulseAbs: z.number(),
    externalTemperature: z.number(),
    digital: z.number(),
    distance: z.number(),
    accMotion: z.number(),
    irInternalTemperature: z.number(),
    irExternalTemperature: z.number(),
    occupancy: z.number(),
    waterleak: z.number(),
    grideye: z.array(z.number()),
    pressure: z.number(),
    soundPeak: z.number(),
    soundAvg: z.number(),
    pulse2: z.number(),
    pulseAbs2: z.number(),
    analog2: z.number(),
    externalTemperature2: z.number(),
    digital2: z.number(),
    analogUv: z.number(),
    tvoc: z.number(),
  })
  .partial()
  .strict();
export type ElsysRecord = z.infer<typeof elsysRecordSchema>;

export interface ElsysType {
  /** How the record is named in errors. */
  name: string;
  /** Value bytes after the type byte. */
  size: number;
  /** Reads the value that starts at `at`; the caller has checked that `size` bytes are there. */
  read(bytes: Uint8Array, at: number): ElsysRecord;
}

const uint8 = (bytes: Uint8Array, at: number): number => bytes[at]!;
const int8 = (bytes: Uint8Array, at: number): number => (bytes[at]! << 24) >> 24;
const uint16 = (bytes: Uint8Array, at: number): number => (bytes[at]! << 8) | bytes[at + 1]!;
const int16 = (bytes: Uint8Array, at: number): number => (uint16(bytes, at) << 16) >> 16;
const int32 = (bytes: Uint8Array, at: number): number =>
  (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
// The reference decoder's `(b << 24) | …` goes negative from 2^31; these counters are unsigned
// (ttn-formats.md §4.4 quirk 3).
const uint32 = (bytes: Uint8Array, at: number): number => int32(bytes, at) >>> 0;
/** Little-endian signed 24-bit, as the current Device Repository decoder reads GPS (§4.4 quirk 4). */
const int24le = (bytes: Uint8Array, at: number): number =>
  ((bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) << 8) >> 8;
/** Tenths of a degree Celsius. */
const decidegrees = (bytes: Uint8Array, at: number): number => int16(bytes, at) / 10;

const scalar = (name: keyof ElsysRecord, size: number, read: (bytes: Uint8Array, at: number) => number): ElsysType => ({
  name,
  size,
  read: (bytes, at) => ({ [name]: read(bytes, at) }),
});

const grideyePixels = 64;

/**
 * Every type of the Elsys payload, by type byte. Types not listed here (0x3D debug included, and
 * every byte with the offset bits 7..6 set) have no known size, so nothing after them can be read.
 * @see ttn-formats.md §4.2
 */
export const elsysTypes: ReadonlyMap<number, ElsysType> = new Map([
  [0x01, scalar('temperature', 2, decidegrees)],
  [0x02, scalar('humidity', 1, uint8)],
  [
    0x03,
    {
      name: 'acceleration',
      size: 3,
      read: (b, at) => ({ x: int8(b, at), y: int8(b, at + 1), z: int8(b, at + 2) }), // ±63 = 1 g
    },
  ],
  [0x04, scalar('light', 2, uint16)],
  [0x05, scalar('motion', 1, uint8)],
  [0x06, scalar('co2', 2, uint16)],
  [0x07, scalar('vdd', 2, uint16)],
  [0x08, scalar('analog1', 2, uint16)],
  [
    0x09,
    {
      name: 'gps',
      size: 6,
      read: (b, at) => ({ lat: int24le(b, at) / 10000, long: int24le(b, at + 3) / 10000 }), // degrees
    },
  ],
  [0x0a, scalar('pulse1', 2, uint16)],
  [0x0b, scalar('pulseAbs', 4, uint32)],
  [0x0c, scalar('externalTemperature', 2, decidegrees)],
  [0x0d, scalar('digital', 1, uint8)],
  [0x0e, scalar('distance', 2, uint16)],
  [0x0f, scalar('accMotion', 1, uint8)],
  [
    0x10,
    {
      name: 'irTemperature',
      size: 4,
      read: (b, at) => ({ irInternalTemperature: decidegrees(b, at), irExternalTemperature: decidegrees(b, at + 2) }),
    },
  ],
  [0x11, scalar('occupancy', 1, uint8)],
  [0x12, scalar('waterleak', 1, uint8)],
  [
    0x13,
    {
      name: 'grideye',
      size: 1 + grideyePixels,
      // A reference temperature, then each pixel as tenths of a degree above it.
      read: (b, at) => ({ grideye: Array.from(b.subarray(at + 1, at + 1 + grideyePixels), (p) => b[at]! + p / 10) }),
    },
  ],
  [0x14, scalar('pressure', 4, (b, at) => int32(b, at) / 1000)], // hPa
  [0x15, { name: 'sound', size: 2, read: (b, at) => ({ soundPeak: uint8(b, at), soundAvg: uint8(b, at + 1) }) }],
  [0x16, scalar('pulse2', 2, uint16)],
  [0x17, scalar('pulseAbs2', 4, uint32)],
  [0x18, scalar('analog2', 2, uint16)],
  [0x19, scalar('externalTemperature2', 2, decidegrees)],
  [0x1a, scalar('digital2', 1, uint8)],
  [0x1b, scalar('analogUv', 4, int32)], // signed µV
  [0x1c, scalar('tvoc', 2, uint16)],
]);
