import type { ClimateSample } from './room-climate';

/**
 * A Clairchen "sample list" message as the firmware builds it (original-clair.md §4.4): a header
 * byte `version 0 << 6 | message 0 << 3 | (count − 1)`, then 2 bytes per sample, oldest first.
 * The quantisation copies the firmware encoder, including its clamping.
 * @throws RangeError for fewer than 1 or more than 8 samples, which the header cannot express.
 */
export function encodeClairchen(samples: readonly ClimateSample[]): Uint8Array {
  if (samples.length < 1 || samples.length > 8) {
    throw new RangeError(`A Clairchen message carries 1 to 8 samples, not ${samples.length}`);
  }
  const bytes = new Uint8Array(1 + 2 * samples.length);
  bytes[0] = samples.length - 1;
  samples.forEach((sample, i) => {
    bytes[1 + 2 * i] = clairchenCo2(sample.co2Ppm);
    bytes[2 + 2 * i] =
      (clairchenTemperature(sample.temperatureCelsius) << 3) | clairchenHumidity(sample.relHumidityPercent);
  });
  return bytes;
}

/** 20 ppm steps, rounded: `(min(ppm, 5100) + 10) // 20`. */
export function clairchenCo2(ppm: number): number {
  return Math.floor((Math.min(Math.max(ppm, 0), 5100) + 10) / 20);
}

/** Whole degrees 0…31, rounded half up. */
export function clairchenTemperature(celsius: number): number {
  return Math.min(31, Math.max(0, Math.floor(celsius + 0.5)));
}

/** 3 bits for 10…80 % in 10 % steps: `(h + 5) // 10 − 1` after clamping. */
export function clairchenHumidity(percent: number): number {
  return Math.floor((Math.min(80, Math.max(10, percent)) + 5) / 10) - 1;
}
