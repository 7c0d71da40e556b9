import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { filterId, idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { containsText } from '../search';
import { sampleObject } from '../timeseries/sample-object';
import { sampleSummaries, summaryOf } from '../../timeseries/sample-summaries';
import { requestedRange, wantsTimeseries } from '../timeseries/time-filters';
import { isMemberOf, requireOwner, requireSuperuser, requireUser } from '../viewer';
import { visibleInstallationIds, visibleNodeIds } from '../visibility';
import { nodeSeries } from '../../timeseries/node-series';
import { findVisibleNode } from './node-access';
import { nodeList } from './node-documents';
import { checkNodeId } from './node-id-check';
import { invalidAttribute, invalidRelationship } from './refusals';
import { nodeBody, nodeColumns, nodeResource, nodeSchema, type NodeRow } from './node-resource';

const listQuery = { filters: ['organization', 'search'] };
const detailQuery = { filters: ['from', 'to'], extra: ['include_timeseries'] };

/** One node with its statistics over `[filter[from], filter[to]]`, and the samples if asked for. */
async function nodeDetail(context: ApiContext, row: NodeRow, status = 200) {
  const range = requestedRange(context);
  const summary = summaryOf(
    await sampleSummaries(context.db, [{ key: row.id, nodeId: row.id, fromS: range.from, toS: range.to }]),
    row.id,
  );
  const timeseries = wantsTimeseries(context)
    ? (await nodeSeries(context.db, row.id, range, 'raw')).map((sample) => sampleObject(row.id, sample))
    : undefined;
  const resource = nodeResource(
    row,
    {
      nowS: context.nowS,
      range,
      summary,
      latestSample: summary.latest && sampleObject(row.id, summary.latest),
      ...(timeseries === undefined ? {} : { timeseries }),
    },
    context.url,
  );
  return resourceResult(status, resource);
}

/** Protocol and model must exist; the database's foreign keys would only say "500". */
async function checkCatalogueEntries(context: ApiContext, relationships: Record<string, string | null>) {
  const tables = { protocol: 'protocols', model: 'node_models' } as const;
  for (const [name, table] of Object.entries(tables)) {
    const id = relationships[name];
    if (!id) continue;
    const found = /^[1-9]\d{0,17}$/.test(id)
      ? await context.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!found) throw invalidRelationship(name, id);
  }
}

function visibleNodes(context: ApiContext) {
  return context.db
    .selectFrom('nodes')
    .select(nodeColumns)
    .where('nodes.id', 'in', visibleNodeIds(context.db, context.viewer))
    .orderBy('nodes.eui64')
    .orderBy('nodes.id');
}

const returned = ['id', 'eui64', 'alias', 'description', 'protocol_id', 'model_id', 'owner_id'] as const;

