import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collection, ids, single } from '../test-documents';
import { type ApiTest, createApiTest } from '../test-api';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

const rot = 'c727b2f8-8377-d4cb-0e95-ac03200b8c93';
const schwarz = '3b95a1b2-74e7-9e98-52c4-4acae441f0ae';

describe('reading installations', () => {
  it('shows anonymous users only the public installation, members their own plus public ones', async () => {
    expect(ids(await api.request({ path: '/installations' }))).toEqual(['3']);
    expect(ids(await api.request({ path: '/installations', as: 'annaAngestellte' })).sort()).toEqual(['1', '3']);
    expect(ids(await api.request({ path: '/installations', as: 'veraVersuch' })).sort()).toEqual(['2', '3']);
    expect(ids(await api.request({ path: '/installations', as: 'admin' })).sort()).toEqual(['1', '2', '3']);
  });

  it('answers the dashboard overview: timestamps, latest sample, room and node linkage', async () => {
    const response = await api.request({ path: '/installations?filter[organization]=2', as: 'veraVersuch' });
    expect(response.status).toBe(200);
    const [public3, private2] = collection(response);
    expect([public3!.id, private2!.id]).toEqual(['3', '2']);
    expect(private2!.attributes).toMatchObject({
      from_timestamp_s: 1601510400,
      to_timestamp_s: 1602720000,
      is_public: false,
      image: null,
      sample_count: 468,
    });
    expect(typeof private2!.attributes['query_timestamp_s']).toBe('number');
    const latest = private2!.attributes['latest_sample'] as { timestamp_s: number; id: string };
    expect(latest.timestamp_s).toBeLessThanOrEqual(1602720000);
    expect(latest.id).toBe(`${schwarz}@${latest.timestamp_s}`);
    expect(public3!.attributes).toMatchObject({ to_timestamp_s: 2147483647, sample_count: 121, is_public: true });
    expect((public3!.attributes['latest_sample'] as { timestamp_s: number }).timestamp_s).toBe(1603581327);
    expect(public3!.relationships!['room']!.data).toEqual({ type: 'Room', id: '4' });
    expect(public3!.relationships!['node']!.data).toEqual({ type: 'Node', id: schwarz });
    expect(public3!.relationships!['room']!.links?.related).toMatch(/\/api\/v1\/installations\/3\/room\/$/);
  });

  it('applies filter[room], filter[site] and filter[node]', async () => {
    expect(ids(await api.request({ path: '/installations?filter[room]=4', as: 'admin' }))).toEqual(['3']);
    expect(ids(await api.request({ path: '/installations?filter[site]=1', as: 'admin' }))).toEqual(['1']);
    expect(ids(await api.request({ path: `/installations?filter[node]=${schwarz}`, as: 'admin' }))).toEqual(['3', '2']);
    expect(ids(await api.request({ path: '/installations?filter[node]=nonsense', as: 'admin' }))).toEqual([]);
  });

  it('gives the detail chart series sorted ascending, clipped to the period, with from/to of the installation', async () => {
    const path = '/installations/2?include_timeseries=1&filter[from]=1601725200&filter[to]=1601795400';
    const detail = single(await api.request({ path, as: 'veraVersuch' }));
    const series = detail.attributes['timeseries'] as { timestamp_s: number; temperature_celsius: string | null }[];
    expect(series).toHaveLength(39);
    expect(detail.attributes).toMatchObject({
      sample_count: 39,
      from_timestamp_s: 1601510400,
      to_timestamp_s: 1602720000,
    });
    const times = series.map((s) => s.timestamp_s);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(series.every((s) => s.temperature_celsius === null || /^-?\d+\.\d$/.test(s.temperature_celsius))).toBe(true);
    const whole = single(await api.request({ path: '/installations/2?include_timeseries=1', as: 'veraVersuch' }));
    expect(whole.attributes['timeseries']).toHaveLength(468);
    const publicOne = single(await api.request({ path: '/installations/3?include_timeseries=true' }));
    expect(publicOne.attributes['timeseries']).toHaveLength(121);
  });

  it('hides private installations from others with 404', async () => {
    expect((await api.request({ path: '/installations/2' })).status).toBe(404);
    expect((await api.request({ path: '/installations/2/', as: 'annaAngestellte' })).status).toBe(404);
    expect((await api.request({ path: '/installations/abc', as: 'admin' })).status).toBe(404);
  });

  it("lists a room's installations for the anonymous widget, and a node's for the add-installation page", async () => {
    expect(ids(await api.request({ path: '/rooms/4/installations' }))).toEqual(['3']);
    expect((await api.request({ path: '/rooms/3/installations' })).status).toBe(404);
    expect(ids(await api.request({ path: '/rooms/3/installations', as: 'horstHilfsarbeiter' }))).toEqual(['2']);
    const ofNode = await api.request({ path: `/nodes/${schwarz}/installations/`, as: 'veraVersuch' });
    expect(ids(ofNode)).toEqual(['3', '2']);
    expect((await api.request({ path: `/nodes/${schwarz}/installations/` })).status).toBe(401);
    expect((await api.request({ path: `/nodes/${schwarz}/installations/`, as: 'tomTester' })).status).toBe(404);
  });
});

