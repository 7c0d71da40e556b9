import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { fixtureNodes } from '../test-database';
import { OPEN_END_S, type SamplePoint, type SeriesBucket, type SerializedBuckets } from './series-types';

/** Unix seconds of a UTC wall time; months count from 1 here, unlike Date.UTC. */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

export const [nodeA, nodeB] = fixtureNodes;

/** The buckets of an aggregated series, as objects. */
export function bucketsOf(series: SerializedBuckets): SeriesBucket[] {
  return JSON.parse(`[${series.runs.join(',')}]`) as SeriesBucket[];
}
export const nodeWithoutSamples = '5d1c0b7e-3a2f-4c88-9e61-7b0a4f2d9c13';

/**
 * Node A around the spring DST change in Berlin: 2024-03-31 runs from 2024-03-30T23:00Z (CET)
 * to 2024-03-31T22:00Z (CEST), 23 hours.
 */
export const berlinMarch30 = utc(2024, 3, 29, 23);
export const berlinMarch31 = utc(2024, 3, 30, 23);
export const berlinApril1 = utc(2024, 3, 31, 22);

function sample(
  timestamp_s: number,
  co2_ppm: number,
  temperature_celsius: number | null,
  rel_humidity_percent: number | null,
  measurement_status: SamplePoint['measurement_status'] = 'M',
): SamplePoint {
  return { timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status };
}

export const samplesA = {
  /** 23:59:59 CET on 30 March. */
  lastOfMarch30: sample(berlinMarch31 - 1, 400, 20, 40),
  /** Local midnight, the first second of 31 March. */
  midnight: sample(berlinMarch31, 600, 21.5, 50),
  /** 04:05 CEST; 10-minute bucket 02:00Z + 0:00…0:10. */
  early: sample(berlinMarch31 + 3 * 3600 + 5 * 60, 800, 22.5, null),
  /** 04:09:59 CEST, the last second of the same 10-minute bucket. */
  earlyToo: sample(berlinMarch31 + 3 * 3600 + 9 * 60 + 59, 1000, null, 60),
  /** 23:59:59 CEST, the last second of 31 March (21:59:59Z). */
  lastOfMarch31: sample(berlinApril1 - 1, 500, 19, 30, 'R'),
  /** 00:00 CEST on 1 April. */
  april1: sample(berlinApril1, 700, 23, 45),
};

/** Node B: samples every 1000 s; installation 1 covers [2000, 4000], installation 2 [4001, open]. */
export const timesB = [1000, 2000, 3000, 4000, 5000];

export interface SeededInstallations {
  first: string;
  second: string;
  onNodeWithoutSamples: string;
}

/** A room of the fixture nodes' owner, to install them in. */
export async function insertRoom(db: Kysely<Database>): Promise<string> {
  const { owner_id } = await db
    .selectFrom('nodes')
    .select('owner_id')
    .where('id', '=', nodeA)
    .executeTakeFirstOrThrow();
  const address = await db
    .insertInto('addresses')
    .values({ street1: 'Teststr. 1', street2: null, zip: '10115', city: 'Berlin', latitude: null, longitude: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const site = await db
    .insertInto('sites')
    .values({ name: 'School', description: null, address_id: address.id, operator_id: owner_id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = await db
    .insertInto('rooms')
    .values({ name: 'Room', description: null, size_sqm: null, height_m: null, max_occupancy: null, site_id: site.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return room.id;
}

/** Inserts the samples above, a third node without samples and three installations. */
export async function seedSamples(db: Kysely<Database>): Promise<SeededInstallations> {
  const rows = Object.values(samplesA).map((s) => ({ node_id: nodeA, ...s }));
  // Out of order, so that ordering is the query's doing.
  await db.insertInto('samples').values(rows.reverse()).execute();
  await db
    .insertInto('samples')
    .values(timesB.map((timestamp_s) => ({ node_id: nodeB, timestamp_s, co2_ppm: timestamp_s / 10 })))
    .execute();

  const template = await db.selectFrom('nodes').selectAll().where('id', '=', nodeA).executeTakeFirstOrThrow();
  await db
    .insertInto('nodes')
    .values({ ...template, id: nodeWithoutSamples, eui64: 'A81758FFFE0000FF', alias: 'Silent' })
    .execute();
  const room = await insertRoom(db);
  const install = async (node_id: string, from_timestamp_s: number, to_timestamp_s: number) =>
    (
      await db
        .insertInto('installations')
        .values({ node_id, room_id: room, from_timestamp_s, to_timestamp_s, description: null, image: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return {
    first: await install(nodeB, 2000, 4000),
    second: await install(nodeB, 4001, OPEN_END_S),
    onNodeWithoutSamples: await install(nodeWithoutSamples, 0, OPEN_END_S),
  };
}
