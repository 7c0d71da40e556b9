import { HttpProblem } from '../../serve/problems';
import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { isOwnerOf, requireUser } from '../viewer';
import { visibleAddressIds, visibleSiteIds } from '../visibility';
import { addressBody, addressColumns, addressResource, addressSchema, type AddressRow } from './address-resource';

/**
 * Addresses (original-clair.md §3.3.3–3.3.5). Never public through these routes: anonymous
 * requests get 401 (the widget needs none; sites include their address anyway).
 *
 * - Reads: the addresses of the sites the viewer may see. An address no site uses is seen by
 *   superusers only, as in the original, where a new address stayed invisible to its creator
 *   until a site referenced it.
 * - Create: any signed-in user, since the dashboard's "add site" posts the address first
 *   (original-clients.md §4d) and only then the site.
 * - Deviation, closing a hole (§8.4): the original let any member change any address of their
 *   organizations' sites, even one shared with another organization's site. Changing or deleting
 *   an address needs ownership of the organization of every site that uses it (403 otherwise).
 *   An unused address is not visible, so it cannot be changed or deleted except by a superuser:
 *   letting anyone delete unused addresses would let one user break another's add-site flow
 *   between its two requests. Orphans an aborted flow leaves behind are harmless.
 * - A delete of an address still in use is refused with 409 (the sites' foreign key RESTRICTs
 *   it), which is every delete but a superuser's of an unused one; addresses go with their sites
 *   in no case, as in the original.
 */

/** An address the viewer may see, or 404. */
async function findVisibleAddress(context: ApiContext, id: string): Promise<AddressRow> {
  const address = await context.db
    .selectFrom('addresses')
    .select(addressColumns)
    .where('id', '=', id)
    .where('id', 'in', visibleAddressIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!address) throw notFound('address');
  return address;
}

/** A visible address whose every user is a site of an organization the viewer owns: 404, 403 otherwise. */
async function findChangeableAddress(context: ApiContext, id: string): Promise<AddressRow> {
  const address = await findVisibleAddress(context, id);
  const operators = await context.db.selectFrom('sites').select('operator_id').where('address_id', '=', id).execute();
  if (!operators.every((site) => isOwnerOf(context.viewer, site.operator_id)))
    throw new HttpProblem(
      403,
      'permission_denied',
      'This address is used by a site of an organization you do not own; only owners of all its sites may change it.',
    );
  return address;
}

const single = { 200: singleDocumentSchema(addressSchema) };

export const addressRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/addresses',
    operationId: 'listAddresses',
    summary: 'Addresses of the sites you may see',
    tag: 'Addresses',
    access: 'signed-in users',
    paginated: true,
    responses: { 200: collectionDocumentSchema(addressSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const addresses = context.db
        .selectFrom('addresses')
        .select(addressColumns)
        .where('id', 'in', visibleAddressIds(context.db, context.viewer))
        .orderBy('city')
        .orderBy('street1')
        .orderBy('id');
      const { page, rows } = await fetchPage(context, addresses);
      return listResult(
        context,
        page,
        rows.map((row) => addressResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/addresses/:id',
    operationId: 'getAddress',
    summary: 'One address',
    tag: 'Addresses',
    access: 'signed-in users who may see a site at it',
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const address = await findVisibleAddress(context, idParam(context.params));
      return resourceResult(200, addressResource(address, context.url));
    },
  },
  {
    method: 'POST',
    path: '/addresses',
    operationId: 'createAddress',
    summary: 'Create an address, for a site to be created next',
    tag: 'Addresses',
    access: 'signed-in users',
    requestBody: requestDocumentSchema(addressBody, 'create'),
    responses: { 201: singleDocumentSchema(addressSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const { attributes } = parseCreateBody(context.request.body, addressBody);
      const address = await withConstraintErrors(() =>
        context.db
          .insertInto('addresses')
          .values({
            street1: attributes.street1,
            street2: attributes.street2 ?? null,
            zip: attributes.zip,
            city: attributes.city,
            latitude: attributes.latitude ?? null,
            longitude: attributes.longitude ?? null,
          })
          .returning(addressColumns)
          .executeTakeFirstOrThrow(),
      );
      return resourceResult(201, addressResource(address, context.url));
    },
  },
  {
    method: 'PATCH',
    path: '/addresses/:id',
    operationId: 'updateAddress',
    summary: 'Change an address',
    tag: 'Addresses',
    access: 'owners of the organizations of all sites at the address',
    requestBody: requestDocumentSchema(addressBody, 'update'),
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const current = await findChangeableAddress(context, id);
      const { attributes } = parseUpdateBody(context.request.body, addressBody, id);
      const changes = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
      const address = Object.keys(changes).length
        ? await withConstraintErrors(() =>
            context.db
              .updateTable('addresses')
              .set(changes)
              .where('id', '=', id)
              .returning(addressColumns)
              .executeTakeFirstOrThrow(),
          )
        : current;
      return resourceResult(200, addressResource(address, context.url));
    },
  },
  {
    method: 'DELETE',
    path: '/addresses/:id',
    operationId: 'deleteAddress',
    summary: 'Delete an address no site uses',
    tag: 'Addresses',
    access: 'owners of the organizations of all sites at the address; 409 while a site uses it',
    responses: { 204: null },
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      await findChangeableAddress(context, id);
      await withConstraintErrors(() => context.db.deleteFrom('addresses').where('id', '=', id).execute());
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/sites/:id/address',
    operationId: 'getSiteAddress',
    summary: 'The address of a site',
    tag: 'Sites',
    access: 'signed-in users who may see the site',
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const address = await context.db
        .selectFrom('addresses')
        .innerJoin('sites', 'sites.address_id', 'addresses.id')
        .select(addressColumns.map((column) => `addresses.${column}` as const))
        .where('sites.id', '=', idParam(context.params))
        .where('sites.id', 'in', visibleSiteIds(context.db, context.viewer))
        .executeTakeFirst();
      if (!address) throw notFound('site');
      return resourceResult(200, addressResource(address, context.url));
    },
  },
];
