import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ApiTest, createApiTest } from '../test-api';

let api: ApiTest;
const rot = 'c727b2f8-8377-d4cb-0e95-ac03200b8c93';
const schwarz = '3b95a1b2-74e7-9e98-52c4-4acae441f0ae';

beforeAll(async () => {
  api = await createApiTest();
  await api.db
    .insertInto('node_fidelity')
    .values([
      { node_id: rot, fidelity: 'E', last_contact_s: 1603581199, last_check_s: 1603581200 },
      { node_id: schwarz, fidelity: 'D', last_contact_s: null, last_check_s: 1603581200 },
    ])
    .execute();
});
afterAll(async () => {
  await api.close();
});

describe('/fidelity', () => {
  it('refuses anonymous requests with 401', async () => {
    expect((await api.request({ path: '/fidelity' })).status).toBe(401);
    expect((await api.request({ path: `/fidelity/${rot}` })).status).toBe(401);
  });

  it("shows members only their organizations' nodes (the original showed all)", async () => {
    const response = await api.request({ path: '/fidelity/', as: 'annaAngestellte' });
    expect(response.body).toMatchObject({
      data: [
        {
          type: 'Fidelity',
          id: rot,
          attributes: { fidelity: 'E', last_contact_s: 1603581199, last_check_s: 1603581200 },
          relationships: { node: { data: { type: 'Node', id: rot } } },
        },
      ],
    });
    expect((await api.request({ path: `/fidelity/${schwarz}`, as: 'annaAngestellte' })).status).toBe(404);
    const own = await api.request({ path: `/fidelity/${schwarz}/`, as: 'horstHilfsarbeiter' });
    expect(own.body).toMatchObject({ data: { attributes: { fidelity: 'D', last_contact_s: null } } });
    expect((await api.request({ path: '/fidelity', as: 'admin' })).body).toMatchObject({
      meta: { pagination: { count: 2 } },
    });
  });
});
