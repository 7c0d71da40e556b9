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

export const talkpoolOy1012DataSchema = z.object({
  co2Ppm: z.number().int(),
  temperatureCelsius: z.number(),
  relHumidityPercent: z.number(),
});
export type TalkpoolOy1012Data = z.infer<typeof talkpoolOy1012DataSchema>;

const payloadBytes = 5;

/**
 * Talkpool OY1012: one measurement in 5 bytes. Temperature and humidity are 12-bit values, the
 * high 8 bits in bytes 0 and 1 and the low nibbles in byte 2; CO2 is big-endian in bytes 3–4.
 * @see original-clair.md §4.6
 */
function decodeUplink({ bytes, fPort }: DecodeInput): DecodeOutput<TalkpoolOy1012Data> {
  const portError = fPortError(fPort);
  if (portError) return failure(portError);
  if (bytes.length !== payloadBytes) return failure(`payload has ${bytes.length} bytes, OY1012 sends ${payloadBytes}`);
  const temperatureRaw = (bytes[0]! << 4) | (bytes[2]! >> 4);
  const humidityRaw = (bytes[1]! << 4) | (bytes[2]! & 0x0f);
  return {
    data: {
      co2Ppm: (bytes[3]! << 8) | bytes[4]!,
      temperatureCelsius: (temperatureRaw - 800) / 10, // tenths of a degree, offset −80 °C
      relHumidityPercent: (humidityRaw - 250) / 10, // tenths of a percent, offset −25 %
    },
    warnings: [],
    errors: [],
  };
}

export const talkpoolOy1012Decoder: Decoder<TalkpoolOy1012Data> = {
  protocol: 'TALKPOOLOY1012',
  decodeUplink,
  toSamples({ co2Ppm, temperatureCelsius, relHumidityPercent }, recvTime) {
    // managair stores whole percent; the original forwarder rounded with Python's round() (§4.7).
    return [
      {
        timestampS: receptionSecond(recvTime),
        co2Ppm,
        temperatureCelsius,
        relHumidityPercent: roundHalfEven(relHumidityPercent),
      },
    ];
  },
};
