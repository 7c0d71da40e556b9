import type { ClimateSample } from './room-climate';

const temperatureType = 0x01;
const humidityType = 0x02;
const co2Type = 0x06;

export interface ErsEncodeOptions {
  /** COMo's NFC configuration sends CO2 values only (original-clair.md §4.5, `TempPer:0`). */
  co2Only?: boolean;
}

/**
 * An Elsys ERS CO2 uplink with queued samples as the original decoder expects it
 * (original-clair.md §4.5): groups of temperature (0x01, int16 BE, 0.1 °C), humidity (0x02, %)
 * and CO2 (0x06, uint16 BE, ppm), **newest group first**. The input is oldest first, like the
 * samples decoders return.
 * @throws RangeError unless there are 2 to 5 samples, the only counts the original accepts.
 */
export function encodeErs(samples: readonly ClimateSample[], options: ErsEncodeOptions = {}): Uint8Array {
  if (samples.length < 2 || samples.length > 5) {
    throw new RangeError(`An ERS message carries 2 to 5 samples, not ${samples.length}`);
  }
  const bytes: number[] = [];
  for (const sample of [...samples].reverse()) {
    if (!options.co2Only) {
      const temperature = Math.round(Math.min(3276.5, Math.max(-3276.5, sample.temperatureCelsius)) * 10);
      bytes.push(temperatureType, (temperature >> 8) & 0xff, temperature & 0xff);
      bytes.push(humidityType, Math.round(Math.min(100, Math.max(0, sample.relHumidityPercent))));
    }
    // The original rejects CO2 above 10000 ppm, so a saturated sensor reports its ceiling.
    const co2 = Math.round(Math.min(10_000, Math.max(0, sample.co2Ppm)));
    bytes.push(co2Type, co2 >> 8, co2 & 0xff);
  }
  return Uint8Array.from(bytes);
}
