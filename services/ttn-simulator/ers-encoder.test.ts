import { describe, expect, it } from 'vitest';

import { encodeErs } from './ers-encoder';

const sample = (co2Ppm: number, temperatureCelsius = 0, relHumidityPercent = 0) => ({
  timestampS: 0,
  co2Ppm,
  temperatureCelsius,
  relHumidityPercent,
});
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

// Vectors from clair-ttn's tests (original-clair.md §4.11): the decoded samples are oldest first.
describe('ERS encoder', () => {
  it('writes temperature, humidity and CO2 groups newest first', () => {
    expect(hex(encodeErs([sample(1023, 20.6, 96), sample(1018, 20.5, 80)]))).toBe('0100CD02500603FA0100CE02600603FF');
    expect(hex(encodeErs([sample(863, 19.6, 52), sample(852, 19.6, 52)]))).toBe('0100C402340603540100C4023406035F');
  });

  it("writes COMo's CO2-only messages", () => {
    const bytes = encodeErs([sample(762), sample(683), sample(711)], { co2Only: true });
    expect(Buffer.from(bytes).toString('base64')).toBe('BgLHBgKrBgL6');
  });

  it('encodes negative temperatures as two’s complement', () => {
    expect(hex(encodeErs([sample(400, -10, 55), sample(400, -10, 55)])).slice(0, 6)).toBe('01FF9C');
  });

  it('reports a saturated sensor at the 10000 ppm ceiling the original accepts', () => {
    expect(hex(encodeErs([sample(12_000), sample(400)], { co2Only: true }))).toBe('060190062710');
  });

  it('refuses sample counts the original rejects', () => {
    expect(() => encodeErs([sample(400)])).toThrow(RangeError);
    expect(() => encodeErs(Array.from({ length: 6 }, () => sample(400)))).toThrow(RangeError);
  });
});