describe('writing installations', () => {
  const create = (attributes: Record<string, unknown>, room = '2', node = rot) => ({
    data: {
      type: 'Installation',
      attributes,
      relationships: { room: { data: { type: 'Room', id: room } }, node: { data: { type: 'Node', id: node } } },
    },
  });

  it('refuses overlapping periods, foreign nodes, inspectors and anonymous users', async () => {
    const overlapping = await api.request({
      method: 'POST',
      path: '/installations/',
      as: 'tomTester',
      body: create({ from_timestamp_s: '1700000000', is_public: false }),
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/from_timestamp_s' } }] });
    const foreignNode = await api.request({
      method: 'POST',
      path: '/installations/',
      as: 'tomTester',
      body: create({ from_timestamp_s: 1 }, '2', schwarz),
    });
    expect(foreignNode.body).toMatchObject({ errors: [{ source: { pointer: '/data/relationships/node' } }] });
    const byAdmin = await api.request({
      method: 'POST',
      path: '/installations/',
      as: 'admin',
      body: create({ from_timestamp_s: 1, to_timestamp_s: 2 }, '2', schwarz),
    });
    expect(byAdmin.status).toBe(400);
    expect(byAdmin.body).toMatchObject({ errors: [{ source: { pointer: '/data/relationships/room' } }] });
    const inspector = await api.request({
      method: 'POST',
      path: '/installations/',
      as: 'annaAngestellte',
      body: create({ from_timestamp_s: 1 }),
    });
    expect(inspector.status).toBe(403);
    expect(
      (await api.request({ method: 'POST', path: '/installations/', body: create({ from_timestamp_s: 1 }) })).status,
    ).toBe(401);
    const missing = await api.request({ method: 'POST', path: '/installations/', as: 'tomTester', body: create({}) });
    expect(missing.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/from_timestamp_s' } }] });
  });

  it('runs the privacy toggle: end the installation now, then a new one from now with is_public flipped', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ended = await api.request({
      method: 'PATCH',
      path: '/installations/1/',
      as: 'tomTester',
      body: { data: { type: 'Installation', id: '1', attributes: { to_timestamp_s: now } } },
    });
    expect(ended.status).toBe(200);
    expect(single(ended).attributes).toMatchObject({ to_timestamp_s: now, from_timestamp_s: 1600300800 });
    const renewed = await api.request({
      method: 'POST',
      path: '/installations/',
      as: 'tomTester',
      body: create({ from_timestamp_s: now + 1, to_timestamp_s: 2147483647, is_public: true, description: '' }),
    });
    expect(renewed.status).toBe(201);
    const id = single(renewed).id;
    expect(single(renewed).attributes).toMatchObject({ is_public: true, sample_count: 0, latest_sample: null });
    expect(ids(await api.request({ path: '/rooms/2/installations' }))).toEqual([id]);
    expect(ids(await api.request({ path: '/installations?filter[organization]=1', as: 'tomTester' }))).toEqual([
      id,
      '1',
    ]);
    const inspector = await api.request({
      method: 'PATCH',
      path: `/installations/${id}/`,
      as: 'annaAngestellte',
      body: { data: { type: 'Installation', id, attributes: { description: 'x' } } },
    });
    expect(inspector.status).toBe(403);
    const outsider = await api.request({
      method: 'PATCH',
      path: `/installations/${id}/`,
      as: 'veraVersuch',
      body: { data: { type: 'Installation', id, attributes: { description: 'x' } } },
    });
    expect(outsider.status).toBe(403);
    expect((await api.request({ method: 'DELETE', path: `/installations/${id}`, as: 'veraVersuch' })).status).toBe(403);
    expect((await api.request({ method: 'DELETE', path: `/installations/${id}`, as: 'tomTester' })).status).toBe(204);
    expect((await api.request({ path: `/installations/${id}`, as: 'tomTester' })).status).toBe(404);
  });

  it('refuses an end before the start with a pointer', async () => {
    const response = await api.request({
      method: 'PATCH',
      path: '/installations/1/',
      as: 'tomTester',
      body: { data: { type: 'Installation', id: '1', attributes: { to_timestamp_s: 5 } } },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/to_timestamp_s' } }] });
  });
});

describe('installation images', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

  const upload = (installation: string, content: Buffer, as?: string, field = 'image') => {
    const boundary = 'clairboundary';
    const rawBody = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="photo.png"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return api.request({
      method: 'PUT',
      path: `/installations/${installation}/image/`,
      rawBody,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      ...(as ? { as } : {}),
    });
  };

  it('stores an owner’s PNG under a uuid name and serves it with the installation’s visibility', async () => {
    const response = await upload('3', png, 'veraVersuch');
    expect(response.status).toBe(200);
    const image = single(response).attributes['image'] as string;
    expect(image).toMatch(/\/api\/v1\/installations\/3\/image$/);
    const directory = join(api.mediaRoot!, 'installation-images');
    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f-]{36}\.png$/);
    const served = await api.request({ path: '/installations/3/image' });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.raw.equals(png)).toBe(true);
    expect((await upload('3', png, 'veraVersuch')).status).toBe(200);
    expect(await readdir(directory)).toHaveLength(1);
  });

  it('refuses non-images, a wrong field, inspectors and anonymous users', async () => {
    const text = await upload('2', Buffer.from('<svg></svg>'), 'veraVersuch');
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/image' } }] });
    expect((await upload('2', png, 'veraVersuch', 'photo')).status).toBe(400);
    expect((await upload('2', png, 'horstHilfsarbeiter')).status).toBe(403);
    expect((await upload('2', png)).status).toBe(401);
    expect((await upload('2', png, 'tomTester')).status).toBe(404);
    expect((await api.request({ path: '/installations/2/image' })).status).toBe(404);
    expect((await api.request({ path: '/installations/1/image', as: 'admin' })).status).toBe(404);
  });

  it('answers 503 to an upload where no media root is configured', async () => {
    const withoutMedia = await createApiTest({ media: false });
    try {
      const response = await withoutMedia.request({ method: 'PUT', path: '/installations/3/image', as: 'veraVersuch' });
      expect(response.status).toBe(503);
    } finally {
      await withoutMedia.close();
    }
  });
});
