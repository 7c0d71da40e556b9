import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collection, single } from '../test-documents';
import { type ApiTest, createApiTest } from '../test-api';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

const schwarz = '3b95a1b2-74e7-9e98-52c4-4acae441f0ae';
const window = 'filter[from]=1601725200&filter[to]=1601795400';

describe('node time series', () => {
  it('gives all 589 samples of a node without filters, and the 39 of the original’s test window', async () => {
    const all = single(await api.request({ path: `/node-timeseries/${schwarz}`, as: 'veraVersuch' }));
    expect(all.type).toBe('Node-Timeseries');
    expect(all.attributes['sample_count']).toBe(589);
    expect(all.attributes['samples']).toHaveLength(589);
    expect(all.attributes['node_alias']).toBe('Clairchen Schwarz');
    const some = single(await api.request({ path: `/node-timeseries/${schwarz}/?${window}`, as: 'veraVersuch' }));
    expect(some.attributes).toMatchObject({
      sample_count: 39,
      from_timestamp_s: 1601725200,
      to_timestamp_s: 1601795400,
    });
    expect(some.attributes['samples']).toHaveLength(39);
    const nested = single(await api.request({ path: `/nodes/${schwarz}/timeseries?${window}`, as: 'veraVersuch' }));
    expect(nested).toEqual({
      ...some,
      attributes: { ...some.attributes, query_timestamp_s: nested.attributes['query_timestamp_s'] },
    });
  });

  it('is never public, and hidden from other organizations', async () => {
    expect((await api.request({ path: `/node-timeseries/${schwarz}` })).status).toBe(401);
    expect((await api.request({ path: '/node-timeseries' })).status).toBe(401);
    expect((await api.request({ path: `/node-timeseries/${schwarz}`, as: 'annaAngestellte' })).status).toBe(404);
  });

  it('lists the counts of the viewer’s nodes', async () => {
    const nodes = collection(await api.request({ path: '/node-timeseries', as: 'veraVersuch' }));
    expect(Object.fromEntries(nodes.map((n) => [n.id, n.attributes['sample_count']]))).toEqual({
      [schwarz]: 589,
      '9d02faee-4260-1377-22ec-936428b572ee': 965,
    });
  });

  it('aggregates into buckets whose counts add up, and refuses an unknown resolution', async () => {
    const daily = single(
      await api.request({ path: `/node-timeseries/${schwarz}?filter[resolution]=daily`, as: 'veraVersuch' }),
    );
    const buckets = daily.attributes['buckets'] as { sample_count: number; co2_ppm: { min: number; max: number } }[];
    expect(daily.attributes['resolution']).toBe('daily');
    expect(daily.attributes['samples']).toBeUndefined();
    expect(buckets.reduce((total, b) => total + b.sample_count, 0)).toBe(589);
    expect(buckets.every((b) => b.co2_ppm.min <= b.co2_ppm.max)).toBe(true);
    const hourly = single(
      await api.request({
        path: `/node-timeseries/${schwarz}?${window}&filter[resolution]=hourly`,
        as: 'veraVersuch',
      }),
    );
    expect(hourly.attributes['sample_count']).toBe(39);
    // The buckets are written by PostgreSQL, the body around them here: still compact JSON.
    const hourlyResponse = await api.request({
      path: `/node-timeseries/${schwarz}?${window}&filter[resolution]=hourly`,
      as: 'veraVersuch',
    });
    expect(hourlyResponse.headers['content-type']).toBe('application/vnd.api+json; charset=utf-8');
    expect(hourlyResponse.text).toBe(JSON.stringify(hourlyResponse.body));
    const countOnly = single(
      await api.request({
        path: `/node-timeseries/${schwarz}?filter[resolution]=daily&fields[Node-Timeseries]=sample_count`,
        as: 'veraVersuch',
      }),
    );
    expect(countOnly.attributes).toEqual({ sample_count: 589 });
    const bad = await api.request({ path: `/node-timeseries/${schwarz}?filter[resolution]=weekly`, as: 'veraVersuch' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ source: { parameter: 'filter[resolution]' } }] });
    const badTime = await api.request({ path: `/node-timeseries/${schwarz}?filter[to]=1.5`, as: 'veraVersuch' });
    expect(badTime.body).toMatchObject({ errors: [{ source: { parameter: 'filter[to]' } }] });
  });

  it('downloads the samples as CSV named after the EUI-64', async () => {
    const response = await api.request({ path: `/node-timeseries/${schwarz}?${window}&format=csv`, as: 'veraVersuch' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="003CB7EA62A7DCBB.csv"');
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFtimestamp_s,co2_ppm,temperature_celsius,rel_humidity_percent,measurement_status');
    expect(lines).toHaveLength(40);
    const csvOfBuckets = await api.request({
      path: `/node-timeseries/${schwarz}?format=csv&filter[resolution]=daily`,
      as: 'veraVersuch',
    });
    expect(csvOfBuckets.status).toBe(400);
    const badFormat = await api.request({ path: `/node-timeseries/${schwarz}?format=xml`, as: 'veraVersuch' });
    expect(badFormat.body).toMatchObject({ errors: [{ source: { parameter: 'format' } }] });
  });
});

describe('installation time series', () => {
  it('gives anonymous users the public installation, clipped to its period', async () => {
    const response = await api.request({ path: '/installation-timeseries/3' });
    const series = single(response);
    expect(series.type).toBe('Installation-Timeseries');
    expect(series.attributes).toMatchObject({ node_id: schwarz, sample_count: 121, from_timestamp_s: 1602720001 });
    expect(series.attributes['samples']).toHaveLength(121);
    expect((await api.request({ path: '/installation-timeseries/2' })).status).toBe(404);
    expect(collection(await api.request({ path: '/installation-timeseries' })).map((s) => s.id)).toEqual(['3']);
  });

  it('intersects the query range with the period', async () => {
    const series = single(
      await api.request({ path: `/installations/2/timeseries?${window}`, as: 'horstHilfsarbeiter' }),
    );
    expect(series.attributes).toMatchObject({
      sample_count: 39,
      from_timestamp_s: 1601725200,
      to_timestamp_s: 1601795400,
    });
    const whole = single(await api.request({ path: '/installation-timeseries/2/', as: 'horstHilfsarbeiter' }));
    expect(whole.attributes).toMatchObject({
      sample_count: 468,
      from_timestamp_s: 1601510400,
      to_timestamp_s: 1602720000,
    });
    const listed = collection(await api.request({ path: '/installation-timeseries', as: 'horstHilfsarbeiter' }));
    expect(Object.fromEntries(listed.map((s) => [s.id, s.attributes['sample_count']]))).toEqual({ '2': 468, '3': 121 });
  });

  it('downloads an installation’s samples as CSV', async () => {
    const response = await api.request({ path: '/installations/3/timeseries/?format=csv' });
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="003CB7EA62A7DCBB.csv"');
    expect(response.text.trimEnd().split('\r\n')).toHaveLength(122);
  });
});
