import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collection, firstError, ids, single } from '../test-documents';
import { type ApiTest, createApiTest } from '../test-api';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

const newRoom = (siteId: string, attributes: Record<string, unknown>) => ({
  data: {
    type: 'Room',
    attributes: { name: 'Klassenzimmer 2a', description: '', ...attributes },
    relationships: { site: { data: { type: 'Site', id: siteId } } },
  },
});
const toSite = (id: string, siteId: string) => ({
  data: { type: 'Room', id, relationships: { site: { data: { type: 'Site', id: siteId } } } },
});

describe('reading rooms', () => {
  it('serves the public widget anonymously: rooms of a public site, 404 for a private one', async () => {
    const widget = await api.request({ path: '/sites/3/rooms' });
    expect(widget.status).toBe(200);
    expect(ids(widget)).toEqual(['4']);
    expect(collection(widget)[0]).toMatchObject({
      type: 'Room',
      attributes: { name: 'Prüfstube', size_sqm: '19.0', height_m: '2.6', max_occupancy: 4 },
      relationships: { site: { data: { type: 'Site', id: '3' } }, installations: { links: {} } },
    });
    expect((await api.request({ path: '/sites/1/rooms' })).status).toBe(404);
    expect(ids(await api.request({ path: '/rooms' }))).toEqual(['4']);
  });

  it('lists a member’s rooms with the dashboard’s filters', async () => {
    expect(ids(await api.request({ path: '/rooms?filter[organization]=1', as: 'annaAngestellte' }))).toEqual([
      '1',
      '2',
    ]);
    expect(ids(await api.request({ path: '/rooms?filter[site]=3', as: 'annaAngestellte' }))).toEqual(['4']);
    expect(ids(await api.request({ path: '/rooms?filter[search]=raum%202', as: 'annaAngestellte' }))).toEqual(['2']);
    expect((await api.request({ path: '/rooms/3', as: 'annaAngestellte' })).status).toBe(404);
  });

  it('answers the installation page’s GET installations/<id>/room', async () => {
    const room = await api.request({ path: '/installations/1/room', as: 'annaAngestellte' });
    expect(room.status).toBe(200);
    expect(single(room)).toMatchObject({ type: 'Room', id: '2', attributes: { name: 'Testraum 2' } });
    expect(single(await api.request({ path: '/installations/3/room' })).id).toBe('4');
    expect((await api.request({ path: '/installations/1/room' })).status).toBe(404);
  });
});

describe('changing rooms', () => {
  it('takes the dashboard’s PATCH rooms/1/ with numbers as strings and renders decimals as strings', async () => {
    const body = {
      data: {
        id: '1',
        type: 'Room',
        attributes: {
          name: 'Klassenzimmer 1b',
          description: 'Fixture room',
          size_sqm: '60',
          height_m: '3',
          max_occupancy: '28',
        },
      },
    };
    expect((await api.request({ method: 'PATCH', path: '/rooms/1/', as: 'annaAngestellte', body })).status).toBe(403);
    const response = await api.request({ method: 'PATCH', path: '/rooms/1/', as: 'tomTester', body });
    expect(response.status).toBe(200);
    expect(single(response).attributes).toEqual({
      name: 'Klassenzimmer 1b',
      description: 'Fixture room',
      size_sqm: '60.0',
      height_m: '3.0',
      max_occupancy: 28,
    });
  });

  it('creates a room for owners, and deletes it with DELETE rooms/<id> without a slash', async () => {
    const created = await api.request({
      method: 'POST',
      path: '/rooms/',
      as: 'tomTester',
      body: newRoom('1', { size_sqm: '2.7', height_m: '', max_occupancy: '' }),
    });
    expect(created.status).toBe(201);
    const room = single(created);
    expect(room.attributes).toMatchObject({ size_sqm: '2.7', height_m: null, max_occupancy: null });
    expect((await api.request({ method: 'DELETE', path: `/rooms/${room.id}`, as: 'annaAngestellte' })).status).toBe(
      403,
    );
    expect((await api.request({ method: 'DELETE', path: `/rooms/${room.id}`, as: 'tomTester' })).status).toBe(204);
    expect((await api.request({ path: `/rooms/${room.id}`, as: 'tomTester' })).status).toBe(404);
  });

  it('refuses implausible sizes with pointers', async () => {
    const response = await api.request({
      method: 'POST',
      path: '/rooms',
      as: 'tomTester',
      body: newRoom('1', { size_sqm: '0', height_m: '20.5', max_occupancy: '501' }),
    });
    expect(response.status).toBe(400);
    const pointers = (response.body as { errors: { source: { pointer: string } }[] }).errors.map(
      (e) => e.source.pointer,
    );
    expect(pointers.sort()).toEqual([
      '/data/attributes/height_m',
      '/data/attributes/max_occupancy',
      '/data/attributes/size_sqm',
    ]);
    for (const attributes of [{ size_sqm: '10000' }, { size_sqm: '12.34' }, { max_occupancy: 'viele' }]) {
      const refused = await api.request({
        method: 'POST',
        path: '/rooms',
        as: 'tomTester',
        body: newRoom('1', attributes),
      });
      expect(firstError(refused).source).toEqual({ pointer: `/data/attributes/${Object.keys(attributes)[0]}` });
    }
  });

  it('answers a site the viewer cannot use: 400 when it is invisible, 403 when it is not theirs', async () => {
    const invisible = await api.request({ method: 'POST', path: '/rooms', as: 'tomTester', body: newRoom('2', {}) });
    expect(invisible.status).toBe(400);
    expect(firstError(invisible).source).toEqual({ pointer: '/data/relationships/site' });
    expect(
      (await api.request({ method: 'POST', path: '/rooms', as: 'tomTester', body: newRoom('3', {}) })).status,
    ).toBe(403);
    const noSite = await api.request({
      method: 'POST',
      path: '/rooms',
      as: 'tomTester',
      body: { data: { type: 'Room', attributes: { name: 'Ohne Ort' } } },
    });
    expect(firstError(noSite).source).toEqual({ pointer: '/data/relationships/site' });
    expect((await api.request({ method: 'POST', path: '/rooms', body: newRoom('1', {}) })).status).toBe(401);
  });

  it('moves a room within its organization only', async () => {
    // Site 4 belongs to org 3, which tom owns too; room 2 (org 1) has an installation.
    const across = await api.request({ method: 'PATCH', path: '/rooms/2/', as: 'tomTester', body: toSite('2', '4') });
    expect(across.status).toBe(400);
    expect(firstError(across)).toMatchObject({
      code: 'other_organization',
      source: { pointer: '/data/relationships/site' },
    });
    const other = await api.db
      .insertInto('sites')
      .values({ name: 'Zweigstelle', address_id: 1, operator_id: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const within = await api.request({
      method: 'PATCH',
      path: '/rooms/2/',
      as: 'tomTester',
      body: toSite('2', other.id),
    });
    expect(within.status).toBe(200);
    expect(single(within).relationships!['site']!.data).toEqual({ type: 'Site', id: other.id });
  });
});
