import { z } from 'zod';

import { resourceObject, toOne, type ResourceObject } from '../../jsonapi/resource';
import type { ApiContext, ApiRoute } from '../api-route';
import { collectionDocumentSchema, resourceSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, resourceResult } from '../list-document';
import { nodeIdParam, notFound } from '../path-ids';
import { requireUser } from '../viewer';
import { visibleNodeIds } from '../visibility';

/**
 * Fidelity (original-clair.md §3.3.4, §3.7): whether a node reports, as the periodic check last
 * found. Scoped to the viewer's nodes; the original showed every node's fidelity to anyone
 * signed in (§3.3.5 "Known holes").
 */
const fidelityAttributes = z.object({
  /** U unknown (never reported), E alive, M missing, D dead. */
  fidelity: z.enum(['U', 'E', 'M', 'D']),
  last_contact_s: z.number().int().nullable(),
  last_check_s: z.number().int(),
});
type FidelityAttributes = z.infer<typeof fidelityAttributes>;

const fidelitySchema = resourceSchema('Fidelity', fidelityAttributes, { node: { type: 'Node' } });

interface FidelityRow extends FidelityAttributes {
  node_id: string;
}

function fidelityResource(row: FidelityRow, url: (path: string) => string): ResourceObject {
  const { fidelity, last_contact_s, last_check_s } = row;
  return resourceObject(
    'Fidelity',
    row.node_id,
    { fidelity, last_contact_s, last_check_s } satisfies FidelityAttributes,
    {
      relationships: { node: toOne('Node', row.node_id, url(`/nodes/${row.node_id}/`)) },
      self: url(`/fidelity/${row.node_id}/`),
    },
  );
}

function visibleFidelity(context: ApiContext) {
  requireUser(context.viewer);
  return context.db
    .selectFrom('node_fidelity')
    .select(['node_id', 'fidelity', 'last_contact_s', 'last_check_s'])
    .where('node_id', 'in', visibleNodeIds(context.db, context.viewer))
    .orderBy('node_id');
}

export const fidelityRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/fidelity',
    operationId: 'listFidelity',
    summary: "Whether your organizations' nodes are reporting",
    tag: 'Nodes',
    access: 'signed-in users; members see their organizations’ nodes',
    paginated: true,
    responses: { 200: collectionDocumentSchema(fidelitySchema) },
    handle: async (context) => {
      const { page, rows } = await fetchPage(context, visibleFidelity(context));
      return listResult(
        context,
        page,
        rows.map((row) => fidelityResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/fidelity/:node',
    operationId: 'getFidelity',
    summary: 'Whether one node is reporting',
    tag: 'Nodes',
    access: 'members of the node owner',
    responses: { 200: singleDocumentSchema(fidelitySchema) },
    handle: async (context) => {
      const query = visibleFidelity(context);
      const row = await query.where('node_id', '=', nodeIdParam(context.params, 'node')).executeTakeFirst();
      if (!row) throw notFound('fidelity');
      return resourceResult(200, fidelityResource(row, context.url));
    },
  },
];
