import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { filterId, idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { requireOwner, requireUser } from '../viewer';
import { findVisibleRoom } from '../rooms/room-routes';
import { containsText } from '../search';
import { visibleSiteIds } from '../visibility';
import { siteBody, siteColumns, siteDefaultInclude, siteResource, siteSchema, type SiteRow } from './site-resource';

/** A site the viewer may see, or 404. */
export async function findVisibleSite(context: ApiContext, id: string): Promise<SiteRow> {
  const site = await context.db
    .selectFrom('sites')
    .select(siteColumns)
    .where('sites.id', '=', id)
    .where('sites.id', 'in', visibleSiteIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!site) throw notFound('site');
  return site;
}

/**
 * An address a new or changed site may point to: one not yet used by any site (just created by
 * this user, as the dashboard's "add site" does) or one already used by a site of an organization
 * the viewer owns. The original let any site take any address (§8.4).
 */
async function checkAddressUsable(context: ApiContext, addressId: string): Promise<void> {
  const { db, viewer } = context;
  const address = await db.selectFrom('addresses').select('id').where('id', '=', addressId).executeTakeFirst();
  const users = await db.selectFrom('sites').select('operator_id').where('address_id', '=', addressId).execute();
  const usable =
    address !== undefined &&
    (viewer.isSuperuser || users.length === 0 || users.some((s) => viewer.roles.get(String(s.operator_id)) === 'O'));
  if (!usable)
    throw new JsonApiErrors([
      jsonApiError(400, 'does_not_exist', `Invalid pk "${addressId}" - object does not exist.`, {
        pointer: '/data/relationships/address',
      }),
    ]);
}

export const siteRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/sites',
    operationId: 'listSites',
    summary: 'Sites of your organizations and sites with a public installation',
    tag: 'Sites',
    access: 'anyone; anonymous users see only sites with a public installation',
    query: { filters: ['organization', 'search'] },
    defaultInclude: siteDefaultInclude,
    paginated: true,
    responses: { 200: collectionDocumentSchema(siteSchema) },
    handle: async (context) => {
      const { db, viewer, query } = context;
      let sites = db
        .selectFrom('sites')
        .select(siteColumns)
        .where('sites.id', 'in', visibleSiteIds(db, viewer))
        .orderBy('sites.name')
        .orderBy('sites.id');
      const organization = query.filter['organization'];
      if (organization !== undefined) sites = sites.where('sites.operator_id', '=', filterId(organization));
      const search = query.filter['search'];
      if (search)
        sites = sites.where((eb) =>
          eb.or([containsText(eb, 'sites.name', search), containsText(eb, 'sites.description', search)]),
        );
      const { page, rows } = await fetchPage(context, sites);
      return listResult(
        context,
        page,
        rows.map((row) => siteResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/sites/:id',
    operationId: 'getSite',
    summary: 'One site, with its address',
    tag: 'Sites',
    access: 'as the list',
    defaultInclude: siteDefaultInclude,
    responses: { 200: singleDocumentSchema(siteSchema) },
    handle: async (context) => {
      const site = await findVisibleSite(context, idParam(context.params));
      return resourceResult(200, siteResource(site, context.url));
    },
  },
  {
    method: 'POST',
    path: '/sites',
    operationId: 'createSite',
    summary: 'Create a site of an organization you own',
    tag: 'Sites',
    access: 'owners of the operator organization',
    defaultInclude: siteDefaultInclude,
    requestBody: requestDocumentSchema(siteBody, 'create'),
    responses: { 201: singleDocumentSchema(siteSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const body = parseCreateBody(context.request.body, siteBody);
      const operatorId = body.relationships['operator']!;
      requireOwner(context.viewer, operatorId);
      await checkAddressUsable(context, body.relationships['address']!);
      const site = await withConstraintErrors(() =>
        context.db
          .insertInto('sites')
          .values({
            name: body.attributes.name,
            description: body.attributes.description ?? null,
            address_id: body.relationships['address']!,
            operator_id: operatorId,
          })
          .returning(['id', 'name', 'description', 'address_id', 'operator_id'])
          .executeTakeFirstOrThrow(),
      );
      return resourceResult(201, siteResource(site, context.url));
    },
  },
  {
    method: 'PATCH',
    path: '/sites/:id',
    operationId: 'updateSite',
    summary: 'Change a site',
    tag: 'Sites',
    access: 'owners of the operator organization (and of the new one, when it changes)',
    defaultInclude: siteDefaultInclude,
    requestBody: requestDocumentSchema(siteBody, 'update'),
    responses: { 200: singleDocumentSchema(siteSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const current = await findVisibleSite(context, id);
      requireOwner(context.viewer, current.operator_id);
      const body = parseUpdateBody(context.request.body, siteBody, id);
      const operatorId = body.relationships['operator'];
      if (operatorId !== undefined && operatorId !== null) requireOwner(context.viewer, operatorId);
      const addressId = body.relationships['address'];
      if (addressId && addressId !== String(current.address_id)) await checkAddressUsable(context, addressId);
      const site = await withConstraintErrors(() =>
        context.db
          .updateTable('sites')
          .set({
            ...(body.attributes.name === undefined ? {} : { name: body.attributes.name }),
            ...(body.attributes.description === undefined ? {} : { description: body.attributes.description }),
            ...(addressId ? { address_id: addressId } : {}),
            ...(operatorId ? { operator_id: operatorId } : {}),
            // Keeps the SET list non-empty when a PATCH changes nothing.
            id: current.id,
          })
          .where('id', '=', id)
          .returning(['id', 'name', 'description', 'address_id', 'operator_id'])
          .executeTakeFirstOrThrow(),
      );
      return resourceResult(200, siteResource(site, context.url));
    },
  },
  {
    method: 'DELETE',
    path: '/sites/:id',
    operationId: 'deleteSite',
    summary: 'Delete a site with its rooms and their installations (the address stays)',
    tag: 'Sites',
    access: 'owners of the operator organization',
    responses: { 204: null },
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const site = await findVisibleSite(context, id);
      requireOwner(context.viewer, site.operator_id);
      await withConstraintErrors(() => context.db.deleteFrom('sites').where('id', '=', id).execute());
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/rooms/:id/site',
    operationId: 'getRoomSite',
    summary: 'The site of a room, with its address',
    tag: 'Rooms',
    access: 'whoever may see the room',
    defaultInclude: siteDefaultInclude,
    responses: { 200: singleDocumentSchema(siteSchema) },
    handle: async (context) => {
      const room = await findVisibleRoom(context, idParam(context.params));
      const site = await findVisibleSite(context, String(room.site_id));
      return resourceResult(200, siteResource(site, context.url));
    },
  },
];
