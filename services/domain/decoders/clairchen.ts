import { z } from 'zod';

import { type LoraDataRate, dataRateName } from '../ttn/data-rate';
import { type DecodeInput, type Decoder, type DecodeOutput, failure, fPortError, receptionSecond } from './decoder';

export const clairchenDataSchema = z.object({
  /** Seconds between the samples, from the data rate the firmware chose them for. */
  intervalS: z.number().int(),
  /** Oldest first, as the firmware sends them. */
  samples: z.array(
    z.object({
      co2Ppm: z.number().int(),
      temperatureCelsius: z.number().int(),
      relHumidityPercent: z.number().int(),
    }),
  ),
});
export type ClairchenData = z.infer<typeof clairchenDataSchema>;

/**
 * The firmware samples at an interval that depends on the data rate it transmits at, and the
 * original took it from the uplink's MCS, falling back to SF9BW125 when the uplink had none (or
 * an unknown one).
 * @see original-clair.md §4.2 (fallback), §4.4 (MCS table)
 */
const intervalByDataRate: Record<string, number> = {
  SF7BW250: 38,
  SF7BW125: 75,
  SF8BW125: 134,
  SF9BW125: 178,
  SF10BW125: 214,
  SF11BW125: 534,
  SF12BW125: 855,
};
const fallbackIntervalS = 178;

function samplingInterval(dataRate: LoraDataRate | undefined): number {
  return (dataRate && intervalByDataRate[dataRateName(dataRate)]) ?? fallbackIntervalS;
}

const sampleBytes = 2;

/**
 * Clairchen "sample list" messages: a header byte (version bits 7..6 and message id bits 5..3,
 * both 0, then the sample count − 1 in bits 2..0) and 2-byte samples, oldest first.
 * @see original-clair.md §4.4
 */
function decodeUplink({ bytes, fPort, dataRate }: DecodeInput): DecodeOutput<ClairchenData> {
  const portError = fPortError(fPort);
  if (portError) return failure(portError);
  const header = bytes[0];
  if (header === undefined) return failure('empty payload: no header byte');
  const version = header >> 6;
  const messageId = (header >> 3) & 0b111;
  if (version !== 0) return failure(`unsupported version ${version} in header byte 0`);
  if (messageId !== 0) return failure(`unsupported message id ${messageId} in header byte 0`);
  if ((bytes.length - 1) % sampleBytes !== 0) {
    return failure(`truncated sample at byte offset ${bytes.length - 1}: a sample needs 2 bytes`);
  }
  const expected = (header & 0b111) + 1;
  const count = (bytes.length - 1) / sampleBytes;
  if (count !== expected) return failure(`incorrect sample count: header says ${expected}, payload holds ${count}`);
  const samples: ClairchenData['samples'] = [];
  for (let offset = 1; offset < bytes.length; offset += sampleBytes) {
    const co2 = bytes[offset]!;
    const climate = bytes[offset + 1]!;
    samples.push({
      co2Ppm: co2 * 20, // 20 ppm steps, 0…5100 ppm
      temperatureCelsius: climate >> 3, // whole °C, 0…31
      relHumidityPercent: (climate & 0b111) * 10 + 10, // 10 % steps, 10…80 %
    });
  }
  return { data: { intervalS: samplingInterval(dataRate), samples }, warnings: [], errors: [] };
}

export const clairchenDecoder: Decoder<ClairchenData> = {
  protocol: 'CLAIRCHEN',
  decodeUplink,
  toSamples({ intervalS, samples }, recvTime) {
    const rx = receptionSecond(recvTime);
    return samples.map((sample, i) => ({ timestampS: rx - (samples.length - i - 1) * intervalS, ...sample }));
  },
};
