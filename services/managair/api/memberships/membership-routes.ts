import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import type { ApiContext, ApiResult, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { findVisibleOrganization } from '../organizations/organization-resource';
import { filterId, idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { requireOwner, requireUser } from '../viewer';
import { findVisibleUser } from '../users/user-resource';
import { visibleMembershipIds } from '../visibility';
import { keepingAnOwner } from './last-owner-guard';
import {
  membershipBody,
  membershipQuery,
  membershipQuerySpec,
  membershipResource,
  membershipSchema,
  type MembershipRow,
} from './membership-resource';

/**
 * Memberships (original-clair.md §3.3.3–3.3.5). Never public: anonymous requests get 401.
 *
 * - Reads: the memberships of the viewer's organizations (the team page lists colleagues).
 *   `/users/:id/memberships` is the dashboard's boot request; for another user it shows only
 *   the memberships in organizations the viewer shares with them.
 * - Create, change of role and delete are for owners of the membership's organization; a
 *   member who is not an owner cannot even leave (403), as in the original.
 * - A membership's user and organization are fixed once created: a PATCH naming others is
 *   refused (400) rather than silently moving the membership.
 * - Deviation: the last owner of an organization can be neither demoted nor removed (409,
 *   last-owner-guard.ts); the original allowed it and left the organization unmanageable.
 */

const listQuery = { ...membershipQuerySpec, filters: ['organization', 'username', 'user'] };

/** A membership the viewer may see, or 404. */
async function findVisibleMembership(context: ApiContext, id: string): Promise<MembershipRow> {
  const membership = await membershipQuery(context.db)
    .where('memberships.id', '=', id)
    .where('memberships.id', 'in', visibleMembershipIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!membership) throw notFound('membership');
  return membership;
}

/** The viewer's visible memberships, narrowed by `restrict`, as one page (the original's order: role, organization). */
async function membershipList(
  context: ApiContext,
  restrict: (query: ReturnType<typeof membershipQuery>) => ReturnType<typeof membershipQuery>,
): Promise<ApiResult> {
  const query = restrict(membershipQuery(context.db))
    .where('memberships.id', 'in', visibleMembershipIds(context.db, context.viewer))
    .orderBy('memberships.role')
    .orderBy('organizations.name')
    .orderBy('memberships.id');
  const { page, rows } = await fetchPage(context, query);
  return listResult(
    context,
    page,
    rows.map((row) => membershipResource(row, context.url)),
  );
}

function doesNotExist(relationship: string, id: string): JsonApiErrors {
  return new JsonApiErrors([
    jsonApiError(400, 'does_not_exist', `Invalid pk "${id}" - object does not exist.`, {
      pointer: `/data/relationships/${relationship}`,
    }),
  ]);
}

const single = { 200: singleDocumentSchema(membershipSchema) };
const collection = { 200: collectionDocumentSchema(membershipSchema) };

export const membershipRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/memberships',
    operationId: 'listMemberships',
    summary: 'Memberships of your organizations',
    tag: 'Memberships',
    access: 'signed-in users',
    query: listQuery,
    paginated: true,
    responses: collection,
    handle: async (context) => {
      requireUser(context.viewer);
      const { organization, username, user } = context.query.filter;
      return membershipList(context, (query) => {
        let q = query;
        if (organization !== undefined) q = q.where('memberships.organization_id', '=', filterId(organization));
        if (user !== undefined) q = q.where('memberships.user_id', '=', filterId(user));
        if (username !== undefined) q = q.where('users.username', '=', username);
        return q;
      });
    },
  },
  {
    method: 'GET',
    path: '/memberships/:id',
    operationId: 'getMembership',
    summary: 'One membership',
    tag: 'Memberships',
    access: 'signed-in members of its organization',
    query: membershipQuerySpec,
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const membership = await findVisibleMembership(context, idParam(context.params));
      return resourceResult(200, membershipResource(membership, context.url));
    },
  },
  {
    method: 'POST',
    path: '/memberships',
    operationId: 'createMembership',
    summary: 'Add a user to an organization (as inspector unless a role is given)',
    tag: 'Memberships',
    access: 'owners of the organization',
    requestBody: requestDocumentSchema(membershipBody, 'create'),
    responses: { 201: singleDocumentSchema(membershipSchema) },
    handle: async (context) => {
      const { db, viewer } = context;
      requireUser(viewer);
      const body = parseCreateBody(context.request.body, membershipBody);
      const organizationId = body.relationships['organization']!;
      const userId = body.relationships['user']!;
      requireOwner(viewer, organizationId);
      // Only a superuser can get here with an organization id that names nothing.
      const organization = await db
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', filterId(organizationId))
        .executeTakeFirst();
      if (!organization) throw doesNotExist('organization', organizationId);
      const user = await db.selectFrom('users').select('id').where('id', '=', filterId(userId)).executeTakeFirst();
      if (!user) throw doesNotExist('user', userId);
      const created = await withConstraintErrors(() =>
        db
          .insertInto('memberships')
          .values({ organization_id: organizationId, user_id: userId, role: body.attributes.role ?? 'I' })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      const membership = await membershipQuery(db).where('memberships.id', '=', created.id).executeTakeFirstOrThrow();
      return resourceResult(201, membershipResource(membership, context.url));
    },
  },
  {
    method: 'PATCH',
    path: '/memberships/:id',
    operationId: 'updateMembership',
    summary: "Change a member's role",
    tag: 'Memberships',
    access: 'owners of the organization; the last owner cannot be demoted (409)',
    requestBody: requestDocumentSchema(membershipBody, 'update'),
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const current = await findVisibleMembership(context, id);
      const organizationId = String(current.organization_id);
      requireOwner(context.viewer, organizationId);
      const body = parseUpdateBody(context.request.body, membershipBody, id);
      for (const [name, fixed] of [
        ['organization', organizationId],
        ['user', String(current.user_id)],
      ] as const) {
        const given = body.relationships[name];
        if (given !== undefined && given !== fixed)
          throw new JsonApiErrors([
            jsonApiError(400, 'read_only', `A membership's ${name} cannot be changed; create a new membership.`, {
              pointer: `/data/relationships/${name}`,
            }),
          ]);
      }
      const role = body.attributes.role;
      if (role !== undefined && role !== current.role)
        await keepingAnOwner(
          context.db,
          organizationId,
          (trx) => trx.updateTable('memberships').set({ role }).where('id', '=', id).execute(),
          { pointer: '/data/attributes/role' },
        );
      return resourceResult(200, membershipResource({ ...current, role: role ?? current.role }, context.url));
    },
  },
  {
    method: 'DELETE',
    path: '/memberships/:id',
    operationId: 'deleteMembership',
    summary: 'Remove a member from an organization',
    tag: 'Memberships',
    access: 'owners of the organization; the last owner cannot be removed (409)',
    responses: { 204: null },
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const membership = await findVisibleMembership(context, id);
      const organizationId = String(membership.organization_id);
      requireOwner(context.viewer, organizationId);
      await keepingAnOwner(context.db, organizationId, (trx) =>
        trx.deleteFrom('memberships').where('id', '=', id).execute(),
      );
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/users/:id/memberships',
    operationId: 'listUserMemberships',
    summary: "A user's memberships in the organizations you share with them (all of them for yourself)",
    tag: 'Users',
    access: 'signed-in users who may see the user',
    query: membershipQuerySpec,
    paginated: true,
    responses: collection,
    handle: async (context) => {
      requireUser(context.viewer);
      const userId = idParam(context.params);
      await findVisibleUser(context, userId);
      return membershipList(context, (query) => query.where('memberships.user_id', '=', userId));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:id/memberships',
    operationId: 'listOrganizationMemberships',
    summary: 'The memberships of an organization',
    tag: 'Organizations',
    access: 'signed-in users; the list is empty for an organization you are not a member of',
    query: membershipQuerySpec,
    paginated: true,
    responses: collection,
    handle: async (context) => {
      requireUser(context.viewer);
      const organizationId = idParam(context.params);
      await findVisibleOrganization(context, organizationId);
      return membershipList(context, (query) => query.where('memberships.organization_id', '=', organizationId));
    },
  },
];
