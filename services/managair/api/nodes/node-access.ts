import type { ApiContext } from '../api-route';
import { nodeIdParam, notFound } from '../path-ids';
import { requireUser } from '../viewer';
import { visibleNodeIds } from '../visibility';
import { nodeColumns, type NodeRow } from './node-resource';

/**
 * The node named by the path parameter, for a signed-in viewer who may see it: nodes are never
 * public, so an anonymous request is a 401, an invisible or malformed id a 404.
 */
export async function findVisibleNode(context: ApiContext, param = 'id'): Promise<NodeRow> {
  requireUser(context.viewer);
  const id = nodeIdParam(context.params, param);
  const node = await context.db
    .selectFrom('nodes')
    .select(nodeColumns)
    .where('nodes.id', '=', id)
    .where('nodes.id', 'in', visibleNodeIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!node) throw notFound('node');
  return node;
}
