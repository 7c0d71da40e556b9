import { z } from 'zod';

import { JsonApiErrors, errorsFromZod, jsonApiError, type JsonApiError } from '../../jsonapi/errors';
import { identifier } from '../../jsonapi/resource';
import type { ApiContext, ApiRoute } from '../api-route';
import { identifierSchema } from '../document-schemas';
import { keepingAnOwner } from '../memberships/last-owner-guard';
import { idParam, notFound } from '../path-ids';
import { requireOwner, requireUser } from '../viewer';
import { visibleUserIds } from '../visibility';
import { findVisibleOrganization } from './organization-resource';

/**
 * `/organizations/:id/relationships/users`, DJA's RelationshipView over the members:
 * GET the linkage, POST `{"data":[{"type":"User","id":"4"}]}` to add those users as inspectors
 * (members already there keep their role), DELETE with the same document to remove them.
 *
 * Deviation, closing a hole (original-clair.md §3.3.5, §8.4): the original let any signed-in
 * user add and remove members of any organization here; both writes are for owners only, like
 * /memberships. A removal that would leave no owner is refused with 409 (memberships/
 * last-owner-guard.ts). The other relationship endpoints of an organization (nodes, sites,
 * memberships) answer 404, as in the original.
 */

const userLinkageDocument = z.object({
  data: z.array(z.object({ type: z.string(), id: z.string() })),
});

const relationshipDocumentSchema = z.object({
  data: z.array(identifierSchema('User')),
  links: z.object({ self: z.string(), related: z.string() }),
});

const bigintId = /^[1-9][0-9]{0,17}$/;

/** The user ids of a linkage document; each must name an existing user. */
async function parseUserLinkage(context: ApiContext): Promise<string[]> {
  const body: unknown = context.request.body;
  const parsed = userLinkageDocument.safeParse(body);
  if (!parsed.success) throw new JsonApiErrors(errorsFromZod(parsed.error, { input: body }));
  const errors: JsonApiError[] = [];
  const ids: string[] = [];
  parsed.data.data.forEach(({ type, id }, index) => {
    if (type !== 'User')
      errors.push(
        jsonApiError(409, 'type_conflict', `Expected a User, not a ${type}.`, { pointer: `/data/${index}/type` }),
      );
    else ids.push(id);
  });
  if (errors.length) throw new JsonApiErrors(errors);
  const valid = ids.filter((id) => bigintId.test(id));
  const existing = new Set(
    valid.length
      ? (await context.db.selectFrom('users').select('id').where('id', 'in', valid).execute()).map((u) => String(u.id))
      : [],
  );
  ids.forEach((id, index) => {
    if (!existing.has(id))
      errors.push(
        jsonApiError(400, 'does_not_exist', `Invalid pk "${id}" - object does not exist.`, {
          pointer: `/data/${index}/id`,
        }),
      );
  });
  if (errors.length) throw new JsonApiErrors(errors);
  return [...new Set(ids)];
}

async function linkageResult(context: ApiContext, organizationId: string) {
  const members = await context.db
    .selectFrom('memberships')
    .select('user_id')
    .where('organization_id', '=', organizationId)
    .where('user_id', 'in', visibleUserIds(context.db, context.viewer))
    .orderBy('user_id')
    .execute();
  return {
    status: 200,
    document: {
      data: members.map((m) => identifier('User', m.user_id)),
      links: {
        self: context.url(`/organizations/${organizationId}/relationships/users/`),
        related: context.url(`/organizations/${organizationId}/users/`),
      },
    },
  };
}

/** The organization of the path, when the viewer owns it: 401, 404 or 403 otherwise. */
async function ownedOrganizationId(context: ApiContext): Promise<string> {
  requireUser(context.viewer);
  const id = idParam(context.params);
  await findVisibleOrganization(context, id);
  requireOwner(context.viewer, id);
  return id;
}

const linkageBody = z.object({ data: z.array(identifierSchema('User')) });

export const organizationUserRelationshipRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/organizations/:id/relationships/users',
    operationId: 'getOrganizationUserLinkage',
    summary: 'The members of an organization, as linkage',
    tag: 'Organizations',
    access: 'whoever may see the organization; members are listed only to those who may see them',
    responses: { 200: relationshipDocumentSchema },
    handle: async (context) => {
      const id = idParam(context.params);
      await findVisibleOrganization(context, id);
      return linkageResult(context, id);
    },
  },
  {
    method: 'POST',
    path: '/organizations/:id/relationships/users',
    operationId: 'addOrganizationUsers',
    summary: 'Add users to an organization as inspectors',
    tag: 'Organizations',
    access: 'owners of the organization',
    requestBody: linkageBody,
    responses: { 200: relationshipDocumentSchema },
    handle: async (context) => {
      const id = await ownedOrganizationId(context);
      const userIds = await parseUserLinkage(context);
      if (userIds.length)
        await context.db
          .insertInto('memberships')
          .values(userIds.map((userId) => ({ user_id: userId, organization_id: id, role: 'I' as const })))
          .onConflict((oc) => oc.constraint('unique_membership').doNothing())
          .execute();
      return linkageResult(context, id);
    },
  },
  {
    method: 'DELETE',
    path: '/organizations/:id/relationships/users',
    operationId: 'removeOrganizationUsers',
    summary: 'Remove users from an organization',
    tag: 'Organizations',
    access: 'owners of the organization; the last owner cannot be removed (409)',
    requestBody: linkageBody,
    responses: { 204: null },
    handle: async (context) => {
      const id = await ownedOrganizationId(context);
      const userIds = await parseUserLinkage(context);
      if (userIds.length)
        await keepingAnOwner(context.db, id, (trx) =>
          trx.deleteFrom('memberships').where('organization_id', '=', id).where('user_id', 'in', userIds).execute(),
        );
      return { status: 204 };
    },
  },
  ...['nodes', 'sites', 'memberships'].map((name): ApiRoute => ({
    method: 'GET',
    path: `/organizations/:id/relationships/${name}`,
    operationId: `getOrganization${name[0]!.toUpperCase()}${name.slice(1)}Linkage`,
    summary: `Not served: use /organizations/{id}/${name}/`,
    tag: 'Organizations',
    access: 'nobody (404, as in the original)',
    responses: {},
    handle: () => Promise.reject(notFound()),
  })),
];
