import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApiResponse } from '../test-api';
import { type ApiTest, createApiTest } from '../test-api';
import { collection, firstError, single, type TestResource } from '../test-documents';

let api: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
});
afterAll(async () => {
  await api.close();
});

const included = (response: ApiResponse) => (response.body as { included?: TestResource[] }).included ?? [];
const keys = (resources: readonly { type: string; id: string }[]) => resources.map((r) => `${r.type}:${r.id}`);
const linkage = (resource: TestResource, name: string) => {
  const data = resource.relationships?.[name]?.data as { type: string; id: string } | { type: string; id: string }[];
  return Array.isArray(data) ? data : [data];
};

describe('include on every route', () => {
  it("resolves an organization list's users, memberships, sites and nodes, each once", async () => {
    const response = await api.request({
      path: '/organizations?include=users,memberships,sites,nodes',
      as: 'tomTester',
    });
    expect(response.status).toBe(200);
    const linked = collection(response).flatMap((organization) =>
      ['users', 'memberships', 'sites', 'nodes'].flatMap((name) => linkage(organization, name)),
    );
    const resolved = keys(included(response));
    expect(new Set(resolved).size).toBe(resolved.length);
    expect(resolved.sort()).toEqual([...new Set(keys(linked))].sort());
    expect(new Set(included(response).map((r) => r.type))).toEqual(new Set(['User', 'Membership', 'Site', 'Node']));
  });

  it("shows an anonymous viewer only the public chain, leaving the installation's node out", async () => {
    const response = await api.request({ path: '/installations?include=room.site,node' });
    expect(response.status).toBe(200);
    expect(collection(response).map((i) => i.id)).toEqual(['3']);
    expect(keys(included(response))).toEqual(['Room:4', 'Site:3']);
  });

  it('leaves a relationship to something not visible out of included', async () => {
    const response = await api.request({ path: '/installations/3?include=node', as: 'tomTester' });
    expect(response.status).toBe(200);
    expect(linkage(single(response), 'node')).toHaveLength(1);
    expect(response.body).not.toHaveProperty('included');
  });

  it("resolves a node's model, protocol and owner", async () => {
    const response = await api.request({
      path: '/nodes/c727b2f8-8377-d4cb-0e95-ac03200b8c93?include=model,protocol,owner',
      as: 'tomTester',
    });
    expect(response.status).toBe(200);
    expect(keys(included(response))).toEqual(['Model:1', 'Protocol:1', 'Organization:1']);
  });

  it("follows a second level through the related type's own relationships", async () => {
    const response = await api.request({ path: '/rooms/1?include=site.address', as: 'tomTester' });
    const [site, address] = included(response);
    expect(site).toMatchObject({
      type: 'Site',
      id: String((linkage(single(response), 'site')[0] as { id: string }).id),
    });
    expect(address).toMatchObject({ type: 'Address', id: linkage(site!, 'address')[0]!.id });
  });

  it('cuts included resources to fields[Type]', async () => {
    const response = await api.request({ path: '/rooms/1?include=site&fields[Site]=name', as: 'tomTester' });
    expect(response.status).toBe(200);
    expect(included(response)).toEqual([
      expect.objectContaining({ type: 'Site', attributes: { name: expect.any(String) } }),
    ]);
    expect(included(response)[0]!.relationships).toEqual({});
  });

  it('refuses an unknown or link-only path, naming the parameter', async () => {
    for (const path of ['/rooms?include=colour', '/rooms?include=site.rooms', '/nodes?include=owner.sites.rooms']) {
      const response = await api.request({ path, as: 'tomTester' });
      expect(response.status).toBe(400);
      expect(firstError(response)).toMatchObject({ code: 'invalid_include', source: { parameter: 'include' } });
    }
  });

  it('keeps including a site’s address without being asked', async () => {
    const response = await api.request({ path: '/sites/1?include=operator', as: 'tomTester' });
    expect(included(response).map((r) => r.type)).toEqual(['Address', 'Organization']);
  });

  it('lists the include paths and the included types’ fields in the OpenAPI document', async () => {
    const schema = await api.app.inject({ url: '/api/v1/schema' });
    const operation = (
      JSON.parse(schema.body) as {
        paths: Record<string, Record<string, { parameters: { name: string; description?: string }[] }>>;
      }
    ).paths['/api/v1/rooms']!['get']!;
    const include = operation.parameters.find((p) => p.name === 'include');
    expect(include?.description).toBe('Any of: site, site.address, site.operator');
    expect(operation.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['fields[Room]', 'fields[Site]', 'fields[Address]', 'fields[Organization]']),
    );
  });
});
