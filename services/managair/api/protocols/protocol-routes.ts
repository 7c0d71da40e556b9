import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { findVisibleNode } from '../nodes/node-access';
import { idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { requireSuperuser } from '../viewer';
import { protocolBody, protocolColumns, protocolResource, protocolSchema, type ProtocolRow } from './protocol-resource';

/**
 * The protocol catalogue: readable by anyone, changed only by a superuser (the original let any
 * signed-in user write it, §3.3.5). A protocol nodes still use cannot be deleted (409).
 */

async function findProtocol(context: ApiContext, id: string): Promise<ProtocolRow> {
  const row = await context.db.selectFrom('protocols').select(protocolColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('protocol');
  return row;
}

const returned = ['id', 'identifier', 'num_uplink_msgs', 'num_downlink_msgs'] as const;

export const protocolRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/protocols',
    operationId: 'listProtocols',
    summary: 'The LoRaWAN protocols nodes speak',
    tag: 'Catalogue',
    access: 'anyone',
    paginated: true,
    responses: { 200: collectionDocumentSchema(protocolSchema) },
    handle: async (context) => {
      const query = context.db.selectFrom('protocols').select(protocolColumns).orderBy('protocols.id');
      const { page, rows } = await fetchPage(context, query);
      return listResult(
        context,
        page,
        rows.map((row) => protocolResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/protocols/:id',
    operationId: 'getProtocol',
    summary: 'One protocol',
    tag: 'Catalogue',
    access: 'anyone',
    responses: { 200: singleDocumentSchema(protocolSchema) },
    handle: async (context) =>
      resourceResult(200, protocolResource(await findProtocol(context, idParam(context.params)), context.url)),
  },
  {
    method: 'GET',
    path: '/nodes/:id/protocol',
    operationId: 'getNodeProtocol',
    summary: "A node's protocol",
    tag: 'Catalogue',
    access: 'members of the node owner',
    responses: { 200: singleDocumentSchema(protocolSchema) },
    handle: async (context) => {
      const node = await findVisibleNode(context);
      return resourceResult(200, protocolResource(await findProtocol(context, String(node.protocol_id)), context.url));
    },
  },
  {
    method: 'POST',
    path: '/protocols',
    operationId: 'createProtocol',
    summary: 'Add a protocol',
    tag: 'Catalogue',
    access: 'superusers',
    requestBody: requestDocumentSchema(protocolBody, 'create'),
    responses: { 201: singleDocumentSchema(protocolSchema) },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const body = parseCreateBody(context.request.body, protocolBody);
      const row = await withConstraintErrors(() =>
        context.db.insertInto('protocols').values(body.attributes).returning(returned).executeTakeFirstOrThrow(),
      );
      return resourceResult(201, protocolResource(row, context.url));
    },
  },
  {
    method: 'PATCH',
    path: '/protocols/:id',
    operationId: 'updateProtocol',
    summary: 'Change a protocol',
    tag: 'Catalogue',
    access: 'superusers',
    requestBody: requestDocumentSchema(protocolBody, 'update'),
    responses: { 200: singleDocumentSchema(protocolSchema) },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const id = idParam(context.params);
      const current = await findProtocol(context, id);
      const body = parseUpdateBody(context.request.body, protocolBody, id);
      const row = await withConstraintErrors(() =>
        context.db
          .updateTable('protocols')
          .set({ ...current, ...body.attributes })
          .where('id', '=', id)
          .returning(returned)
          .executeTakeFirstOrThrow(),
      );
      return resourceResult(200, protocolResource(row, context.url));
    },
  },
  {
    method: 'DELETE',
    path: '/protocols/:id',
    operationId: 'deleteProtocol',
    summary: 'Delete a protocol no node uses',
    tag: 'Catalogue',
    access: 'superusers',
    responses: { 204: null },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const id = idParam(context.params);
      await findProtocol(context, id);
      await withConstraintErrors(() => context.db.deleteFrom('protocols').where('id', '=', id).execute());
      return noContent;
    },
  },
];
