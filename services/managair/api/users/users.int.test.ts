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

const nameChange = (id: string, attributes: Record<string, unknown>) => ({ data: { type: 'User', id, attributes } });

describe('/users', () => {
  it('refuses anonymous users with 401', async () => {
    expect((await api.request({ path: '/users' })).status).toBe(401);
    expect((await api.request({ path: '/users/2' })).status).toBe(401);
    expect((await api.request({ path: '/organizations/2/users' })).status).toBe(401);
  });

  it('lists the viewer and their co-members by username only, not every user (§8.4)', async () => {
    const response = await api.request({ path: '/users', as: 'tomTester' });
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(['2', '5', '6', '7']);
    expect(collection(response)[0]).toEqual({
      type: 'User',
      id: '2',
      attributes: { username: 'tomTester' },
      links: { self: expect.stringMatching(/\/users\/2\/$/) },
    });
    expect(ids(await api.request({ path: '/users', as: 'admin' }))).toHaveLength(7);
    expect(ids(await api.request({ path: '/users?filter[organization]=2', as: 'tomTester' }))).toEqual(['6', '7']);
  });

  it('finds exactly one user by exact e-mail for an owner, as the add-member dialog needs', async () => {
    const found = await api.request({ path: '/users?filter[search]=vera%40versuch.de', as: 'tomTester' });
    expect(ids(found)).toEqual(['3']);
    expect(collection(found)[0]!.attributes).toEqual({ username: 'veraVersuch' });
    expect(ids(await api.request({ path: '/users?filter[search]=VERA@Versuch.de', as: 'tomTester' }))).toEqual(['3']);
    // A part of an address finds only co-members; an inspector cannot probe addresses at all.
    expect(ids(await api.request({ path: '/users?filter[search]=versuch', as: 'tomTester' }))).toEqual([]);
    expect(ids(await api.request({ path: '/users?filter[search]=vera@versuch.de', as: 'annaAngestellte' }))).toEqual(
      [],
    );
    expect(ids(await api.request({ path: '/users?filter[search]=angestellte', as: 'tomTester' }))).toEqual(['5']);
  });

  it('shows a co-member in full, with the memberships the viewer shares with them', async () => {
    const response = await api.request({ path: '/users/6/', as: 'tomTester' });
    expect(response.status).toBe(200);
    expect(single(response)).toMatchObject({
      type: 'User',
      id: '6',
      attributes: {
        username: 'ingoInspekteur',
        email: 'ingo@inspekteur.de',
        first_name: 'Ingo',
        last_name: 'Inspekteur',
      },
      relationships: {
        organizations: { data: [{ type: 'Organization', id: '1' }] },
        memberships: { data: [{ type: 'Membership', id: '9' }] },
      },
    });
    const self = single(await api.request({ path: '/users/6', as: 'ingoInspekteur' }));
    expect((self.relationships!['organizations']!.data as { id: string }[]).map((o) => o.id).sort()).toEqual([
      '1',
      '2',
    ]);
    expect((await api.request({ path: '/users/3', as: 'tomTester' })).status).toBe(404);
  });

  it('lists an organization’s members by username, as far as the viewer may see them', async () => {
    const response = await api.request({ path: '/organizations/1/users/', as: 'annaAngestellte' });
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(['2', '5', '6', '7']);
    expect(Object.keys(collection(response)[0]!.attributes)).toEqual(['username']);
    expect(ids(await api.request({ path: '/organizations/2/users', as: 'tomTester' }))).toEqual(['6', '7']);
    expect((await api.request({ path: '/organizations/3/users', as: 'annaAngestellte' })).status).toBe(404);
  });
});

describe('PATCH /users/:id', () => {
  it('lets users change their own name, not anyone else’s', async () => {
    const own = await api.request({
      method: 'PATCH',
      path: '/users/5/',
      as: 'annaAngestellte',
      body: nameChange('5', { first_name: 'Annika', username: 'ignored' }),
    });
    expect(own.status).toBe(200);
    expect(single(own).attributes).toMatchObject({ username: 'annaAngestellte', first_name: 'Annika' });
    expect(
      (
        await api.request({
          method: 'PATCH',
          path: '/users/5/',
          as: 'tomTester',
          body: nameChange('5', { last_name: 'X' }),
        })
      ).status,
    ).toBe(403);
    const tooLong = await api.request({
      method: 'PATCH',
      path: '/users/5/',
      as: 'annaAngestellte',
      body: nameChange('5', { last_name: 'x'.repeat(151) }),
    });
    expect(firstError(tooLong).source).toEqual({ pointer: '/data/attributes/last_name' });
  });

  it('lets only a superuser deactivate an account, which then counts as anonymous', async () => {
    const selfService = await api.request({
      method: 'PATCH',
      path: '/users/4',
      as: 'horstHilfsarbeiter',
      body: nameChange('4', { is_active: false }),
    });
    expect(selfService.status).toBe(403);
    expect(firstError(selfService).source).toEqual({ pointer: '/data/attributes/is_active' });
    const deactivate = nameChange('4', { is_active: 'false' });
    expect((await api.request({ method: 'PATCH', path: '/users/4', as: 'admin', body: deactivate })).status).toBe(200);
    expect((await api.request({ path: '/users', as: 'horstHilfsarbeiter' })).status).toBe(401);
    const reactivate = nameChange('4', { is_active: true });
    expect((await api.request({ method: 'PATCH', path: '/users/4', as: 'admin', body: reactivate })).status).toBe(200);
    expect((await api.request({ path: '/users', as: 'horstHilfsarbeiter' })).status).toBe(200);
  });
});

describe('account administration by a superuser', () => {
  it('creates an account that can sign in at once, refuses a weak password with a pointer, and deletes it', async () => {
    const weak = await api.request({
      method: 'POST',
      path: '/users/',
      as: 'admin',
      body: { data: { type: 'User', attributes: { username: 'kim', email: 'kim@example.org', password: 'kim' } } },
    });
    expect(weak.status).toBe(400);
    expect(firstError(weak)).toMatchObject({ source: { pointer: '/data/attributes/password' } });
    const created = await api.request({
      method: 'POST',
      path: '/users/',
      as: 'admin',
      body: {
        data: {
          type: 'User',
          attributes: {
            username: 'kim',
            email: 'kim@example.org',
            password: 'Kims-langes-Passwort-2026',
            first_name: 'Kim',
          },
        },
      },
    });
    expect(created.status).toBe(201);
    expect(single(created).attributes).toMatchObject({ username: 'kim', email: 'kim@example.org', first_name: 'Kim' });
    const login = await api.request({
      method: 'POST',
      path: '/auth/login/',
      body: {
        data: { type: 'LoginView', attributes: { email: 'kim@example.org', password: 'Kims-langes-Passwort-2026' } },
      },
    });
    expect(login.status).toBe(200);
    const promoted = await api.request({
      method: 'PATCH',
      path: `/users/${single(created).id}/`,
      as: 'tomTester',
      body: { data: { type: 'User', id: single(created).id, attributes: { is_superuser: true } } },
    });
    expect(promoted.status).toBe(404);
    expect(
      (await api.request({ method: 'DELETE', path: `/users/${await api.userId('admin')}`, as: 'admin' })).status,
    ).toBe(409);
    expect((await api.request({ method: 'DELETE', path: `/users/${single(created).id}`, as: 'admin' })).status).toBe(
      204,
    );
    expect((await api.request({ path: `/users/${single(created).id}`, as: 'admin' })).status).toBe(404);
  });
});
