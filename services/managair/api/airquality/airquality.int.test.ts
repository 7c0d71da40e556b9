import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { monthRange, thirtyDaysBefore } from '../../../domain/air-quality/ranges';
import { OPEN_END_S } from '../../timeseries/series-types';
import { type ApiTest, createApiTest } from '../test-api';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

interface AirQuality {
  data: {
    type: string;
    id: string;
    attributes: {
      from_timestamp_s: number;
      to_timestamp_s: number;
      query_timestamp_s: number;
      clean_air_medal: boolean;
      airq_hist?: Record<string, number[]>;
    };
    links: { self: string };
  };
}

let euiCounter = 0;

/** A new room of organization 1 (site 1) with a node installed there over [fromS, toS]; answers the room id. */
async function roomWithNode(fromS: number, toS: number, isPublic = false): Promise<{ roomId: string; nodeId: string }> {
  const db = api.db;
  const nodeId = randomUUID();
  euiCounter += 1;
  await db
    .insertInto('nodes')
    .values({
      id: nodeId,
      eui64: `AA00000000000${String(euiCounter).padStart(3, '0')}`,
      alias: `air ${euiCounter}`,
      description: null,
      protocol_id: 1,
      model_id: 1,
      owner_id: 1,
    })
    .execute();
  const room = await db
    .insertInto('rooms')
    .values({
      name: `Luft ${euiCounter}`,
      description: null,
      size_sqm: null,
      height_m: null,
      max_occupancy: null,
      site_id: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('installations')
    .values({
      node_id: nodeId,
      room_id: room.id,
      from_timestamp_s: fromS,
      to_timestamp_s: toS,
      description: null,
      image: null,
      is_public: isPublic,
    })
    .execute();
  return { roomId: room.id, nodeId };
}

/** Samples every 5 minutes over [fromS, toS] with the CO2 value `co2(t)`. */
async function fiveMinuteSamples(nodeId: string, fromS: number, toS: number, co2: (t: number) => number) {
  const rows = [];
  for (let t = fromS; t <= toS; t += 300) rows.push({ node_id: nodeId, timestamp_s: t, co2_ppm: co2(t) });
  for (let i = 0; i < rows.length; i += 5000)
    await api.db
      .insertInto('samples')
      .values(rows.slice(i, i + 5000))
      .execute();
}

const constant600 = Array.from({ length: 24 }, () => 600);
const weekdays = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

describe('GET /rooms/:id/airquality/:month on hand-made series', () => {
  const february = monthRange('2024-02');

  it('awards the medal to a month of 600 ppm every 5 minutes, with a flat histogram', async () => {
    const { roomId, nodeId } = await roomWithNode(february.fromS, OPEN_END_S);
    await fiveMinuteSamples(nodeId, february.fromS, february.toS, () => 600);
    const response = await api.request({
      path: `/rooms/${roomId}/airquality/2024-02?include_histogram=True`,
      as: 'tomTester',
    });
    expect(response.status).toBe(200);
    const { data } = response.body as AirQuality;
    expect(data.type).toBe('room-airquality');
    expect(data.id).toBe(roomId);
    expect(data.attributes).toMatchObject({
      from_timestamp_s: february.fromS,
      to_timestamp_s: february.toS,
      clean_air_medal: true,
    });
    expect(data.attributes.airq_hist).toEqual(Object.fromEntries(weekdays.map((day) => [day, constant600])));
    const withoutHistogram = (await api.request({ path: `/rooms/${roomId}/airquality/2024-02`, as: 'tomTester' }))
      .body as AirQuality;
    expect(withoutHistogram.data.attributes.airq_hist).toBeUndefined();
  });

  it('refuses the medal for a month with one 2100 ppm value', async () => {
    const april = monthRange('2024-04');
    const { roomId, nodeId } = await roomWithNode(april.fromS, OPEN_END_S);
    const peak = april.fromS + 10 * 86400 + 12 * 3600;
    await fiveMinuteSamples(nodeId, april.fromS, april.toS, (t) => (t === peak ? 2100 : 600));
    const { data } = (await api.request({ path: `/rooms/${roomId}/airquality/2024-04`, as: 'tomTester' }))
      .body as AirQuality;
    expect(data.attributes.clean_air_medal).toBe(false);
  });

  it("analyses only the samples of the installation's period", async () => {
    const midFebruary = february.fromS + 14 * 86400;
    const { roomId, nodeId } = await roomWithNode(february.fromS, midFebruary);
    // After the installation ended, the node measured bad air elsewhere.
    await fiveMinuteSamples(nodeId, february.fromS, february.toS, (t) => (t <= midFebruary ? 600 : 2100));
    const response = await api.request({
      path: `/rooms/${roomId}/airquality/2024-02?include_histogram=true`,
      as: 'tomTester',
    });
    const hist = (response.body as AirQuality).data.attributes.airq_hist!;
    for (const day of weekdays) expect(hist[day]!.every((ppm) => ppm === 600)).toBe(true);
  });

  it('answers 200 without the medal when the installation has no samples, 404 without an installation in range', async () => {
    const { roomId } = await roomWithNode(monthRange('2023-01').fromS, OPEN_END_S);
    const empty = await api.request({
      path: `/rooms/${roomId}/airquality/2023-06?include_histogram=TRUE`,
      as: 'tomTester',
    });
    expect(empty.status).toBe(200);
    expect((empty.body as AirQuality).data.attributes).toMatchObject({
      clean_air_medal: false,
      airq_hist: Object.fromEntries(weekdays.map((day) => [day, []])),
    });
    expect((await api.request({ path: `/rooms/${roomId}/airquality/2022-06`, as: 'tomTester' })).status).toBe(404);
  });

  it('answers a malformed month with 400 naming it', async () => {
    for (const month of ['2024-13', '2024-2', 'May']) {
      const response = await api.request({ path: `/rooms/1/airquality/${month}`, as: 'tomTester' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ source: { parameter: 'month' } }] });
    }
  });
});