export const nodeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/nodes',
    operationId: 'listNodes',
    summary: "Your organizations' nodes, with sample count and latest sample",
    tag: 'Nodes',
    access: 'signed-in users; members see the nodes of their organizations',
    query: listQuery,
    paginated: true,
    responses: { 200: collectionDocumentSchema(nodeSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      let nodes = visibleNodes(context);
      const organization = context.query.filter['organization'];
      if (organization !== undefined) nodes = nodes.where('nodes.owner_id', '=', filterId(organization));
      const search = context.query.filter['search'];
      if (search)
        nodes = nodes.where((eb) =>
          eb.or([containsText(eb, 'nodes.alias', search), containsText(eb, 'nodes.eui64', search)]),
        );
      const { page, rows } = await fetchPage(context, nodes);
      return listResult(context, page, await nodeList(context, rows));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:id/nodes',
    operationId: 'listOrganizationNodes',
    summary: "An organization's nodes",
    tag: 'Nodes',
    access: 'members of the organization',
    paginated: true,
    responses: { 200: collectionDocumentSchema(nodeSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const organizationId = idParam(context.params);
      // Nodes are never public: outside the organization it does not exist, as for its other parts.
      if (!isMemberOf(context.viewer, organizationId)) throw notFound('organization');
      const nodes = visibleNodes(context).where('nodes.owner_id', '=', organizationId);
      const { page, rows } = await fetchPage(context, nodes);
      return listResult(context, page, await nodeList(context, rows));
    },
  },
  {
    method: 'GET',
    path: '/nodes/:id',
    operationId: 'getNode',
    summary: 'One node, its statistics over [filter[from], filter[to]] and optionally its samples',
    tag: 'Nodes',
    access: 'members of the owner organization',
    query: detailQuery,
    responses: { 200: singleDocumentSchema(nodeSchema) },
    handle: async (context) => nodeDetail(context, await findVisibleNode(context)),
  },
  {
    method: 'GET',
    path: '/installations/:id/node',
    operationId: 'getInstallationNode',
    summary: 'The node of an installation',
    tag: 'Nodes',
    access: 'members of the owner organization',
    query: detailQuery,
    responses: { 200: singleDocumentSchema(nodeSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const node = await context.db
        .selectFrom('installations')
        .innerJoin('nodes', 'nodes.id', 'installations.node_id')
        .select(nodeColumns)
        .where('installations.id', '=', idParam(context.params))
        .where('installations.id', 'in', visibleInstallationIds(context.db, context.viewer))
        .where('nodes.id', 'in', visibleNodeIds(context.db, context.viewer))
        .executeTakeFirst();
      if (!node) throw notFound('node');
      return nodeDetail(context, node);
    },
  },
  {
    method: 'POST',
    path: '/nodes',
    operationId: 'createNode',
    summary: 'Register a node; its id is the UUID derived from its EUI-64',
    tag: 'Nodes',
    access: 'owners of the owner organization',
    requestBody: requestDocumentSchema(nodeBody, 'create'),
    responses: { 201: singleDocumentSchema(nodeSchema) },
    handle: async (context) => {
      requireUser(context.viewer);
      const body = parseCreateBody(context.request.body, nodeBody);
      const ownerId = body.relationships['owner']!;
      requireOwner(context.viewer, ownerId);
      const id = checkNodeId(body.id, body.attributes.eui64);
      await checkCatalogueEntries(context, body.relationships);
      const node = await withConstraintErrors(() =>
        context.db
          .insertInto('nodes')
          .values({
            id,
            eui64: body.attributes.eui64,
            alias: body.attributes.alias,
            description: body.attributes.description ?? null,
            protocol_id: body.relationships['protocol']!,
            model_id: body.relationships['model']!,
            owner_id: ownerId,
          })
          .returning(returned)
          .executeTakeFirstOrThrow(),
      );
      return nodeDetail(context, node, 201);
    },
  },
  {
    method: 'PATCH',
    path: '/nodes/:id',
    operationId: 'updateNode',
    summary: "Change a node's alias, description, protocol or model (its owner: superusers only)",
    tag: 'Nodes',
    access: 'owners of the owner organization; a new owner only by a superuser',
    requestBody: requestDocumentSchema(nodeBody, 'update'),
    responses: { 200: singleDocumentSchema(nodeSchema) },
    handle: async (context) => {
      const current = await findVisibleNode(context);
      requireOwner(context.viewer, current.owner_id);
      const body = parseUpdateBody(context.request.body, nodeBody, current.id);
      const { eui64, ...attributes } = body.attributes;
      // The id is derived from the EUI-64; a node with another EUI is another node.
      if (eui64 !== undefined && eui64.toUpperCase() !== current.eui64.toUpperCase())
        throw invalidAttribute('eui64', "A node's EUI-64 cannot be changed; register the device as a new node.");
      const ownerId = body.relationships['owner'];
      if (ownerId && ownerId !== String(current.owner_id)) requireSuperuser(context.viewer);
      await checkCatalogueEntries(context, body.relationships);
      const node = await withConstraintErrors(() =>
        context.db
          .updateTable('nodes')
          .set({
            ...attributes,
            ...(body.relationships['protocol'] ? { protocol_id: body.relationships['protocol'] } : {}),
            ...(body.relationships['model'] ? { model_id: body.relationships['model'] } : {}),
            ...(ownerId ? { owner_id: ownerId } : {}),
            // Keeps the SET list non-empty when a PATCH changes nothing.
            id: current.id,
          })
          .where('id', '=', current.id)
          .returning(returned)
          .executeTakeFirstOrThrow(),
      );
      return nodeDetail(context, node);
    },
  },
  {
    method: 'DELETE',
    path: '/nodes/:id',
    operationId: 'deleteNode',
    summary: 'Delete a node with its samples and installations',
    tag: 'Nodes',
    access: 'owners of the owner organization',
    responses: { 204: null },
    handle: async (context) => {
      const node = await findVisibleNode(context);
      requireOwner(context.viewer, node.owner_id);
      await withConstraintErrors(() => context.db.deleteFrom('nodes').where('id', '=', node.id).execute());
      return noContent;
    },
  },
];
