import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ApiTest, createApiTest } from '../test-api';
import { collection, firstError, ids, single } from '../test-documents';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

const organization = (name: string) => ({ data: { type: 'Organization', attributes: { name, description: '' } } });
const userLinkage = (...userIds: string[]) => ({ data: userIds.map((id) => ({ type: 'User', id })) });

describe('/organizations', () => {
  it('shows anonymous users only the organization of the public installation, without its members', async () => {
    const response = await api.request({ path: '/organizations' });
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(['2']);
    expect(collection(response)[0]!.relationships!['users']!.data).toEqual([]);
  });

  it('lists a member their organizations and public ones, with the members they may see as users', async () => {
    const response = await api.request({ path: '/organizations/', as: 'tomTester' });
    // Ordered by name: HPI School…, Test-Team, Versuchsverbund.
    expect(ids(response)).toEqual(['3', '1', '2']);
    const byId = new Map(collection(response).map((o) => [o.id, o]));
    expect(byId.get('1')!.relationships!['users']!.data).toEqual(
      ['2', '5', '6', '7'].map((id) => ({ type: 'User', id })),
    );
    // Of the public Versuchsverbund, only the members tom shares Test-Team with.
    expect(byId.get('2')!.relationships!['users']!.data).toEqual(['6', '7'].map((id) => ({ type: 'User', id })));
  });

  it('answers the dashboard’s GET /organizations/1/ with name, description and relationship links', async () => {
    const response = await api.request({ path: '/organizations/1/', as: 'annaAngestellte' });
    expect(response.status).toBe(200);
    const resource = single(response);
    expect(resource).toMatchObject({
      type: 'Organization',
      id: '1',
      attributes: { name: 'Test-Team', description: '' },
    });
    expect(resource.links!.self).toMatch(/\/api\/v1\/organizations\/1\/$/);
    for (const name of ['users', 'memberships', 'sites', 'nodes'])
      expect(resource.relationships![name]!.links!.related).toMatch(new RegExp(`/organizations/1/${name}/$`));
    expect((await api.request({ path: '/organizations/3', as: 'horstHilfsarbeiter' })).status).toBe(404);
    expect((await api.request({ path: '/organizations/abc', as: 'tomTester' })).status).toBe(404);
  });

  it('makes the creator the owner, and refuses duplicates with a pointer and anonymous users with 401', async () => {
    const created = await api.request({
      method: 'POST',
      path: '/organizations/',
      as: 'annaAngestellte',
      body: organization('Annas Verein'),
    });
    expect(created.status).toBe(201);
    const id = single(created).id;
    const anna = await api.userId('annaAngestellte');
    expect(single(created).relationships!['users']!.data).toEqual([{ type: 'User', id: anna }]);
    const memberships = await api.request({ path: `/users/${anna}/memberships`, as: 'annaAngestellte' });
    expect(collection(memberships).find((m) => m.attributes['organization_name'] === 'Annas Verein')).toMatchObject({
      attributes: { role: 'O' },
    });
    expect((await api.request({ path: `/organizations/${id}`, as: 'tomTester' })).status).toBe(404);

    const duplicate = await api.request({
      method: 'POST',
      path: '/organizations',
      as: 'tomTester',
      body: organization('Test-Team'),
    });
    expect(duplicate.status).toBe(400);
    expect(firstError(duplicate).source).toEqual({ pointer: '/data/attributes/name' });
    const blank = await api.request({
      method: 'POST',
      path: '/organizations',
      as: 'tomTester',
      body: organization(''),
    });
    expect(firstError(blank).source).toEqual({ pointer: '/data/attributes/name' });
    expect((await api.request({ method: 'POST', path: '/organizations', body: organization('X') })).status).toBe(401);
  });

  it('lets owners change an organization; inspectors get 403, strangers 404', async () => {
    const patch = { data: { type: 'Organization', id: '1', attributes: { description: 'Das Test-Team' } } };
    expect(
      (await api.request({ method: 'PATCH', path: '/organizations/1/', as: 'annaAngestellte', body: patch })).status,
    ).toBe(403);
    expect(
      (await api.request({ method: 'PATCH', path: '/organizations/1/', as: 'horstHilfsarbeiter', body: patch })).status,
    ).toBe(404);
    const changed = await api.request({ method: 'PATCH', path: '/organizations/1/', as: 'tomTester', body: patch });
    expect(changed.status).toBe(200);
    expect(single(changed).attributes).toEqual({ name: 'Test-Team', description: 'Das Test-Team' });
  });

  it('deletes an organization with its memberships and sites', async () => {
    const id = single(
      await api.request({ method: 'POST', path: '/organizations', as: 'tomTester', body: organization('Kurzlebig') }),
    ).id;
    await api.db.insertInto('sites').values({ name: 'Halle', address_id: 1, operator_id: id }).execute();
    expect((await api.request({ method: 'DELETE', path: `/organizations/${id}`, as: 'annaAngestellte' })).status).toBe(
      404,
    );
    expect((await api.request({ method: 'DELETE', path: `/organizations/${id}`, as: 'tomTester' })).status).toBe(204);
    const left = await api.db.selectFrom('sites').select('id').where('operator_id', '=', id).execute();
    expect(left).toEqual([]);
    const memberships = await api.db.selectFrom('memberships').select('id').where('organization_id', '=', id).execute();
    expect(memberships).toEqual([]);
  });
});

