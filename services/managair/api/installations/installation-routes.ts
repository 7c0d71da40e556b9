import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent } from '../list-document';
import { findVisibleNode } from '../nodes/node-access';
import { invalidRelationship } from '../nodes/refusals';
import { filterId, idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { requireOwner, requireUser } from '../viewer';
import { visibleInstallationIds, visibleNodeIds, visibleRoomIds } from '../visibility';
import { findVisibleInstallation } from './installation-access';
import { installationDetail, installationDetailQuery, installationList } from './installation-documents';
import { removeImage } from './installation-image';
import { installationImageRoutes } from './installation-image-routes';
import { installationBody, installationColumns, installationSchema } from './installation-resource';

/** Visible installations, latest first (the original's ordering), with their room's organization. */
function visibleInstallations(context: ApiContext) {
  return context.db
    .selectFrom('installations')
    .innerJoin('rooms', 'rooms.id', 'installations.room_id')
    .innerJoin('sites', 'sites.id', 'rooms.site_id')
    .select(installationColumns)
    .where('installations.id', 'in', visibleInstallationIds(context.db, context.viewer))
    .orderBy('installations.from_timestamp_s', 'desc')
    .orderBy('installations.id');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A node id given in a filter; a malformed one matches nothing (the nil UUID is no node's id), as filterId does. */
function filterNodeId(value: string): string {
  const id = value.trim().toLowerCase();
  return uuidPattern.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}

/** The organization of a room the viewer may see, or a 400 at the relationship. */
async function organizationOfRoom(context: ApiContext, roomId: string): Promise<string | number> {
  const room = /^[1-9]\d{0,17}$/.test(roomId)
    ? await context.db
        .selectFrom('rooms')
        .innerJoin('sites', 'sites.id', 'rooms.site_id')
        .select('sites.operator_id')
        .where('rooms.id', '=', roomId)
        .where('rooms.id', 'in', visibleRoomIds(context.db, context.viewer))
        .executeTakeFirst()
    : undefined;
  if (!room) throw invalidRelationship('room', roomId);
  return room.operator_id;
}

/** A node the viewer may see, or a 400 at the relationship; the database checks it has the room's owner. */
async function checkNode(context: ApiContext, nodeId: string): Promise<void> {
  const node = uuidPattern.test(nodeId)
    ? await context.db
        .selectFrom('nodes')
        .select('id')
        .where('id', '=', nodeId.toLowerCase())
        .where('id', 'in', visibleNodeIds(context.db, context.viewer))
        .executeTakeFirst()
    : undefined;
  if (!node) throw invalidRelationship('node', nodeId);
}

const returned = [
  'id',
  'node_id',
  'room_id',
  'from_timestamp_s',
  'to_timestamp_s',
  'description',
  'is_public',
  'image',
] as const;

export const installationRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/installations',
    operationId: 'listInstallations',
    summary: 'Installations of your organizations and public ones, with sample count and latest sample',
    tag: 'Installations',
    access: 'anyone; anonymous users see only public installations',
    query: { filters: ['room', 'site', 'organization', 'node'] },
    paginated: true,
    responses: { 200: collectionDocumentSchema(installationSchema) },
    handle: async (context) => {
      const { filter } = context.query;
      let installations = visibleInstallations(context);
      if (filter['room'] !== undefined) installations = installations.where('rooms.id', '=', filterId(filter['room']));
      if (filter['site'] !== undefined) installations = installations.where('sites.id', '=', filterId(filter['site']));
      if (filter['organization'] !== undefined)
        installations = installations.where('sites.operator_id', '=', filterId(filter['organization']));
      // The original logged filter[node] but did not apply it (§3.3.3).
      if (filter['node'] !== undefined)
        installations = installations.where('installations.node_id', '=', filterNodeId(filter['node']));
      const { page, rows } = await fetchPage(context, installations);
      return listResult(context, page, await installationList(context, rows));
    },
  },
  {
    method: 'GET',
    path: '/rooms/:id/installations',
    operationId: 'listRoomInstallations',
    summary: "A room's installations (the public widget's list)",
    tag: 'Installations',
    access: 'anyone; anonymous users see only public installations',
    paginated: true,
    responses: { 200: collectionDocumentSchema(installationSchema) },
    handle: async (context) => {
      const roomId = idParam(context.params);
      const room = await context.db
        .selectFrom('rooms')
        .select('id')
        .where('id', '=', roomId)
        .where('id', 'in', visibleRoomIds(context.db, context.viewer))
        .executeTakeFirst();
      if (!room) throw notFound('room');
      const { page, rows } = await fetchPage(context, visibleInstallations(context).where('rooms.id', '=', roomId));
      return listResult(context, page, await installationList(context, rows));
    },
  },
  {
    method: 'GET',
    path: '/nodes/:id/installations',
    operationId: 'listNodeInstallations',
    summary: "A node's installations",
    tag: 'Installations',
    access: 'members of the node owner',
    paginated: true,
    responses: { 200: collectionDocumentSchema(installationSchema) },
    handle: async (context) => {
      const node = await findVisibleNode(context);
      const installations = visibleInstallations(context).where('installations.node_id', '=', node.id);
      const { page, rows } = await fetchPage(context, installations);
      return listResult(context, page, await installationList(context, rows));
    },
  },
  {
    method: 'GET',
    path: '/installations/:id',
    operationId: 'getInstallation',
    summary:
      'One installation, its statistics over its period within [filter[from], filter[to]], optionally its samples',
    tag: 'Installations',
    access: 'anyone for a public installation; members of its organization otherwise',
    query: installationDetailQuery,
    responses: { 200: singleDocumentSchema(installationSchema) },
    handle: async (context) => installationDetail(context, await findVisibleInstallation(context)),
  },
  {
    method: 'POST',
    path: '/installations',
    operationId: 'createInstallation',
    summary: 'Install a node in a room; periods of one node may not overlap',
    tag: 'Installations',
    access: "owners of the room's organization (the node must be theirs too)",
    requestBody: requestDocumentSchema(installationBody, 'create'),
    responses: { 201: singleDocumentSchema(installationSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const body = parseCreateBody(context.request.body, installationBody);
      const roomId = body.relationships['room']!;
      requireOwner(context.viewer, await organizationOfRoom(context, roomId));
      const nodeId = body.relationships['node']!.toLowerCase();
      await checkNode(context, nodeId);
      const { from_timestamp_s, to_timestamp_s, description, is_public } = body.attributes;
      const installation = await withConstraintErrors(() =>
        context.db
          .insertInto('installations')
          .values({
            node_id: nodeId,
            room_id: roomId,
            from_timestamp_s,
            ...(to_timestamp_s === undefined ? {} : { to_timestamp_s }),
            description: description ?? null,
            ...(is_public === undefined ? {} : { is_public }),
            image: null,
          })
          .returning(returned)
          .executeTakeFirstOrThrow(),
      );
      return installationDetail(context, installation, 201);
    },
  },
  {
    method: 'PATCH',
    path: '/installations/:id',
    operationId: 'updateInstallation',
    summary: 'Change an installation; the dashboard ends one by setting to_timestamp_s to now',
    tag: 'Installations',
    access: "owners of the room's organization (and of the new room's)",
    requestBody: requestDocumentSchema(installationBody, 'update'),
    responses: { 200: singleDocumentSchema(installationSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const current = await findVisibleInstallation(context);
      requireOwner(context.viewer, current.operator_id);
      const body = parseUpdateBody(context.request.body, installationBody, current.id);
      const roomId = body.relationships['room'];
      if (roomId) requireOwner(context.viewer, await organizationOfRoom(context, roomId));
      const nodeId = body.relationships['node']?.toLowerCase();
      if (nodeId) await checkNode(context, nodeId);
      const installation = await withConstraintErrors(() =>
        context.db
          .updateTable('installations')
          .set({
            ...body.attributes,
            ...(roomId ? { room_id: roomId } : {}),
            ...(nodeId ? { node_id: nodeId } : {}),
            // Keeps the SET list non-empty when a PATCH changes nothing.
            id: current.id,
          })
          .where('id', '=', current.id)
          .returning(returned)
          .executeTakeFirstOrThrow(),
      );
      return installationDetail(context, installation);
    },
  },
  {
    method: 'DELETE',
    path: '/installations/:id',
    operationId: 'deleteInstallation',
    summary: 'Delete an installation (the samples stay with the node)',
    tag: 'Installations',
    access: "owners of the room's organization",
    responses: { 204: null },
    handle: async (context) => {
      requireUser(context.viewer);
      const installation = await findVisibleInstallation(context);
      requireOwner(context.viewer, installation.operator_id);
      await withConstraintErrors(() =>
        context.db.deleteFrom('installations').where('id', '=', installation.id).execute(),
      );
      if (installation.image && context.mediaRoot) await removeImage(context.mediaRoot, installation.image);
      return noContent;
    },
  },
  ...installationImageRoutes,
];
