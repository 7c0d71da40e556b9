import { z } from 'zod';

import { type DecodeInput, type Decoder, type DecodeOutput, failure, fPortError, receptionSecond } from './decoder';

export const clairchenDataSchema = z.object({
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
 * The seconds between samples. The original took it from the uplink's MCS, falling back to
 * SF9BW125 (178 s) when the uplink had no data rate index; a decoder input carries no MCS, so
 * every message gets that fallback, which is what all verified vectors use.
 * @see original-clair.md §4.2 (fallback), §4.4 (MCS table)
 */
const sf9IntervalS = 178;
const sampleBytes = 2;

/**
 * Clairchen "sample list" messages: a header byte (version bits 7..6 and message id bits 5..3,
 * both 0, then the sample count − 1 in bits 2..0) and 2-byte samples, oldest first.
 * @see original-clair.md §4.4
 */
function decodeUplink({ bytes, fPort }: DecodeInput): DecodeOutput<ClairchenData> {
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
  return { data: { samples }, warnings: [], errors: [] };
}

export const clairchenDecoder: Decoder<ClairchenData> = {
  protocol: 'CLAIRCHEN',
  decodeUplink,
  toSamples({ samples }, recvTime) {
    const rx = receptionSecond(recvTime);
    return samples.map((sample, i) => ({ timestampS: rx - (samples.length - i - 1) * sf9IntervalS, ...sample }));
  },
};
