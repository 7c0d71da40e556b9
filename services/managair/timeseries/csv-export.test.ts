import { describe, expect, it } from 'vitest';

import { csvField, csvFileName, csvLines, samplesToCsv } from './csv-export';

describe('csvField', () => {
  it('leaves plain values unquoted and null empty', () => {
    expect(csvField(21.5)).toBe('21.5');
    expect(csvField('M')).toBe('M');
    expect(csvField(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });
});

describe('samplesToCsv', () => {
  it('writes BOM, header and CRLF rows with empty nulls', () => {
    const csv = samplesToCsv([
      { timestamp_s: 100, co2_ppm: 450, temperature_celsius: 21.5, rel_humidity_percent: 40, measurement_status: 'M' },
      { timestamp_s: 200, co2_ppm: 0, temperature_celsius: null, rel_humidity_percent: null, measurement_status: 'E' },
    ]);
    expect(csv).toBe(
      '\uFEFFtimestamp_s,co2_ppm,temperature_celsius,rel_humidity_percent,measurement_status\r\n' +
        '100,450,21.5,40,M\r\n' +
        '200,0,,,E\r\n',
    );
  });

  it('gives only the header for no samples, and yields one piece per line', () => {
    expect([...csvLines([])]).toEqual([
      '\uFEFFtimestamp_s,co2_ppm,temperature_celsius,rel_humidity_percent,measurement_status\r\n',
    ]);
  });
});

describe('csvFileName', () => {
  it('prefers the EUI-64, then the alias, then a default', () => {
    expect(csvFileName({ eui64: 'A81758FFFE000001', alias: 'Room 1' })).toBe('A81758FFFE000001.csv');
    expect(csvFileName({ eui64: '', alias: 'Room 1' })).toBe('Room 1.csv');
    expect(csvFileName({ eui64: null, alias: null })).toBe('Installation-data.csv');
  });
});
