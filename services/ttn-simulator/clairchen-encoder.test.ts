import { describe, expect, it } from 'vitest';

import { clairchenCo2, clairchenHumidity, clairchenTemperature, encodeClairchen } from './clairchen-encoder';

const sample = (co2Ppm: number, temperatureCelsius: number, relHumidityPercent: number) => ({
  timestampS: 0,
  co2Ppm,
  temperatureCelsius,
  relHumidityPercent,
});
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

// Vectors from the firmware's test-encoding.cpp and clair-ttn's tests (original-clair.md §4.11).
describe('Clairchen encoder', () => {
  it.each([
    [-5, 0],
    [0, 0],
    [5, 5],
    [5.5, 6],
    [12.6, 13],
    [35, 31],
  ])('temperature %s °C → %s', (celsius, expected) => {
    expect(clairchenTemperature(celsius)).toBe(expected);
  });

  it.each([
    [0, 0],
    [5, 0],
    [10, 0],
    [14, 0],
    [15, 1],
    [20, 1],
    [24, 1],
    [25, 2],
    [79, 7],
    [80, 7],
    [85, 7],
    [100, 7],
  ])('humidity %s %% → %s', (percent, expected) => {
    expect(clairchenHumidity(percent)).toBe(expected);
  });

  it.each([
    [0, 0],
    [10, 1],
    [15, 1],
    [20, 1],
    [400, 20],
    [415, 21],
    [2000, 100],
    [5100, 255],
    [5500, 255],
  ])('CO2 %s ppm → %s', (ppm, expected) => {
    expect(clairchenCo2(ppm)).toBe(expected);
  });

  it('writes the header and the samples oldest first', () => {
    expect(hex(encodeClairchen([sample(540, 28, 50), sample(520, 28, 50), sample(500, 28, 40)]))).toBe(
      '021BE41AE419E3',
    );
    expect(hex(encodeClairchen([sample(780, 22, 50), sample(800, 22, 50), sample(800, 22, 50)]))).toBe(
      '0227B428B428B4',
    );
  });

  it('refuses sample counts the header cannot express', () => {
    expect(() => encodeClairchen([])).toThrow(RangeError);
    expect(() => encodeClairchen(Array.from({ length: 9 }, () => sample(400, 20, 40)))).toThrow(RangeError);
    expect(encodeClairchen(Array.from({ length: 8 }, () => sample(400, 20, 40)))[0]).toBe(7);
  });
});
