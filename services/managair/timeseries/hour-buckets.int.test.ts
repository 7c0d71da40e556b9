import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../database/tables';
import { createTestDatabase, type TestDatabase } from '../test-database';
import { installationSeries } from './installation-series';
import { nodeSeries } from './node-series';
import { sampleSummaries } from './sample-summaries';
import type { SeriesBucket, TimeRange } from './series-types';
import { bucketsOf, insertRoom, nodeA, nodeB, utc } from './test-samples';

/**
 * Hourly and daily series come from the sample_hours rollup plus the partial hours at the range's
 * ends. They must equal the aggregation over the samples themselves, which is computed here the
 * way it was before the rollup existed, means rounded as node-series.ts rounds them.
 */
async function fromSamples(
  db: Kysely<Database>,
  nodeId: string,
  range: TimeRange,
  resolution: 'hourly' | 'daily',
): Promise<SeriesBucket[]> {
  const bucket =
    resolution === 'hourly'
      ? sql`timestamp_s - timestamp_s % 3600`
      : sql`extract(epoch FROM timezone('Europe/Berlin',
          date_trunc('day', timezone('Europe/Berlin', to_timestamp(timestamp_s)))))::integer`;
  const { rows } = await sql<{ timestamp_s: number; sample_count: number; stats: number[] }>`
    SELECT ${bucket} AS timestamp_s, count(*)::int AS sample_count,
      ARRAY[min(co2_ppm), max(co2_ppm), round(avg(co2_ppm), 1), min(temperature_celsius), max(temperature_celsius),
        round(avg(temperature_celsius), 2), min(rel_humidity_percent), max(rel_humidity_percent),
        round(avg(rel_humidity_percent), 1)
      ]::float8[] AS stats
    FROM samples WHERE node_id = ${nodeId} AND timestamp_s BETWEEN ${range.from} AND ${range.to}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows.map(({ timestamp_s, sample_count, stats: s }) => ({
    timestamp_s,
    sample_count,
    co2_ppm: { min: s[0]!, max: s[1]!, mean: s[2]! },
    temperature_celsius: { min: s[3] ?? null, max: s[4] ?? null, mean: s[5] ?? null },
    rel_humidity_percent: { min: s[6] ?? null, max: s[7] ?? null, mean: s[8] ?? null },
  }));
}

/** Around Berlin's DST changes of 2024: the 23-hour 31 March and the 25-hour 27 October. */
const spring = { from: utc(2024, 3, 28), to: utc(2024, 4, 3) };
const autumn = { from: utc(2024, 10, 24), to: utc(2024, 10, 30) };

/**
 * Node A: a sample every 7 minutes and a few seconds, so hours hold 8 or 9 samples starting at
 * odd seconds, and one on the first and one on the last second of each hour; every 11th hour is
 * left empty; temperature and humidity are missing now and then.
 * Node B: a sample every 5 minutes over the same times, which node A's series must not see.
 */
async function seed(db: Kysely<Database>): Promise<void> {
  for (const period of [spring, autumn]) {
    await sql`INSERT INTO samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent)
      SELECT ${nodeA}::uuid, t, 400 + (t::bigint * 7) % 1600,
        CASE WHEN t % 13 = 0 THEN NULL ELSE ((t % 400) - 150) / 10.0 END,
        CASE WHEN t % 17 = 0 THEN NULL ELSE t % 101 END
      FROM (
        SELECT generate_series(${period.from + 13}::int, ${period.to}::int, 427)
        UNION SELECT generate_series(${period.from}::int, ${period.to}::int, 3600) + edge
          FROM (VALUES (0), (3599)) AS e (edge)
      ) AS g (t)
      WHERE (t / 3600) % 11 <> 0`.execute(db);
    await sql`INSERT INTO samples (node_id, timestamp_s, co2_ppm)
      SELECT ${nodeB}::uuid, t, 5000 FROM generate_series(${period.from}::int, ${period.to}::int, 300) AS t`.execute(
      db,
    );
  }
}

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seed(testDb.database.db);
});

afterAll(async () => {
  await testDb.drop();
});

async function expectSameAsSamples(range: TimeRange): Promise<void> {
  const db = testDb.database.db;
  for (const resolution of ['hourly', 'daily'] as const) {
    const series = await nodeSeries(db, nodeA, range, resolution);
    const expected = await fromSamples(db, nodeA, range, resolution);
    const label = `${resolution} ${range.from}…${range.to}`;
    expect(bucketsOf(series), label).toEqual(expected);
    // Byte for byte what JSON.stringify makes of the buckets, as the API sent them before.
    expect(`[${series.runs.join(',')}]`, label).toBe(JSON.stringify(expected));
    expect(series.sampleCount, label).toBe(expected.reduce((total, bucket) => total + bucket.sample_count, 0));
  }
}

describe('hourly and daily series from the rollup', () => {
  it('equal the samples over whole periods', async () => {
    await expectSameAsSamples({ from: 0, to: 2147483647 });
    await expectSameAsSamples(spring);
    expect(bucketsOf(await nodeSeries(testDb.database.db, nodeA, spring, 'hourly')).length).toBeGreaterThan(100);
  });

  it('equal the samples when the range starts and ends mid-hour', async () => {
    await expectSameAsSamples({ from: spring.from + 1234, to: spring.to - 777 });
    await expectSameAsSamples({ from: autumn.from + 3599, to: autumn.to + 1 });
  });

  it('equal the samples at and one second off the hour boundaries', async () => {
    const hour = utc(2024, 3, 30, 5);
    for (const from of [hour - 1, hour, hour + 1]) {
      for (const to of [hour + 5 * 3600 - 1, hour + 5 * 3600, hour + 5 * 3600 + 1])
        await expectSameAsSamples({ from, to });
    }
  });

  it('equal the samples for ranges within one hour or across one boundary', async () => {
    const hour = utc(2024, 3, 30, 7);
    await expectSameAsSamples({ from: hour + 100, to: hour + 2000 });
    await expectSameAsSamples({ from: hour, to: hour + 3599 });
    await expectSameAsSamples({ from: hour + 1800, to: hour + 3600 + 1800 });
    await expectSameAsSamples({ from: hour + 3000, to: hour + 3000 });
  });

  it('equal the samples for many ranges of odd ends', async () => {
    // A fixed linear congruential sequence: the same ranges on every run.
    let seed = 12345;
    const next = (bound: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % bound;
    for (let i = 0; i < 25; i++) {
      const period = i % 2 === 0 ? spring : autumn;
      const from = period.from + next(period.to - period.from);
      await expectSameAsSamples({ from, to: from + next(3 * 86_400) });
    }
  });

  it('give empty series for an empty or a reversed range', async () => {
    const db = testDb.database.db;
    const empty = { sampleCount: 0, runs: [] };
    expect(await nodeSeries(db, nodeA, { from: 1000, to: 5000 }, 'hourly')).toEqual(empty);
    expect(await nodeSeries(db, nodeA, { from: spring.to, to: spring.from }, 'daily')).toEqual(empty);
  });

  it('put the DST change days into 23- and 25-hour buckets', async () => {
    const db = testDb.database.db;
    const days = bucketsOf(await nodeSeries(db, nodeA, { from: 0, to: 2147483647 }, 'daily')).map((b) => b.timestamp_s);
    // Berlin midnights: CET is UTC+1, CEST UTC+2.
    expect(days).toContain(utc(2024, 3, 30, 23));
    expect(days).toContain(utc(2024, 3, 31, 22));
    expect(days).toContain(utc(2024, 10, 26, 22));
    expect(days).toContain(utc(2024, 10, 27, 23));
    await expectSameAsSamples({ from: utc(2024, 3, 30, 23), to: utc(2024, 3, 31, 22) - 1 });
    await expectSameAsSamples({ from: utc(2024, 10, 26, 22) + 1800, to: utc(2024, 10, 27, 23) + 1800 });
  });

  it('clip an installation period that starts and ends mid-hour', async () => {
    const db = testDb.database.db;
    const period = { from: utc(2024, 3, 29, 10, 17, 3), to: utc(2024, 3, 31, 20, 44, 59) };
    const { id } = await db
      .insertInto('installations')
      .values({
        node_id: nodeA,
        room_id: await insertRoom(db),
        from_timestamp_s: period.from,
        to_timestamp_s: period.to,
        description: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const resolution of ['hourly', 'daily'] as const) {
      expect(bucketsOf(await installationSeries(db, id, { from: 0, to: 2147483647 }, resolution))).toEqual(
        await fromSamples(db, nodeA, period, resolution),
      );
      const within = { from: period.from + 5000, to: period.to + 5000 };
      expect(bucketsOf(await installationSeries(db, id, within, resolution))).toEqual(
        await fromSamples(db, nodeA, { from: within.from, to: period.to }, resolution),
      );
    }
  });
});

describe('sample summaries from the rollup', () => {
  it('count, first and last as the samples themselves do, for windows of odd ends', async () => {
    const db = testDb.database.db;
    let seed = 777;
    const next = (bound: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % bound;
    const windows = Array.from({ length: 30 }, (_, i) => {
      const period = i % 2 === 0 ? spring : autumn;
      const from = period.from - 5000 + next(period.to - period.from);
      return { key: String(i), nodeId: i % 5 === 0 ? nodeB : nodeA, fromS: from, toS: from + next(4 * 86_400) };
    });
    windows.push({ key: 'none', nodeId: nodeA, fromS: 1000, toS: 5000 });
    const summaries = await sampleSummaries(db, windows);
    for (const window of windows) {
      const { rows } = await sql<{ count: number; first_s: number | null; last_s: number | null }>`
        SELECT count(*)::int AS count, min(timestamp_s) AS first_s, max(timestamp_s) AS last_s FROM samples
        WHERE node_id = ${window.nodeId} AND timestamp_s BETWEEN ${window.fromS} AND ${window.toS}`.execute(db);
      const summary = summaries.get(window.key)!;
      expect([summary.sampleCount, summary.firstS, summary.lastS, summary.latest?.timestamp_s ?? null]).toEqual([
        rows[0]!.count,
        rows[0]!.first_s,
        rows[0]!.last_s,
        rows[0]!.last_s,
      ]);
    }
    expect(summaries.get('none')).toEqual({ sampleCount: 0, firstS: null, lastS: null, latest: null });
  });
});

describe('means', () => {
  it('are rounded to 0.1 ppm, 0.01 °C and 0.1 %, halves away from zero, at every resolution', async () => {
    const db = testDb.database.db;
    // Node B in June 2023, far from the periods above: in one hour eight samples whose means
    // end in a half (400.25, -0.125, 40.75), a day later three whose means repeat (400.66…).
    const first = utc(2023, 6, 1, 10);
    const second = utc(2023, 6, 2, 10);
    const samples = [
      ...[400, 400, 400, 400, 400, 400, 401, 401].map((co2, i) => ({
        timestamp_s: first + 60 * (i + 1),
        co2_ppm: co2,
        temperature_celsius: i < 6 ? '-0.1' : '-0.2',
        rel_humidity_percent: i < 2 ? 40 : 41,
      })),
      ...[400, 401, 401].map((co2, i) => ({
        timestamp_s: second + 60 * (i + 1),
        co2_ppm: co2,
        temperature_celsius: i === 0 ? '20.1' : '20.2',
        rel_humidity_percent: i === 0 ? 40 : 41,
      })),
    ];
    await db
      .insertInto('samples')
      .values(samples.map((sample) => ({ node_id: nodeB, measurement_status: 'M' as const, ...sample })))
      .execute();
    const means = [
      { co2_ppm: 400.3, temperature_celsius: -0.13, rel_humidity_percent: 40.8 },
      { co2_ppm: 400.7, temperature_celsius: 20.17, rel_humidity_percent: 40.7 },
    ];
    // From the rollup, and from the samples: the first hour is an edge when the range starts in it.
    for (const range of [
      { from: utc(2023, 5, 1), to: utc(2023, 7, 1) },
      { from: first + 1, to: second + 3599 },
    ]) {
      for (const resolution of ['10min', 'hourly', 'daily'] as const) {
        const series = bucketsOf(await nodeSeries(db, nodeB, range, resolution));
        expect(
          series.map((b) => ({
            co2_ppm: b.co2_ppm.mean,
            temperature_celsius: b.temperature_celsius.mean,
            rel_humidity_percent: b.rel_humidity_percent.mean,
          })),
          `${resolution} ${range.from}…${range.to}`,
        ).toEqual(means);
      }
    }
  });
});
