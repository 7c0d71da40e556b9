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

/** The dashboard's add-member request (original-clients.md §4d): the role is not sent. */
const newMembership = (organizationId: string, userId: string) => ({
  data: {
    type: 'Membership',
    relationships: {
      organization: { data: { type: 'Organization', id: organizationId } },
      user: { data: { type: 'User', id: userId } },
    },
    attributes: {},
  },
});
const roleChange = (id: string, role: string) => ({ data: { id, type: 'Membership', attributes: { role } } });

describe('reading memberships', () => {
  it('answers the dashboard’s boot request GET users/<me>/memberships', async () => {
    const tom = await api.userId('tomTester');
    const response = await api.request({ path: `/users/${tom}/memberships`, as: 'tomTester' });
    expect(response.status).toBe(200);
    expect(collection(response).map((m) => [m.attributes['role'], m.attributes['organization_name']])).toEqual([
      ['O', 'HPI School of Entrepreneurship'],
      ['O', 'Test-Team'],
    ]);
    expect(collection(response).map((m) => (m.relationships!['organization']!.data as { id: string }).id)).toEqual([
      '3',
      '1',
    ]);
  });

  it('answers the team page’s GET memberships?filter[organization]=1 with names and linkage', async () => {
    const response = await api.request({ path: '/memberships?filter[organization]=1', as: 'annaAngestellte' });
    expect(response.status).toBe(200);
    const anna = collection(response).find((m) => m.id === '7')!;
    expect(anna.attributes).toEqual({ role: 'I', user_name: 'annaAngestellte', organization_name: 'Test-Team' });
    expect(anna.relationships!['user']!.data).toEqual({ type: 'User', id: '5' });
    expect(anna.relationships!['organization']!.data).toEqual({ type: 'Organization', id: '1' });
    expect(anna.relationships!['user']!.links!.related).toMatch(/\/memberships\/7\/user\/$/);
    expect(ids(response).sort()).toEqual(['16', '4', '7', '9']);
  });

  it('shows only the memberships of the viewer’s organizations, and nothing to anonymous users', async () => {
    expect(ids(await api.request({ path: '/memberships?filter[organization]=1', as: 'horstHilfsarbeiter' }))).toEqual(
      [],
    );
    expect(ids(await api.request({ path: '/memberships', as: 'horstHilfsarbeiter' })).sort()).toEqual([
      '15',
      '5',
      '6',
      '8',
    ]);
    expect(ids(await api.request({ path: '/memberships?filter[username]=annaAngestellte', as: 'tomTester' }))).toEqual([
      '7',
    ]);
    expect(ids(await api.request({ path: '/memberships?filter[user]=6', as: 'tomTester' }))).toEqual(['9']);
    expect((await api.request({ path: '/memberships' })).status).toBe(401);
    expect((await api.request({ path: '/memberships/5', as: 'tomTester' })).status).toBe(404);
    expect(single(await api.request({ path: '/memberships/5/', as: 'horstHilfsarbeiter' })).id).toBe('5');
  });

  it('lists an organization’s memberships and a membership’s user', async () => {
    expect(ids(await api.request({ path: '/organizations/1/memberships/', as: 'tomTester' })).sort()).toEqual([
      '16',
      '4',
      '7',
      '9',
    ]);
    expect(ids(await api.request({ path: '/organizations/2/memberships', as: 'tomTester' }))).toEqual([]);
    const user = await api.request({ path: '/memberships/7/user', as: 'tomTester' });
    expect(single(user)).toMatchObject({
      type: 'User',
      id: '5',
      attributes: { username: 'annaAngestellte', email: 'anna@angestellte.de' },
    });
  });
});

