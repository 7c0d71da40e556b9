import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nodeIdFromDevEui } from '../../../domain/nodes/node-id';
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
const rot = 'c727b2f8-8377-d4cb-0e95-ac03200b8c93';

describe('GET /nodes', () => {
  it('refuses anonymous requests with 401', async () => {
    const response = await api.request({ path: '/nodes' });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Token');
  });

  it("answers the dashboard's sensor list: count, latest sample and model linkage", async () => {
    const response = await api.request({ path: '/nodes?filter[organization]=2', as: 'veraVersuch' });
    expect(response.status).toBe(200);
    const nodes = collection(response);
    expect(nodes.map((n) => n.id).sort()).toEqual([schwarz, '9d02faee-4260-1377-22ec-936428b572ee']);
    const node = nodes.find((n) => n.id === schwarz)!;
    expect(node.attributes).toMatchObject({ eui64: '003CB7EA62A7DCBB', alias: 'Clairchen Schwarz', sample_count: 589 });
    expect(node.attributes['latest_sample']).toEqual({
      id: `${schwarz}@1603581327`,
      timestamp_s: 1603581327,
      co2_ppm: 740,
      temperature_celsius: '23.0',
      rel_humidity_percent: 60,
      measurement_status: 'M',
    });
    expect(node.attributes['timeseries']).toBeUndefined();
    expect(node.relationships!['model']!.data).toEqual({ type: 'Model', id: '1' });
    expect(node.relationships!['protocol']!.data).toEqual({ type: 'Protocol', id: '1' });
    expect(node.relationships!['owner']!.data).toEqual({ type: 'Organization', id: '2' });
    expect(node.relationships!['installations']!.links?.related).toMatch(/\/api\/v1\/nodes\/3b95.*\/installations\/$/);
  });

  it("shows members only their organizations' nodes, the superuser all, and searches alias and EUI", async () => {
    const anna = collection(await api.request({ path: '/nodes', as: 'annaAngestellte' }));
    expect(anna.map((n) => n.id)).toEqual([rot]);
    const admin = collection(await api.request({ path: '/nodes', as: 'admin' }));
    expect(admin).toHaveLength(9);
    const byAlias = collection(await api.request({ path: '/nodes?filter[search]=schwarz', as: 'admin' }));
    expect(byAlias.map((n) => n.id)).toEqual([schwarz]);
    const byEui = collection(await api.request({ path: '/nodes?filter[search]=053CA', as: 'admin' }));
    expect(byEui).toHaveLength(4);
    const related = collection(await api.request({ path: '/organizations/2/nodes/', as: 'horstHilfsarbeiter' }));
    expect(related).toHaveLength(2);
  });
});

describe('GET /nodes/:id', () => {
  it('answers 404 for another organization’s node and 401 anonymously', async () => {
    expect((await api.request({ path: `/nodes/${schwarz}`, as: 'annaAngestellte' })).status).toBe(404);
    expect((await api.request({ path: `/nodes/${schwarz}` })).status).toBe(401);
    expect((await api.request({ path: '/nodes/not-a-uuid', as: 'admin' })).status).toBe(404);
  });

  it('gives the statistics of the range, and the samples only when include_timeseries is not false', async () => {
    const path = `/nodes/${schwarz}/?filter[from]=1601725200&filter[to]=1601795400`;
    const plain = single(await api.request({ path, as: 'veraVersuch' }));
    expect(plain.attributes).toMatchObject({ sample_count: 39 });
    expect(plain.attributes['timeseries']).toBeUndefined();
    const off = single(await api.request({ path: `${path}&include_timeseries=False`, as: 'veraVersuch' }));
    expect(off.attributes['timeseries']).toBeUndefined();
    const on = single(await api.request({ path: `${path}&include_timeseries=1`, as: 'veraVersuch' }));
    const series = on.attributes['timeseries'] as { timestamp_s: number }[];
    expect(series).toHaveLength(39);
    expect(on.attributes['from_timestamp_s']).toBe(series[0]!.timestamp_s);
    expect(on.attributes['to_timestamp_s']).toBe(series.at(-1)!.timestamp_s);
    expect((on.attributes['latest_sample'] as { timestamp_s: number }).timestamp_s).toBe(series.at(-1)!.timestamp_s);
    const times = series.map((s) => s.timestamp_s);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('answers the limits as from/to when the range has no samples, and 400 for bad filters', async () => {
    const empty = single(await api.request({ path: `/nodes/${schwarz}?filter[from]=10&filter[to]=20`, as: 'admin' }));
    expect(empty.attributes).toMatchObject({
      sample_count: 0,
      from_timestamp_s: 10,
      to_timestamp_s: 20,
      latest_sample: null,
    });
    for (const [query, parameter] of [
      ['filter[from]=abc', 'filter[from]'],
      ['filter[to]=-5', 'filter[to]'],
      ['filter[from]=20&filter[to]=10', 'filter[from]'],
    ] as const) {
      const response = await api.request({ path: `/nodes/${schwarz}?${query}`, as: 'admin' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ source: { parameter } }] });
    }
  });
});

