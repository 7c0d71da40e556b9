import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ApiTest, createApiTest } from '../test-api';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

type SiteDoc = {
  data: { id: string; attributes: { name: string }; relationships: Record<string, { data?: unknown }> }[];
  included?: { type: string; id: string }[];
};

describe('/sites', () => {
  it('shows anonymous users only the site of the public installation, with its address included', async () => {
    const response = await api.request({ path: '/sites' });
    expect(response.status).toBe(200);
    const doc = response.body as SiteDoc;
    expect(doc.data.map((s) => s.id)).toEqual(['3']);
    expect(doc.data[0]!.relationships['address']!.data).toEqual({ type: 'Address', id: '3' });
    expect(doc.included?.map((r) => `${r.type}:${r.id}`)).toEqual(['Address:3']);
  });

  it('lists a member the sites of their organizations plus public ones, filtered by organization', async () => {
    const all = await api.request({ path: '/sites/', as: 'annaAngestellte' });
    expect((all.body as SiteDoc).data.map((s) => s.id).sort()).toEqual(['1', '3']);
    const org1 = await api.request({ path: '/sites?filter[organization]=1', as: 'annaAngestellte' });
    expect((org1.body as SiteDoc).data.map((s) => s.id)).toEqual(['1']);
  });

  it('lets an owner create, change and delete a site, and refuses an inspector with 403', async () => {
    const body = {
      data: {
        type: 'Site',
        attributes: { name: 'Turnhalle', description: '' },
        relationships: {
          operator: { data: { type: 'Organization', id: '1' } },
          address: { data: { type: 'Address', id: '1' } },
        },
      },
    };
    expect((await api.request({ method: 'POST', path: '/sites/', as: 'annaAngestellte', body })).status).toBe(403);
    const created = await api.request({ method: 'POST', path: '/sites/', as: 'tomTester', body });
    expect(created.status).toBe(201);
    const id = (created.body as { data: { id: string } }).data.id;
    const patched = await api.request({
      method: 'PATCH',
      path: `/sites/${id}/`,
      as: 'tomTester',
      body: { data: { type: 'Site', id, attributes: { name: 'Sporthalle' } } },
    });
    expect(patched.status).toBe(200);
    expect((patched.body as { data: { attributes: { name: string } } }).data.attributes.name).toBe('Sporthalle');
    const unchanged = await api.request({
      method: 'PATCH',
      path: `/sites/${id}/`,
      as: 'tomTester',
      body: { data: { type: 'Site', id, attributes: {} } },
    });
    expect(unchanged.status).toBe(200);
    expect((unchanged.body as { data: { attributes: { name: string } } }).data.attributes.name).toBe('Sporthalle');
    expect((await api.request({ method: 'DELETE', path: `/sites/${id}`, as: 'annaAngestellte' })).status).toBe(403);
    expect((await api.request({ method: 'DELETE', path: `/sites/${id}`, as: 'tomTester' })).status).toBe(204);
    expect((await api.request({ path: `/sites/${id}`, as: 'tomTester' })).status).toBe(404);
  });

  it('answers a duplicate name with a pointer to it, and an anonymous write with 401', async () => {
    const body = {
      data: {
        type: 'Site',
        attributes: { name: 'Test-Site' },
        relationships: {
          operator: { data: { type: 'Organization', id: '1' } },
          address: { data: { type: 'Address', id: '1' } },
        },
      },
    };
    const duplicate = await api.request({ method: 'POST', path: '/sites', as: 'tomTester', body });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/name' } }] });
    const anonymous = await api.request({ method: 'POST', path: '/sites', body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Token');
  });
});

describe('/rooms/:id/site', () => {
  it('answers the public room’s site to anyone and hides a private room’s', async () => {
    const publicRoom = await api.request({ path: '/rooms/4/site' });
    expect(publicRoom.status).toBe(200);
    expect((publicRoom.body as { data: { id: string } }).data.id).toBe('3');
    expect((await api.request({ path: '/rooms/1/site/' })).status).toBe(404);
    expect((await api.request({ path: '/rooms/1/site/', as: 'annaAngestellte' })).status).toBe(200);
  });
});
