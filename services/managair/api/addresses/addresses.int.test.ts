import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { firstError, ids, single } from '../test-documents';
import { type ApiTest, createApiTest } from '../test-api';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

/** The dashboard's add-site flow posts this first (original-clients.md §4d). */
const sportweg = {
  data: { type: 'Address', attributes: { street1: 'Sportweg 2', street2: '', zip: '10117', city: 'Berlin' } },
};
const streetChange = (id: string, street1: string) => ({ data: { type: 'Address', id, attributes: { street1 } } });

describe('/addresses', () => {
  it('refuses anonymous users with 401 on every address route', async () => {
    expect((await api.request({ path: '/addresses' })).status).toBe(401);
    expect((await api.request({ path: '/addresses/3' })).status).toBe(401);
    expect((await api.request({ path: '/sites/3/address' })).status).toBe(401);
    expect((await api.request({ method: 'POST', path: '/addresses/', body: sportweg })).status).toBe(401);
  });

  it('lists the addresses of the sites the viewer may see', async () => {
    expect(ids(await api.request({ path: '/addresses', as: 'tomTester' })).sort()).toEqual(['1', '3', '4']);
    const address = await api.request({ path: '/addresses/1/', as: 'annaAngestellte' });
    expect(single(address).attributes).toEqual({
      street1: 'Teststraße 1',
      street2: null,
      zip: '12345',
      city: 'Teststadt',
      latitude: null,
      longitude: null,
    });
    expect((await api.request({ path: '/addresses/2', as: 'tomTester' })).status).toBe(404);
    expect(single(await api.request({ path: '/sites/1/address', as: 'annaAngestellte' })).id).toBe('1');
    expect((await api.request({ path: '/sites/2/address', as: 'tomTester' })).status).toBe(404);
  });

  it('runs the dashboard’s add-site flow: POST addresses/ then POST sites/ with the new id', async () => {
    const created = await api.request({ method: 'POST', path: '/addresses/', as: 'tomTester', body: sportweg });
    expect(created.status).toBe(201);
    const address = single(created);
    expect(address.attributes).toMatchObject({ street1: 'Sportweg 2', street2: '', zip: '10117', city: 'Berlin' });
    const site = await api.request({
      method: 'POST',
      path: '/sites/',
      as: 'tomTester',
      body: {
        data: {
          type: 'Site',
          relationships: {
            operator: { data: { type: 'Organization', id: '1' } },
            address: { data: { type: 'Address', id: address.id } },
          },
          attributes: { name: 'Turnhalle', description: '' },
        },
      },
    });
    expect(site.status).toBe(201);
    expect(single(await api.request({ path: `/addresses/${address.id}`, as: 'annaAngestellte' })).id).toBe(address.id);
  });

  it('points at invalid attributes', async () => {
    const response = await api.request({
      method: 'POST',
      path: '/addresses',
      as: 'tomTester',
      body: { data: { type: 'Address', attributes: { street1: '', zip: '1011', city: 'Berlin', latitude: '91' } } },
    });
    expect(response.status).toBe(400);
    const pointers = (response.body as { errors: { source: { pointer: string } }[] }).errors.map(
      (e) => e.source.pointer,
    );
    expect(pointers.sort()).toEqual(['/data/attributes/latitude', '/data/attributes/street1', '/data/attributes/zip']);
  });

  it('lets only owners of every site at an address change it (the original let any member)', async () => {
    expect(
      (
        await api.request({
          method: 'PATCH',
          path: '/addresses/1/',
          as: 'annaAngestellte',
          body: streetChange('1', 'X'),
        })
      ).status,
    ).toBe(403);
    // Address 3 belongs to the public site of another organization: visible to tom, not his.
    expect(
      (await api.request({ method: 'PATCH', path: '/addresses/3/', as: 'tomTester', body: streetChange('3', 'X') }))
        .status,
    ).toBe(403);
    const changed = await api.request({
      method: 'PATCH',
      path: '/addresses/1/',
      as: 'tomTester',
      body: {
        data: {
          type: 'Address',
          id: '1',
          attributes: { street1: 'Teststraße 2', street2: '', zip: '12345', city: 'Teststadt' },
        },
      },
    });
    expect(changed.status).toBe(200);
    expect(single(changed).attributes).toMatchObject({ street1: 'Teststraße 2', street2: '' });
    // Shared with a site of org 2, address 1 is no longer tom's alone.
    await api.db.insertInto('sites').values({ name: 'Nebenan', address_id: 1, operator_id: 2 }).execute();
    expect(
      (await api.request({ method: 'PATCH', path: '/addresses/1/', as: 'tomTester', body: streetChange('1', 'Y') }))
        .status,
    ).toBe(403);
    expect(
      (await api.request({ method: 'PATCH', path: '/addresses/1/', as: 'admin', body: streetChange('1', 'Y') })).status,
    ).toBe(200);
  });

  it('refuses deleting an address in use with 409; an unused one is the superuser’s to delete', async () => {
    const inUse = await api.request({ method: 'DELETE', path: '/addresses/4', as: 'tomTester' });
    expect(inUse.status).toBe(409);
    expect(firstError(inUse).code).toBe('protected');
    const unused = single(
      await api.request({ method: 'POST', path: '/addresses', as: 'tomTester', body: sportweg }),
    ).id;
    expect((await api.request({ method: 'DELETE', path: `/addresses/${unused}`, as: 'tomTester' })).status).toBe(404);
    expect((await api.request({ method: 'DELETE', path: `/addresses/${unused}`, as: 'admin' })).status).toBe(204);
  });
});
