import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collection, single } from '../test-documents';
import { type ApiTest, createApiTest } from '../test-api';

/** Quantities, protocols and models: the catalogue every client loads at start-up. */
let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

describe('reading the catalogue', () => {
  it('answers the start-up lists to anonymous users', async () => {
    const quantities = collection(await api.request({ path: '/quantities' }));
    expect(quantities.map((q) => q.attributes)).toEqual([
      { quantity: 'CO2', base_unit: 'PPM' },
      { quantity: 'Temperature', base_unit: '°C' },
      { quantity: 'Relative Humidity', base_unit: '%' },
    ]);
    const protocols = collection(await api.request({ path: '/protocols' }));
    expect(protocols[0]).toMatchObject({
      id: '1',
      attributes: { identifier: 'CLAIRCHENPROT_V01', num_uplink_msgs: 1, num_downlink_msgs: 0 },
    });
    const models = collection(await api.request({ path: '/models' }));
    expect(models[1]).toMatchObject({
      id: '2',
      attributes: {
        name: 'ELSYS_ERS_CO2',
        trade_name: 'ElSys ERS CO2',
        manufacturer: 'Elektroniksystem i Umeå AB',
        sensor_type: 'Sensair LP8',
      },
      relationships: {
        quantities: {
          data: [
            { type: 'Quantity', id: '1' },
            { type: 'Quantity', id: '2' },
            { type: 'Quantity', id: '3' },
          ],
        },
      },
    });
    expect(single(await api.request({ path: '/quantities/2/' })).id).toBe('2');
    expect((await api.request({ path: '/models/99' })).status).toBe(404);
  });
});

describe('writing the catalogue', () => {
  const quantity = { data: { type: 'Quantity', attributes: { quantity: 'VOC', base_unit: 'ppb' } } };

  it('lets only a superuser write (the original let anyone signed in)', async () => {
    expect((await api.request({ method: 'POST', path: '/quantities/', body: quantity })).status).toBe(401);
    expect((await api.request({ method: 'POST', path: '/quantities/', as: 'tomTester', body: quantity })).status).toBe(
      403,
    );
    const created = await api.request({ method: 'POST', path: '/quantities/', as: 'admin', body: quantity });
    expect(created.status).toBe(201);
    const id = single(created).id;
    const duplicate = await api.request({ method: 'POST', path: '/quantities/', as: 'admin', body: quantity });
    expect(duplicate.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/quantity' } }] });
    const patched = await api.request({
      method: 'PATCH',
      path: `/quantities/${id}/`,
      as: 'admin',
      body: { data: { type: 'Quantity', id, attributes: { base_unit: 'ppm' } } },
    });
    expect(single(patched).attributes).toEqual({ quantity: 'VOC', base_unit: 'ppm' });
    expect((await api.request({ method: 'DELETE', path: `/quantities/${id}`, as: 'tomTester' })).status).toBe(403);
    expect((await api.request({ method: 'DELETE', path: `/quantities/${id}`, as: 'admin' })).status).toBe(204);
  });

  it('creates a protocol with defaults, coerces string numbers, and refuses deleting one in use with 409', async () => {
    const created = await api.request({
      method: 'POST',
      path: '/protocols/',
      as: 'admin',
      body: { data: { type: 'Protocol', attributes: { identifier: 'TALKPOOL', num_downlink_msgs: '2' } } },
    });
    expect(single(created).attributes).toEqual({
      identifier: 'TALKPOOL',
      num_uplink_msgs: 1,
      num_downlink_msgs: 2,
    });
    const negative = await api.request({
      method: 'PATCH',
      path: `/protocols/${single(created).id}`,
      as: 'admin',
      body: { data: { type: 'Protocol', attributes: { num_uplink_msgs: -1 } } },
    });
    expect(negative.body).toMatchObject({ errors: [{ source: { pointer: '/data/attributes/num_uplink_msgs' } }] });
    const unchanged = await api.request({
      method: 'PATCH',
      path: `/protocols/${single(created).id}/`,
      as: 'admin',
      body: { data: { type: 'Protocol', attributes: {} } },
    });
    expect(unchanged.status).toBe(200);
    expect(single(unchanged).attributes['identifier']).toBe('TALKPOOL');
    const inUse = await api.request({ method: 'DELETE', path: '/protocols/1', as: 'admin' });
    expect(inUse.status).toBe(409);
    expect(
      (await api.request({ method: 'DELETE', path: `/protocols/${single(created).id}`, as: 'admin' })).status,
    ).toBe(204);
  });

  it('creates and changes a model with its quantities, and refuses deleting one in use with 409', async () => {
    const body = (quantities: string[]) => ({
      data: {
        type: 'Model',
        attributes: { name: 'OY1012', trade_name: 'Talkpool OY1012', manufacturer: 'Talkpool', sensor_type: 'NDIR' },
        relationships: { quantities: { data: quantities.map((id) => ({ type: 'Quantity', id })) } },
      },
    });
    const created = await api.request({ method: 'POST', path: '/models/', as: 'admin', body: body(['1', '2']) });
    expect(created.status).toBe(201);
    const id = single(created).id;
    expect(single(created).relationships!['quantities']!.data).toEqual([
      { type: 'Quantity', id: '1' },
      { type: 'Quantity', id: '2' },
    ]);
    const unknown = await api.request({ method: 'PATCH', path: `/models/${id}`, as: 'admin', body: body(['7']) });
    expect(unknown.body).toMatchObject({ errors: [{ source: { pointer: '/data/relationships/quantities' } }] });
    const changed = await api.request({
      method: 'PATCH',
      path: `/models/${id}`,
      as: 'admin',
      body: { data: { type: 'Model', id, relationships: { quantities: { data: [{ type: 'Quantity', id: '3' }] } } } },
    });
    expect(single(changed).relationships!['quantities']!.data).toEqual([{ type: 'Quantity', id: '3' }]);
    expect((await api.request({ method: 'POST', path: '/models/', as: 'veraVersuch', body: body([]) })).status).toBe(
      403,
    );
    expect((await api.request({ method: 'DELETE', path: '/models/1', as: 'admin' })).status).toBe(409);
    expect((await api.request({ method: 'DELETE', path: `/models/${id}`, as: 'admin' })).status).toBe(204);
  });
});
