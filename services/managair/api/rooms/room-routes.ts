import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { filterId, idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { containsText } from '../search';
import { findVisibleSite } from '../sites/site-routes';
import { requireOwner, requireUser } from '../viewer';
import { visibleInstallationIds, visibleRoomIds, visibleSiteIds } from '../visibility';
import { roomBody, roomColumns, roomQuery, roomResource, roomSchema, type RoomRow } from './room-resource';

/**
 * Rooms (original-clair.md §3.3.3–3.3.5).
 *
 * - Reads: rooms of the viewer's organizations, and for everyone a room with a public
 *   installation (visibility.ts). `/sites/:id/rooms` serves the public widget anonymously: a
 *   site it may not see is a 404, and of a visible site it lists only the visible rooms.
 * - Create, change, delete: owners of the site's operator. A site the viewer cannot see is
 *   answered as one that does not exist (400 at /data/relationships/site), never 403, so the
 *   answer does not reveal another organization's sites.
 * - Deviation: a room may move to another site of the same organization only. The database checks
 *   that an installation's node and room have one owner when an installation, a node or a site
 *   changes, but not when a room changes site, so a room with installations moved to another
 *   organization would put that organization's nodes into it. Any move across organizations is
 *   refused (400 at /data/relationships/site), with or without installations, so that no
 *   installation created at the same moment can slip past a check; delete and recreate the room.
 * - Bounds the original left to the browser are checked here (room-resource.ts).
 */

interface OwnedRoomRow extends RoomRow {
  operator_id: string | number;
}

function roomQueryOf(context: ApiContext) {
  return context.db
    .selectFrom('rooms')
    .innerJoin('sites', 'sites.id', 'rooms.site_id')
    .select([...roomColumns, 'sites.operator_id'])
    .where('rooms.id', 'in', visibleRoomIds(context.db, context.viewer));
}

/** A room the viewer may see, with its organization, or 404. */
export async function findVisibleRoom(context: ApiContext, id: string): Promise<OwnedRoomRow> {
  const room = await roomQueryOf(context).where('rooms.id', '=', id).executeTakeFirst();
  if (!room) throw notFound('room');
  return room;
}

/** The operator of a site a room is to be put in; a site the viewer cannot see does not exist for them. */
async function operatorOfTargetSite(context: ApiContext, siteId: string): Promise<string> {
  const site = await context.db
    .selectFrom('sites')
    .select('operator_id')
    .where('id', '=', filterId(siteId))
    .where('id', 'in', visibleSiteIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!site)
    throw new JsonApiErrors([
      jsonApiError(400, 'does_not_exist', `Invalid pk "${siteId}" - object does not exist.`, {
        pointer: '/data/relationships/site',
      }),
    ]);
  return String(site.operator_id);
}

const single = { 200: singleDocumentSchema(roomSchema) };
const collection = { 200: collectionDocumentSchema(roomSchema) };

export const roomRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/rooms',
    operationId: 'listRooms',
    summary: 'Rooms of your organizations and rooms with a public installation',
    tag: 'Rooms',
    access: 'anyone; anonymous users see only rooms with a public installation',
    query: { ...roomQuery, filters: ['site', 'organization', 'search'] },
    paginated: true,
    responses: collection,
    handle: async (context) => {
      const { site, organization, search } = context.query.filter;
      let rooms = roomQueryOf(context).orderBy('rooms.name').orderBy('rooms.id');
      if (site !== undefined) rooms = rooms.where('rooms.site_id', '=', filterId(site));
      if (organization !== undefined) rooms = rooms.where('sites.operator_id', '=', filterId(organization));
      if (search)
        rooms = rooms.where((eb) =>
          eb.or([containsText(eb, 'rooms.name', search), containsText(eb, 'rooms.description', search)]),
        );
      const { page, rows } = await fetchPage(context, rooms);
      return listResult(
        context,
        page,
        rows.map((row) => roomResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/rooms/:id',
    operationId: 'getRoom',
    summary: 'One room',
    tag: 'Rooms',
    access: 'as the list',
    query: roomQuery,
    responses: single,
    handle: async (context) => {
      const room = await findVisibleRoom(context, idParam(context.params));
      return resourceResult(200, roomResource(room, context.url));
    },
  },
  {
    method: 'POST',
    path: '/rooms',
    operationId: 'createRoom',
    summary: 'Create a room in a site of an organization you own',
    tag: 'Rooms',
    access: "owners of the site's operator",
    requestBody: requestDocumentSchema(roomBody, 'create'),
    responses: { 201: singleDocumentSchema(roomSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const { attributes, relationships } = parseCreateBody(context.request.body, roomBody);
      const siteId = relationships['site']!;
      requireOwner(context.viewer, await operatorOfTargetSite(context, siteId));
      const room = await withConstraintErrors(() =>
        context.db
          .insertInto('rooms')
          .values({
            name: attributes.name,
            description: attributes.description ?? null,
            size_sqm: attributes.size_sqm ?? null,
            height_m: attributes.height_m ?? null,
            max_occupancy: attributes.max_occupancy ?? null,
            site_id: siteId,
          })
          .returning(['id', 'name', 'description', 'size_sqm', 'height_m', 'max_occupancy', 'site_id'])
          .executeTakeFirstOrThrow(),
      );
      return resourceResult(201, roomResource(room, context.url));
    },
  },
  {
    method: 'PATCH',
    path: '/rooms/:id',
    operationId: 'updateRoom',
    summary: 'Change a room, or move it to another site of the same organization',
    tag: 'Rooms',
    access: "owners of the site's operator",
    requestBody: requestDocumentSchema(roomBody, 'update'),
    responses: single,
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const current = await findVisibleRoom(context, id);
      requireOwner(context.viewer, current.operator_id);
      const { attributes, relationships } = parseUpdateBody(context.request.body, roomBody, id);
      const siteId = relationships['site'];
      if (siteId && siteId !== String(current.site_id)) {
        const operatorId = await operatorOfTargetSite(context, siteId);
        requireOwner(context.viewer, operatorId);
        if (operatorId !== String(current.operator_id))
          throw new JsonApiErrors([
            jsonApiError(
              400,
              'other_organization',
              'A room can move only to another site of the same organization; create a new room there instead.',
              { pointer: '/data/relationships/site' },
            ),
          ]);
      }
      const changes = {
        ...Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined)),
        ...(siteId ? { site_id: siteId } : {}),
      };
      const room = Object.keys(changes).length
        ? await withConstraintErrors(() =>
            context.db
              .updateTable('rooms')
              .set(changes)
              .where('id', '=', id)
              .returning(['id', 'name', 'description', 'size_sqm', 'height_m', 'max_occupancy', 'site_id'])
              .executeTakeFirstOrThrow(),
          )
        : current;
      return resourceResult(200, roomResource(room, context.url));
    },
  },
  {
    method: 'DELETE',
    path: '/rooms/:id',
    operationId: 'deleteRoom',
    summary: 'Delete a room with its installations',
    tag: 'Rooms',
    access: "owners of the site's operator",
    responses: { 204: null },
    handle: async (context) => {
      requireUser(context.viewer);
      const id = idParam(context.params);
      const room = await findVisibleRoom(context, id);
      requireOwner(context.viewer, room.operator_id);
      await withConstraintErrors(() => context.db.deleteFrom('rooms').where('id', '=', id).execute());
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/sites/:id/rooms',
    operationId: 'listSiteRooms',
    summary: 'The rooms of a site (the public widget asks this anonymously)',
    tag: 'Sites',
    access: 'whoever may see the site; rooms as in /rooms',
    query: roomQuery,
    paginated: true,
    responses: collection,
    handle: async (context) => {
      const site = await findVisibleSite(context, idParam(context.params));
      const rooms = roomQueryOf(context).where('rooms.site_id', '=', site.id).orderBy('rooms.name').orderBy('rooms.id');
      const { page, rows } = await fetchPage(context, rooms);
      return listResult(
        context,
        page,
        rows.map((row) => roomResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/installations/:id/room',
    operationId: 'getInstallationRoom',
    summary: 'The room of an installation',
    tag: 'Installations',
    access: 'whoever may see the installation',
    query: roomQuery,
    responses: single,
    handle: async (context) => {
      const installation = await context.db
        .selectFrom('installations')
        .select('room_id')
        .where('id', '=', idParam(context.params))
        .where('id', 'in', visibleInstallationIds(context.db, context.viewer))
        .executeTakeFirst();
      if (!installation) throw notFound('installation');
      return resourceResult(
        200,
        roomResource(await findVisibleRoom(context, String(installation.room_id)), context.url),
      );
    },
  },
];
