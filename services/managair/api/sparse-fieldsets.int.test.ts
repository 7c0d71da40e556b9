import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collection, single } from './test-documents';
import { type ApiTest, createApiTest } from './test-api';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

describe('sparse fieldsets (fields[Type])', () => {
  it('cut every resource of the named type down to the named members', async () => {
    const listed = collection(
      await api.request({ path: '/installations?fields[Installation]=latest_sample,room', as: 'tomTester' }),
    );
    expect(listed.length).toBeGreaterThan(0);
    for (const installation of listed) {
      expect(Object.keys(installation.attributes)).toEqual(['latest_sample']);
      expect(Object.keys(installation.relationships ?? {})).toEqual(['room']);
    }
    const node = single(
      await api.request({ path: '/nodes/c727b2f8-8377-d4cb-0e95-ac03200b8c93?fields[Node]=alias', as: 'tomTester' }),
    );
    expect(node.attributes).toEqual({ alias: 'Clairchen Rot' });
  });

  it('apply to included resources of the types a route declares', async () => {
    const site = await api.request({ path: '/sites/1?fields[Address]=city', as: 'tomTester' });
    const included = (site.body as { included: { type: string; attributes: object }[] }).included;
    expect(included).toEqual([expect.objectContaining({ type: 'Address', attributes: { city: 'Teststadt' } })]);
    expect(Object.keys(single(site).attributes)).toEqual(['name', 'description']);
  });

  it('refuse a name the type does not have, naming the parameter', async () => {
    const response = await api.request({ path: '/rooms?fields[Room]=name,colour', as: 'tomTester' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      errors: [{ code: 'invalid_fields', source: { parameter: 'fields[Room]' } }],
    });
  });
});
