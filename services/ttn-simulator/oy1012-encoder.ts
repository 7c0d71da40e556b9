import type { ClimateSample } from './room-climate';

/**
 * A Talkpool OY1012 uplink (original-clair.md §4.6): 12-bit temperature `°C·10 + 800` and 12-bit
 * humidity `%·10 + 250`, their high bytes first and their low nibbles sharing byte 2, then CO2 as
 * uint16 BE.
 */
export function encodeOy1012(sample: ClimateSample): Uint8Array {
  const temperature = clamp(Math.round(sample.temperatureCelsius * 10) + 800, 0, 0xfff);
  const humidity = clamp(Math.round(sample.relHumidityPercent * 10) + 250, 0, 0xfff);
  const co2 = clamp(Math.round(sample.co2Ppm), 0, 0xffff);
  return Uint8Array.from([
    temperature >> 4,
    humidity >> 4,
    ((temperature & 0x0f) << 4) | (humidity & 0x0f),
    co2 >> 8,
    co2 & 0xff,
  ]);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