describe('changing memberships', () => {
  it('adds a member as inspector when the dashboard sends no role, for owners only', async () => {
    const horst = await api.userId('horstHilfsarbeiter');
    expect(
      (
        await api.request({
          method: 'POST',
          path: '/memberships/',
          as: 'annaAngestellte',
          body: newMembership('1', horst),
        })
      ).status,
    ).toBe(403);
    const created = await api.request({
      method: 'POST',
      path: '/memberships/',
      as: 'tomTester',
      body: newMembership('1', horst),
    });
    expect(created.status).toBe(201);
    expect(single(created).attributes).toEqual({
      role: 'I',
      user_name: 'horstHilfsarbeiter',
      organization_name: 'Test-Team',
    });
    const duplicate = await api.request({
      method: 'POST',
      path: '/memberships/',
      as: 'tomTester',
      body: newMembership('1', horst),
    });
    expect(duplicate.status).toBe(400);
    expect(firstError(duplicate).source).toEqual({ pointer: '/data/relationships/user' });
  });

  it('points at a missing or unknown relationship', async () => {
    const missing = await api.request({
      method: 'POST',
      path: '/memberships',
      as: 'tomTester',
      body: {
        data: { type: 'Membership', relationships: { organization: { data: { type: 'Organization', id: '1' } } } },
      },
    });
    expect(missing.status).toBe(400);
    expect(firstError(missing).source).toEqual({ pointer: '/data/relationships/user' });
    const unknown = await api.request({
      method: 'POST',
      path: '/memberships',
      as: 'tomTester',
      body: newMembership('1', '999'),
    });
    expect(unknown.status).toBe(400);
    expect(firstError(unknown).source).toEqual({ pointer: '/data/relationships/user' });
    const badRole = await api.request({
      method: 'POST',
      path: '/memberships',
      as: 'tomTester',
      body: { data: { ...newMembership('3', '5').data, attributes: { role: 'A' } } },
    });
    expect(badRole.status).toBe(400);
    expect(firstError(badRole).source).toEqual({ pointer: '/data/attributes/role' });
  });

  it('changes a role as the dashboard does (PATCH memberships/<id>/ {"role":"O"}), for owners only', async () => {
    expect(
      (
        await api.request({
          method: 'PATCH',
          path: '/memberships/7/',
          as: 'annaAngestellte',
          body: roleChange('7', 'O'),
        })
      ).status,
    ).toBe(403);
    const promoted = await api.request({
      method: 'PATCH',
      path: '/memberships/7/',
      as: 'tomTester',
      body: roleChange('7', 'O'),
    });
    expect(promoted.status).toBe(200);
    expect(single(promoted).attributes['role']).toBe('O');
    // With two owners, either may step down.
    const demoted = await api.request({
      method: 'PATCH',
      path: '/memberships/4/',
      as: 'tomTester',
      body: roleChange('4', 'I'),
    });
    expect(demoted.status).toBe(200);
    const back = await api.request({
      method: 'PATCH',
      path: '/memberships/4/',
      as: 'annaAngestellte',
      body: roleChange('4', 'O'),
    });
    expect(back.status).toBe(200);
    await api.request({ method: 'PATCH', path: '/memberships/7/', as: 'tomTester', body: roleChange('7', 'I') });
    const moved = await api.request({
      method: 'PATCH',
      path: '/memberships/7/',
      as: 'tomTester',
      body: { data: { ...roleChange('7', 'I').data, relationships: { user: { data: { type: 'User', id: '2' } } } } },
    });
    expect(moved.status).toBe(400);
    expect(firstError(moved).source).toEqual({ pointer: '/data/relationships/user' });
  });

  it('refuses demoting or removing the last owner with 409', async () => {
    const demote = await api.request({
      method: 'PATCH',
      path: '/memberships/17',
      as: 'tomTester',
      body: roleChange('17', 'I'),
    });
    expect(demote.status).toBe(409);
    expect(firstError(demote)).toMatchObject({ code: 'last_owner', source: { pointer: '/data/attributes/role' } });
    expect((await api.request({ method: 'DELETE', path: '/memberships/17', as: 'tomTester' })).status).toBe(409);
    const owners = await api.db
      .selectFrom('memberships')
      .select('role')
      .where('id', '=', '17')
      .executeTakeFirstOrThrow();
    expect(owners.role).toBe('O');
  });

  it('lets owners remove members; an inspector cannot even leave', async () => {
    expect((await api.request({ method: 'DELETE', path: '/memberships/7', as: 'annaAngestellte' })).status).toBe(403);
    expect((await api.request({ method: 'DELETE', path: '/memberships/7', as: 'veraVersuch' })).status).toBe(404);
    expect((await api.request({ method: 'DELETE', path: '/memberships/7' })).status).toBe(401);
    expect((await api.request({ method: 'DELETE', path: '/memberships/16', as: 'tomTester' })).status).toBe(204);
    expect((await api.request({ path: '/memberships/16', as: 'tomTester' })).status).toBe(404);
  });
});
