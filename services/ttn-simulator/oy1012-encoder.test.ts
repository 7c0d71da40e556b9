import { describe, expect, it } from 'vitest';

import { encodeOy1012 } from './oy1012-encoder';

describe('OY1012 encoder', () => {
  it('packs 12-bit temperature and humidity and 16-bit CO2 (original-clair.md §4.11)', () => {
    const bytes = encodeOy1012({ timestampS: 0, co2Ppm: 539, temperatureCelsius: 19.3, relHumidityPercent: 85.1 });
    expect(Buffer.from(bytes).toString('hex').toUpperCase()).toBe('3E441D021B');
  });

  it('keeps negative temperatures above the 800 offset', () => {
    const bytes = encodeOy1012({ timestampS: 0, co2Ppm: 0, temperatureCelsius: -5, relHumidityPercent: 0 });
    // (−50 + 800) = 750 = 0x2EE; humidity 250 = 0x0FA
    expect(Buffer.from(bytes).toString('hex').toUpperCase()).toBe('2E0FEA0000');
  });
});
