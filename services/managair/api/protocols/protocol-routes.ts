import type { ApiRoute } from '../api-route';
import { type Catalogue, catalogueRoutes, findEntry } from '../catalogue/catalogue-routes';
import { singleDocumentSchema } from '../document-schemas';
import { resourceResult } from '../list-document';
import { findVisibleNode } from '../nodes/node-access';
import { protocolBody, protocolColumns, protocolResource, protocolSchema, type ProtocolRow } from './protocol-resource';

const returned = ['id', 'identifier', 'num_uplink_msgs', 'num_downlink_msgs'] as const;

export const protocols: Catalogue<ProtocolRow> = {
  path: '/protocols',
  singular: 'Protocol',
  plural: 'Protocols',
  summary: 'The LoRaWAN protocols nodes speak',
  deleteSummary: 'Delete a protocol no node uses (409 while one does)',
  schema: protocolSchema,
  body: protocolBody,
  resource: protocolResource,
  select: (db) => db.selectFrom('protocols').select(protocolColumns).orderBy('protocols.id'),
  find: (db, id) => db.selectFrom('protocols').select(protocolColumns).where('id', '=', id).executeTakeFirst(),
  insert: (db, attributes) =>
    db
      .insertInto('protocols')
      .values(attributes as { identifier: string })
      .returning(returned)
      .executeTakeFirstOrThrow(),
  update: (db, id, attributes) =>
    db.updateTable('protocols').set(attributes).where('id', '=', id).returning(returned).executeTakeFirstOrThrow(),
  remove: (db, id) => db.deleteFrom('protocols').where('id', '=', id).execute(),
};

export const protocolRoutes: ApiRoute[] = [
  ...catalogueRoutes(protocols),
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
      return resourceResult(
        200,
        protocolResource(await findEntry(protocols, context, String(node.protocol_id)), context.url),
      );
    },
  },
];
