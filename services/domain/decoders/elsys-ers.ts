import { z } from 'zod';

import {
  type DecodeInput,
  type Decoder,
  type DecodeOutput,
  failure,
  fPortError,
  receptionSecond,
  roundHalfEven,
} from './decoder';
import { type ElsysRecord, elsysRecordSchema, elsysTypes } from './elsys-types';

export const elsysErsDataSchema = z.object({
  /** Every record in payload order. The device sends the newest measurement group first. */
  records: z.array(elsysRecordSchema),
});
export type ElsysErsData = z.infer<typeof elsysErsDataSchema>;

/**
 * Seconds between the groups of a message, by its number of CO2 readings: the original's rule,
 * matching the ERS sampling periods it configured per MCS (one reading needs no interval).
 * @see original-clair.md §4.5
 */
const intervalByReadings: ReadonlyMap<number, number> = new Map([
  [1, 0],
  [2, 326],
  [3, 356],
  [4, 593],
  [5, 948],
]);

/**
 * The original's range checks, which caught sensor error codes: the extremes of the temperature
 * range, humidity above 100 % and CO2 above the sensor's 10000 ppm.
 * @see original-clair.md §4.5, §4.11 (ERS items)
 */
function rangeError(record: ElsysRecord): string | undefined {
  if (record.temperature !== undefined && Math.abs(record.temperature) > 3276.5) {
    return `temperature ${record.temperature} °C out of range ±3276.5`;
  }
  if (record.humidity !== undefined && record.humidity > 100) return `humidity ${record.humidity} % above 100`;
  if (record.co2 !== undefined && record.co2 > 10000) return `CO2 ${record.co2} ppm above 10000`;
  return undefined;
}

const typeHex = (typeByte: number): string => `0x${typeByte.toString(16).padStart(2, '0').toUpperCase()}`;

function parseRecords(bytes: Uint8Array): { records: ElsysRecord[] } | { error: string } {
  const records: ElsysRecord[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const typeByte = bytes[offset]!;
    const type = elsysTypes.get(typeByte);
    // The reference decoder silently stops at an unknown type and drops the rest (ttn-formats.md §4.4 quirk 1).
    if (!type) return { error: `unsupported Elsys type ${typeHex(typeByte)} at byte offset ${offset}` };
    const left = bytes.length - offset - 1;
    if (left < type.size) {
      return {
        error: `truncated ${type.name} record (type ${typeHex(typeByte)}) at byte offset ${offset}: needs ${type.size} value bytes, ${left} left`,
      };
    }
    const record = type.read(bytes, offset + 1);
    const outOfRange = rangeError(record);
    if (outOfRange) return { error: `${outOfRange} at byte offset ${offset}` };
    records.push(record);
    offset += 1 + type.size;
  }
  return { records };
}

const isMeasurement = (r: ElsysRecord): boolean =>
  r.co2 !== undefined || r.temperature !== undefined || r.humidity !== undefined;

const groupKeys = ['co2', 'temperature', 'humidity'] as const;

function countOf(group: ElsysRecord[], key: (typeof groupKeys)[number]): number {
  let count = 0;
  for (const record of group) if (record[key] !== undefined) count++;
  return count;
}

/**
 * The measurement groups of the records, newest first, or why they do not form any. As the
 * original: the CO2, temperature and humidity records split into one equal group per CO2 reading,
 * each holding its CO2 and, in every group or in none, one temperature and one humidity.
 * Relaxed (original-clair.md §8 item 8): a single reading is a group, a message may have
 * temperature without humidity or the reverse, and the other types (VDD, light, motion …) are
 * kept in the data but belong to no group.
 */
function measurementGroups(records: ElsysRecord[]): { groups: ElsysRecord[][] } | { error: string } {
  const measurements: ElsysRecord[] = [];
  let readings = 0;
  for (const record of records) {
    if (record.co2 !== undefined) readings++;
    if (isMeasurement(record)) measurements.push(record);
  }
  if (readings === 0) return { error: 'no CO2 reading in the payload' };
  if (!intervalByReadings.has(readings))
    return { error: `${readings} CO2 readings: the sampling interval is known for 1–5` };
  if (measurements.length % readings !== 0) {
    return {
      error: `${measurements.length} measurement records cannot form ${readings} equal groups, one per CO2 reading`,
    };
  }
  const size = measurements.length / readings;
  const groups: ElsysRecord[][] = [];
  for (let start = 0; start < measurements.length; start += size) groups.push(measurements.slice(start, start + size));
  for (const key of groupKeys) {
    const counts = groups.map((group) => countOf(group, key));
    const first = counts[0]!;
    if (first > 1 || (key === 'co2' && first !== 1) || counts.some((count) => count !== first)) {
      return {
        error: `${key} records per group are ${counts.join(', ')}; every group needs the same, one CO2 and at most one ${key}`,
      };
    }
  }
  return { groups };
}

/**
 * Elsys ERS CO2 and ERS CO2 Lite: type-value records, every type of the Elsys table read and kept.
 * @see ttn-formats.md §4, original-clair.md §4.5
 */
function decodeUplink({ bytes, fPort }: DecodeInput): DecodeOutput<ElsysErsData> {
  const portError = fPortError(fPort);
  if (portError) return failure(portError);
  if (bytes.length === 0) return failure('empty payload');
  const parsed = parseRecords(bytes);
  if ('error' in parsed) return failure(parsed.error);
  const data = { records: parsed.records };
  const grouped = measurementGroups(parsed.records);
  // The records are kept with the error: they decoded, they just hold no sample.
  if ('error' in grouped) return { data, warnings: [], errors: [grouped.error] };
  return { data, warnings: [], errors: [] };
}

export const elsysErsDecoder: Decoder<ElsysErsData> = {
  protocol: 'ELSYSERS',
  decodeUplink,
  toSamples({ records }, recvTime) {
    const grouped = measurementGroups(records);
    if ('error' in grouped) return [];
    const rx = receptionSecond(recvTime);
    const interval = intervalByReadings.get(grouped.groups.length)!;
    // Group 0 is the newest and gets rx; samples are returned oldest first.
    return grouped.groups
      .map((group, i) => {
        const temperature = group.find((r) => r.temperature !== undefined)?.temperature;
        const humidity = group.find((r) => r.humidity !== undefined)?.humidity;
        return {
          timestampS: rx - i * interval,
          co2Ppm: group.find((r) => r.co2 !== undefined)!.co2!,
          temperatureCelsius: temperature ?? null,
          relHumidityPercent: humidity === undefined ? null : roundHalfEven(humidity),
        };
      })
      .reverse();
  },
};
