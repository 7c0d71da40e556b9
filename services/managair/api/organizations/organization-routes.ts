import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { idParam, nodeIdParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { requireOwner, requireUser } from '../viewer';
import { visibleMembershipIds, visibleNodeIds, visibleOrganizationIds, visibleSiteIds } from '../visibility';
import { findVisibleUser } from '../users/user-resource';
import {
  organizationBody,
  organizationColumns,
  organizationQuery,
  organizationResourceOf,
  organizationResources,
  organizationSchema,
  findVisibleOrganization,
} from './organization-resource';
import { organizationSiteRoutes } from './organization-site-routes';
import { organizationUserRelationshipRoutes } from './organization-user-relationship';

/**
 * Organizations (original-clair.md §3.3.3–3.3.5).
 *
 * - Reads: members see their organizations, everyone sees an organization with a public
 *   installation (visibility.ts). The `users` linkage names only members the viewer may see as
 *   users, so a public organization does not reveal its members to strangers.
 * - Any signed-in user may create an organization and becomes its owner in the same transaction,
 *   so no organization exists for an instant without one.
 * - Changes and deletion are for owners; deletion cascades to memberships, sites (with rooms and
 *   installations) and nodes (with samples), as in the original. Addresses stay.
 * - Related routes answering with an organization live here: `/memberships/:id/organization`,
 *   `/sites/:id/organization`, `/users/:id/organizations`, `/nodes/:id/owner`. Each first
 *   requires the source to be visible (404 otherwise); memberships, users and nodes are never
 *   public, so those three refuse anonymous requests with 401.
 */

/** 200 with the organization `organizationId` names, or 404 when it names none. */
async function relatedOrganization(context: ApiContext, organizationId: string | number | undefined) {
  if (organizationId === undefined) throw notFound('organization');
  const organization = await context.db
    .selectFrom('organizations')
    .select(organizationColumns)
    .where('organizations.id', '=', String(organizationId))
    .executeTakeFirstOrThrow();
  return resourceResult(200, await organizationResourceOf(context, organization));
}

const single = { 200: singleDocumentSchema(organizationSchema) };

export const organizationRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/organizations',
    operationId: 'listOrganizations',
    summary: 'Your organizations and those with a public installation',
    tag: 'Organizations',
    access: 'anyone; anonymous users see only organizations with a public installation',
    query: organizationQuery,
    paginated: true,
    responses: { 200: collectionDocumentSchema(organizationSchema) },
    handle: async (context) => {
      const organizations = context.db
        .selectFrom('organizations')
        .select(organizationColumns)
        .where('organizations.id', 'in', visibleOrganizationIds(context.db, context.viewer))
        .orderBy('organizations.name')
        .orderBy('organizations.id');
      const { page, rows } = await fetchPage(context, organizations);
      return listResult(context, page, await organizationResources(context, rows));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:id',
    operationId: 'getOrganization',
    summary: 'One organization, with the members you may see',
    tag: 'Organizations',
    access: 'as the list',
    query: organizationQuery,
    responses: single,
    handle: async (context) => {
      const organization = await findVisibleOrganization(context, idParam(context.params));
      return resourceResult(200, await organizationResourceOf(context, organization));
    },
  },
  {
    method: 'POST',
    path: '/organizations',
    operationId: 'createOrganization',
    summary: 'Create an organization; you become its owner',
    tag: 'Organizations',
    access: 'any signed-in user',
    requestBody: requestDocumentSchema(organizationBody, 'create'),
    responses: { 201: singleDocumentSchema(organizationSchema) },
    handle: async (context) => {
      const { viewer } = context;
      requireUser(viewer);
      const body = parseCreateBody(context.request.body, organizationBody);
      const organization = await withConstraintErrors(() =>
        context.db.transaction().execute(async (trx) => {
          const created = await trx
            .insertInto('organizations')
            .values({ name: body.attributes.name, description: body.attributes.description ?? null })
            .returning(['id', 'name', 'description'])
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('memberships')
            .values({ user_id: viewer.userId, organization_id: created.id, role: 'O' })
            .execute();
          return created;
        }),
      );
      return resourceResult(201, await organizationResourceOf(context, organization));
    },
  },
  {
    method: 'PATCH',
    path: '/organizations/:id',
    operationId: 'updateOrganization',
    summary: 'Change an organization',
    tag: 'Organizations',
    access: 'owners of the organization',
    requestBody: requestDocumentSchema(organizationBody, 'update'),
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const current = await findVisibleOrganization(context, id);
      requireOwner(context.viewer, id);
      const { attributes } = parseUpdateBody(context.request.body, organizationBody, id);
      const changes = {
        ...(attributes.name === undefined ? {} : { name: attributes.name }),
        ...(attributes.description === undefined ? {} : { description: attributes.description }),
      };
      const organization = Object.keys(changes).length
        ? await withConstraintErrors(() =>
            context.db
              .updateTable('organizations')
              .set(changes)
              .where('id', '=', id)
              .returning(['id', 'name', 'description'])
              .executeTakeFirstOrThrow(),
          )
        : current;
      return resourceResult(200, await organizationResourceOf(context, organization));
    },
  },
  {
    method: 'DELETE',
    path: '/organizations/:id',
    operationId: 'deleteOrganization',
    summary: 'Delete an organization with its memberships, sites, rooms, nodes and installations',
    tag: 'Organizations',
    access: 'owners of the organization',
    responses: { 204: null },
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      await findVisibleOrganization(context, id);
      requireOwner(context.viewer, id);
      await withConstraintErrors(() => context.db.deleteFrom('organizations').where('id', '=', id).execute());
      return noContent;
    },
  },
  ...organizationUserRelationshipRoutes,
  {
    method: 'GET',
    path: '/memberships/:id/organization',
    operationId: 'getMembershipOrganization',
    summary: 'The organization of a membership',
    tag: 'Memberships',
    access: 'signed-in members of that organization',
    query: organizationQuery,
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const membership = await context.db
        .selectFrom('memberships')
        .select('organization_id')
        .where('id', '=', idParam(context.params))
        .where('id', 'in', visibleMembershipIds(context.db, context.viewer))
        .executeTakeFirst();
      return relatedOrganization(context, membership?.organization_id);
    },
  },
  {
    method: 'GET',
    path: '/sites/:id/organization',
    operationId: 'getSiteOrganization',
    summary: 'The operator of a site',
    tag: 'Sites',
    access: 'whoever may see the site',
    query: organizationQuery,
    responses: single,
    handle: async (context) => {
      const site = await context.db
        .selectFrom('sites')
        .select('operator_id')
        .where('id', '=', idParam(context.params))
        .where('id', 'in', visibleSiteIds(context.db, context.viewer))
        .executeTakeFirst();
      return relatedOrganization(context, site?.operator_id);
    },
  },
  {
    method: 'GET',
    path: '/nodes/:id/owner',
    operationId: 'getNodeOwner',
    summary: 'The organization owning a node',
    tag: 'Nodes',
    access: 'signed-in members of the owner',
    query: organizationQuery,
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const node = await context.db
        .selectFrom('nodes')
        .select('owner_id')
        .where('id', '=', nodeIdParam(context.params))
        .where('id', 'in', visibleNodeIds(context.db, context.viewer))
        .executeTakeFirst();
      return relatedOrganization(context, node?.owner_id);
    },
  },
  {
    method: 'GET',
    path: '/users/:id/organizations',
    operationId: 'listUserOrganizations',
    summary: "A user's organizations that you share with them (all of your own for yourself)",
    tag: 'Users',
    access: 'signed-in users who may see the user',
    query: organizationQuery,
    paginated: true,
    responses: { 200: collectionDocumentSchema(organizationSchema) },
    handle: async (context) => {
      const { db, viewer } = context;
      requireUser(viewer);
      const userId = idParam(context.params);
      await findVisibleUser(context, userId);
      const organizations = db
        .selectFrom('organizations')
        .select(organizationColumns)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('memberships')
              .select('memberships.id')
              .whereRef('memberships.organization_id', '=', 'organizations.id')
              .where('memberships.user_id', '=', userId)
              .where('memberships.id', 'in', visibleMembershipIds(db, viewer)),
          ),
        )
        .orderBy('organizations.name')
        .orderBy('organizations.id');
      const { page, rows } = await fetchPage(context, organizations);
      return listResult(context, page, await organizationResources(context, rows));
    },
  },
  ...organizationSiteRoutes,
];