describe('GET /rooms/:id/airquality (the 30 days before today)', () => {
  it('awards the medal to 30 days of 600 ppm and hides a private room from anonymous users', async () => {
    const range = thirtyDaysBefore(Math.floor(Date.now() / 1000));
    const { roomId, nodeId } = await roomWithNode(range.fromS - 86400, OPEN_END_S);
    await fiveMinuteSamples(nodeId, range.fromS, range.toS, () => 600);
    const response = await api.request({ path: `/rooms/${roomId}/airquality`, as: 'annaAngestellte' });
    expect((response.body as AirQuality).data.attributes).toMatchObject({
      from_timestamp_s: range.fromS,
      to_timestamp_s: range.toS,
      clean_air_medal: true,
    });
    expect((await api.request({ path: `/rooms/${roomId}/airquality` })).status).toBe(404);
    expect((await api.request({ path: `/rooms/${roomId}/airquality`, as: 'veraVersuch' })).status).toBe(404);
  });

  it("answers the widget's anonymous request for the fixtures' public room", async () => {
    const response = await api.request({ path: '/rooms/4/airquality' });
    expect(response.status).toBe(200);
    const { data } = response.body as AirQuality;
    expect(data.attributes.clean_air_medal).toBe(false);
    expect(data.links.self).toMatch(/\/api\/v1\/rooms\/4\/$/);
    // Room 3's only installation is private; room 1 has none.
    expect((await api.request({ path: '/rooms/3/airquality' })).status).toBe(404);
    expect((await api.request({ path: '/rooms/1/airquality/', as: 'tomTester' })).status).toBe(404);
  });

  it("analyses the fixtures' October 2020 of the public room", async () => {
    const response = await api.request({ path: '/rooms/4/airquality/2020-10?include_histogram=True' });
    expect(response.status).toBe(200);
    const { attributes } = (response.body as AirQuality).data;
    expect(attributes.clean_air_medal).toBe(false);
    expect(Object.keys(attributes.airq_hist!)).toEqual(weekdays);
  });
});
