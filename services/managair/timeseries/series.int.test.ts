import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../test-database';
import { samplesToCsv } from './csv-export';
import { installationSeries } from './installation-series';
import { nodeSeries } from './node-series';
import { OPEN_END_S } from './series-types';
import {
  berlinApril1,
  berlinMarch30,
  berlinMarch31,
  bucketsOf,
  nodeA,
  nodeWithoutSamples,
  samplesA,
  seedSamples,
  type SeededInstallations,
} from './test-samples';

let testDb: TestDatabase;
let installations: SeededInstallations;
const everything = { from: 0, to: OPEN_END_S };

beforeAll(async () => {
  testDb = await createTestDatabase();
  installations = await seedSamples(testDb.database.db);
});

afterAll(async () => {
  await testDb.drop();
});

describe('nodeSeries raw', () => {
  it('returns the samples in time order with numbers for temperature', async () => {
    const series = await nodeSeries(testDb.database.db, nodeA, everything, 'raw');
    expect(series).toEqual([
      samplesA.lastOfMarch30,
      samplesA.midnight,
      samplesA.early,
      samplesA.earlyToo,
      samplesA.lastOfMarch31,
      samplesA.april1,
    ]);
  });

  it('includes both ends of the range', async () => {
    const range = { from: samplesA.midnight.timestamp_s, to: samplesA.lastOfMarch31.timestamp_s };
    const series = await nodeSeries(testDb.database.db, nodeA, range, 'raw');
    expect(series.map((s) => s.timestamp_s)).toEqual([
      samplesA.midnight.timestamp_s,
      samplesA.early.timestamp_s,
      samplesA.earlyToo.timestamp_s,
      samplesA.lastOfMarch31.timestamp_s,
    ]);
  });

  it('leaves out samples one second outside the range', async () => {
    const range = { from: samplesA.midnight.timestamp_s + 1, to: samplesA.lastOfMarch31.timestamp_s - 1 };
    const series = await nodeSeries(testDb.database.db, nodeA, range, 'raw');
    expect(series.map((s) => s.timestamp_s)).toEqual([samplesA.early.timestamp_s, samplesA.earlyToo.timestamp_s]);
  });

  it('gives an empty series for an empty, a reversed range and a node without samples', async () => {
    const db = testDb.database.db;
    expect(await nodeSeries(db, nodeA, { from: 0, to: 1000 }, 'raw')).toEqual([]);
    expect(await nodeSeries(db, nodeA, { from: berlinApril1, to: berlinMarch31 }, 'raw')).toEqual([]);
    expect(await nodeSeries(db, nodeWithoutSamples, everything, 'raw')).toEqual([]);
    expect(await nodeSeries(db, nodeWithoutSamples, everything, 'daily')).toEqual({ sampleCount: 0, runs: [] });
  });
});