describe('/organizations/:id/relationships/users', () => {
  it('lists the members as linkage and refuses the other relationship endpoints with 404', async () => {
    const response = await api.request({ path: '/organizations/1/relationships/users/', as: 'tomTester' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: ['2', '5', '6', '7'].map((id) => ({ type: 'User', id })) });
    for (const name of ['nodes', 'sites', 'memberships'])
      expect((await api.request({ path: `/organizations/1/relationships/${name}`, as: 'tomTester' })).status).toBe(404);
  });

  it('adds and removes members for owners only (the original let anyone)', async () => {
    const horst = await api.userId('horstHilfsarbeiter');
    const path = '/organizations/1/relationships/users/';
    expect((await api.request({ method: 'POST', path, as: 'annaAngestellte', body: userLinkage(horst) })).status).toBe(
      403,
    );
    expect(
      (await api.request({ method: 'POST', path, as: 'horstHilfsarbeiter', body: userLinkage(horst) })).status,
    ).toBe(404);
    expect((await api.request({ method: 'POST', path, body: userLinkage(horst) })).status).toBe(401);

    const added = await api.request({ method: 'POST', path, as: 'tomTester', body: userLinkage(horst, '2') });
    expect(added.status).toBe(200);
    expect((added.body as { data: { id: string }[] }).data.map((u) => u.id)).toContain(horst);
    const roles = await api.db
      .selectFrom('memberships')
      .select(['user_id', 'role'])
      .where('organization_id', '=', '1')
      .where('user_id', 'in', [horst, '2'])
      .orderBy('user_id')
      .execute();
    // The new member is an inspector; tom, already a member, keeps his role.
    expect(roles.map((r) => `${r.user_id}:${r.role}`)).toEqual(['2:O', `${horst}:I`]);

    expect(
      (await api.request({ method: 'DELETE', path, as: 'annaAngestellte', body: userLinkage(horst) })).status,
    ).toBe(403);
    expect((await api.request({ method: 'DELETE', path, as: 'tomTester', body: userLinkage(horst) })).status).toBe(204);
    const linkage = await api.request({ path, as: 'tomTester' });
    expect((linkage.body as { data: { id: string }[] }).data.map((u) => u.id)).not.toContain(horst);
  });

  it('refuses removing the last owner with 409, and bad linkage with pointers', async () => {
    const lastOwner = await api.request({
      method: 'DELETE',
      path: '/organizations/3/relationships/users',
      as: 'tomTester',
      body: userLinkage('2'),
    });
    expect(lastOwner.status).toBe(409);
    expect(firstError(lastOwner).code).toBe('last_owner');
    const path = '/organizations/1/relationships/users';
    const wrongType = await api.request({
      method: 'POST',
      path,
      as: 'tomTester',
      body: { data: [{ type: 'Site', id: '1' }] },
    });
    expect(wrongType.status).toBe(409);
    expect(firstError(wrongType).source).toEqual({ pointer: '/data/0/type' });
    const unknown = await api.request({ method: 'POST', path, as: 'tomTester', body: userLinkage('5', '999') });
    expect(unknown.status).toBe(400);
    expect(firstError(unknown).source).toEqual({ pointer: '/data/1/id' });
    const notAList = await api.request({
      method: 'POST',
      path,
      as: 'tomTester',
      body: { data: { type: 'User', id: '5' } },
    });
    expect(notAList.status).toBe(400);
    expect(firstError(notAList).source).toEqual({ pointer: '/data' });
  });
});

describe('related routes answering with organizations', () => {
  it('serves a membership’s organization to members only', async () => {
    const response = await api.request({ path: '/memberships/4/organization', as: 'annaAngestellte' });
    expect(response.status).toBe(200);
    expect(single(response)).toMatchObject({ type: 'Organization', id: '1' });
    expect((await api.request({ path: '/memberships/4/organization', as: 'horstHilfsarbeiter' })).status).toBe(404);
    expect((await api.request({ path: '/memberships/4/organization' })).status).toBe(401);
  });

  it('serves a visible site’s operator to anyone, and hides a private one', async () => {
    const response = await api.request({ path: '/sites/3/organization/' });
    expect(response.status).toBe(200);
    expect(single(response).id).toBe('2');
    expect((await api.request({ path: '/sites/1/organization' })).status).toBe(404);
  });

  it('serves a node’s owner to its members only', async () => {
    const node = '/nodes/c727b2f8-8377-d4cb-0e95-ac03200b8c93/owner';
    expect(single(await api.request({ path: node, as: 'annaAngestellte' })).id).toBe('1');
    expect((await api.request({ path: node, as: 'horstHilfsarbeiter' })).status).toBe(404);
    expect((await api.request({ path: node })).status).toBe(401);
    expect((await api.request({ path: '/nodes/not-a-uuid/owner', as: 'tomTester' })).status).toBe(404);
  });

  it('lists a user’s organizations: all for themselves, the shared ones for a colleague', async () => {
    const ingo = await api.userId('ingoInspekteur');
    expect(ids(await api.request({ path: `/users/${ingo}/organizations`, as: 'ingoInspekteur' })).sort()).toEqual([
      '1',
      '2',
    ]);
    expect(ids(await api.request({ path: `/users/${ingo}/organizations/`, as: 'tomTester' }))).toEqual(['1']);
    expect(
      (await api.request({ path: `/users/${await api.userId('veraVersuch')}/organizations`, as: 'tomTester' })).status,
    ).toBe(404);
  });

  it('lists an organization’s sites with their addresses, the public ones only to strangers', async () => {
    const anonymous = await api.request({ path: '/organizations/2/sites' });
    expect(ids(anonymous)).toEqual(['3']);
    expect((anonymous.body as { included: { type: string; id: string }[] }).included).toMatchObject([
      { type: 'Address', id: '3' },
    ]);
    expect(ids(await api.request({ path: '/organizations/2/sites/', as: 'veraVersuch' }))).toEqual(['3', '2']);
    expect((await api.request({ path: '/organizations/1/sites' })).status).toBe(404);
  });
});