describe('writing nodes', () => {
  const eui = '70B3D57ED0001234';
  const id = nodeIdFromDevEui('ELSYSERS', eui);
  const body = (nodeId: string | undefined, owner = '1') => ({
    data: {
      type: 'Node',
      ...(nodeId === undefined ? {} : { id: nodeId }),
      attributes: { eui64: eui, alias: 'Neu', description: '' },
      relationships: {
        protocol: { data: { type: 'Protocol', id: '2' } },
        model: { data: { type: 'Model', id: '2' } },
        owner: { data: { type: 'Organization', id: owner } },
      },
    },
  });

  it('refuses an id that is not derived from the EUI-64, and a missing one', async () => {
    for (const nodeId of [schwarz, undefined]) {
      const response = await api.request({ method: 'POST', path: '/nodes/', as: 'tomTester', body: body(nodeId) });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ source: { pointer: '/data/id' } }] });
    }
  });

  it('lets only owners of the owner organization create, and refuses unknown catalogue entries', async () => {
    expect((await api.request({ method: 'POST', path: '/nodes/', body: body(id) })).status).toBe(401);
    expect((await api.request({ method: 'POST', path: '/nodes/', as: 'annaAngestellte', body: body(id) })).status).toBe(
      403,
    );
    expect((await api.request({ method: 'POST', path: '/nodes/', as: 'veraVersuch', body: body(id) })).status).toBe(
      403,
    );
    const bad = body(id);
    bad.data.relationships.model.data.id = '99';
    const unknown = await api.request({ method: 'POST', path: '/nodes/', as: 'tomTester', body: bad });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ errors: [{ source: { pointer: '/data/relationships/model' } }] });
    const created = await api.request({ method: 'POST', path: '/nodes/', as: 'tomTester', body: body(id) });
    expect(created.status).toBe(201);
    expect(single(created)).toMatchObject({
      id,
      attributes: { eui64: eui, sample_count: 0, latest_sample: null },
    });
    const again = await api.request({ method: 'POST', path: '/nodes/', as: 'tomTester', body: body(id) });
    expect(again.status).toBe(400);
  });

  it('accepts a legacy id of a fixture-era device', async () => {
    const response = await api.request({ method: 'GET', path: `/nodes/${rot}`, as: 'tomTester' });
    expect(response.status).toBe(200);
  });

  it('lets owners change alias and description, refuses inspectors and an owner change by a non-superuser', async () => {
    const patch = (attributes: Record<string, unknown>, relationships?: Record<string, unknown>) => ({
      data: { type: 'Node', id, attributes, ...(relationships ? { relationships } : {}) },
    });
    const renamed = await api.request({
      method: 'PATCH',
      path: `/nodes/${id}/`,
      as: 'tomTester',
      body: patch({ alias: 'Umbenannt', description: 'Fenster', sample_count: 7 }),
    });
    expect(renamed.status).toBe(200);
    expect(single(renamed).attributes).toMatchObject({
      alias: 'Umbenannt',
      description: 'Fenster',
      sample_count: 0,
    });
    const inspector = await api.request({
      method: 'PATCH',
      path: `/nodes/${id}/`,
      as: 'annaAngestellte',
      body: patch({ alias: 'x' }),
    });
    expect(inspector.status).toBe(403);
    const toOrg3 = { owner: { data: { type: 'Organization', id: '3' } } };
    const moved = await api.request({
      method: 'PATCH',
      path: `/nodes/${id}/`,
      as: 'tomTester',
      body: patch({}, toOrg3),
    });
    expect(moved.status).toBe(403);
    const byAdmin = await api.request({ method: 'PATCH', path: `/nodes/${id}/`, as: 'admin', body: patch({}, toOrg3) });
    expect(single(byAdmin).relationships!['owner']!.data).toEqual({ type: 'Organization', id: '3' });
    const eui64 = await api.request({
      method: 'PATCH',
      path: `/nodes/${id}/`,
      as: 'admin',
      body: patch({ eui64: '0000000000000001' }),
    });
    expect(eui64.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/eui64' } }] });
  });

  it('lets owners delete; others get 404 or 403', async () => {
    expect((await api.request({ method: 'DELETE', path: `/nodes/${id}`, as: 'veraVersuch' })).status).toBe(404);
    expect((await api.request({ method: 'DELETE', path: `/nodes/${id}`, as: 'tomTester' })).status).toBe(204);
    expect((await api.request({ path: `/nodes/${id}`, as: 'tomTester' })).status).toBe(404);
  });
});

describe('node related routes', () => {
  it('answers protocol and model of a visible node', async () => {
    const protocol = await api.request({ path: `/nodes/${rot}/protocol`, as: 'annaAngestellte' });
    expect(single(protocol)).toMatchObject({ id: '1', attributes: { identifier: 'CLAIRCHENPROT_V01' } });
    const model = await api.request({ path: `/nodes/${rot}/model/`, as: 'annaAngestellte' });
    expect(single(model)).toMatchObject({ id: '1', attributes: { trade_name: 'Clairchen Mark 1' } });
    expect((await api.request({ path: `/nodes/${schwarz}/model`, as: 'annaAngestellte' })).status).toBe(404);
  });

  it("answers an installation's node to members, 401 anonymously", async () => {
    const node = await api.request({ path: '/installations/1/node', as: 'annaAngestellte' });
    expect(single(node).id).toBe(rot);
    expect((await api.request({ path: '/installations/3/node' })).status).toBe(401);
  });
});