describe('nodeSeries aggregated', () => {
  it('puts daily buckets on Berlin calendar days, including the 23-hour DST day', async () => {
    const series = bucketsOf(await nodeSeries(testDb.database.db, nodeA, everything, 'daily'));
    expect(series.map((b) => [b.timestamp_s, b.sample_count])).toEqual([
      [berlinMarch30, 1],
      [berlinMarch31, 4],
      [berlinApril1, 1],
    ]);
    expect(berlinApril1 - berlinMarch31).toBe(23 * 3600);
    const march31 = series[1];
    expect(march31?.co2_ppm).toEqual({ min: 500, max: 1000, mean: 725 });
    expect(march31?.temperature_celsius).toEqual({ min: 19, max: 22.5, mean: 21 });
    expect(march31?.rel_humidity_percent.min).toBe(30);
    expect(march31?.rel_humidity_percent.max).toBe(60);
    expect(march31?.rel_humidity_percent.mean).toBe(46.7);
  });

  it('gives 10-minute buckets by their start, bucket ends inside', async () => {
    const range = { from: berlinMarch31, to: berlinMarch31 + 4 * 3600 };
    const series = bucketsOf(await nodeSeries(testDb.database.db, nodeA, range, '10min'));
    expect(series).toEqual([
      {
        timestamp_s: berlinMarch31,
        sample_count: 1,
        co2_ppm: { min: 600, max: 600, mean: 600 },
        temperature_celsius: { min: 21.5, max: 21.5, mean: 21.5 },
        rel_humidity_percent: { min: 50, max: 50, mean: 50 },
      },
      {
        timestamp_s: berlinMarch31 + 3 * 3600,
        sample_count: 2,
        co2_ppm: { min: 800, max: 1000, mean: 900 },
        temperature_celsius: { min: 22.5, max: 22.5, mean: 22.5 },
        rel_humidity_percent: { min: 60, max: 60, mean: 60 },
      },
    ]);
  });

  it('gives hourly buckets on whole UTC hours', async () => {
    const series = bucketsOf(await nodeSeries(testDb.database.db, nodeA, everything, 'hourly'));
    expect(series.map((b) => [b.timestamp_s, b.sample_count])).toEqual([
      [berlinMarch31 - 3600, 1],
      [berlinMarch31, 1],
      [berlinMarch31 + 3 * 3600, 2],
      [berlinApril1 - 3600, 1],
      [berlinApril1, 1],
    ]);
  });

  it('aggregates only the samples in the range', async () => {
    const range = { from: samplesA.earlyToo.timestamp_s, to: berlinApril1 - 1 };
    const series = bucketsOf(await nodeSeries(testDb.database.db, nodeA, range, 'daily'));
    expect(series.map((b) => [b.timestamp_s, b.sample_count])).toEqual([[berlinMarch31, 2]]);
  });
});

describe('installationSeries', () => {
  it('clips to the installation period, both ends included', async () => {
    const series = await installationSeries(testDb.database.db, installations.first, everything, 'raw');
    expect(series.map((s) => s.timestamp_s)).toEqual([2000, 3000, 4000]);
  });

  it('intersects the period with the query range', async () => {
    const db = testDb.database.db;
    const clipped = await installationSeries(db, installations.first, { from: 2500, to: 10_000 }, 'raw');
    expect(clipped.map((s) => s.timestamp_s)).toEqual([3000, 4000]);
    const second = await installationSeries(db, installations.second, { from: 0, to: 4500 }, 'raw');
    expect(second).toEqual([]);
    const later = await installationSeries(db, installations.second, everything, 'raw');
    expect(later.map((s) => s.timestamp_s)).toEqual([5000]);
  });

  it('clips before aggregating', async () => {
    const series = bucketsOf(await installationSeries(testDb.database.db, installations.first, everything, 'hourly'));
    // Node B also has samples at 1000 (hour 0) and 5000 (hour 3600), outside the period.
    expect(series.map((b) => [b.timestamp_s, b.sample_count, b.co2_ppm.mean])).toEqual([
      [0, 2, 250],
      [3600, 1, 400],
    ]);
  });

  it('gives an empty series outside the period and for an unknown installation', async () => {
    const db = testDb.database.db;
    expect(await installationSeries(db, installations.first, { from: 4001, to: 9000 }, 'raw')).toEqual([]);
    expect(await installationSeries(db, '999999', everything, 'raw')).toEqual([]);
    expect(await installationSeries(db, '999999', everything, 'daily')).toEqual({ sampleCount: 0, runs: [] });
  });
});

describe('CSV of a stored series', () => {
  it('writes the samples exactly', async () => {
    const range = { from: berlinMarch31, to: samplesA.earlyToo.timestamp_s };
    const csv = samplesToCsv(await nodeSeries(testDb.database.db, nodeA, range, 'raw'));
    expect(csv).toBe(
      '\uFEFFtimestamp_s,co2_ppm,temperature_celsius,rel_humidity_percent,measurement_status\r\n' +
        `${berlinMarch31},600,21.5,50,M\r\n` +
        `${berlinMarch31 + 3 * 3600 + 5 * 60},800,22.5,,M\r\n` +
        `${berlinMarch31 + 3 * 3600 + 9 * 60 + 59},1000,,60,M\r\n`,
    );
  });
});
