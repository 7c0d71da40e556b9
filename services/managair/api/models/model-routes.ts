import type { Kysely } from 'kysely';

import type { Database } from '../../../database/tables';
import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { findVisibleNode } from '../nodes/node-access';
import { idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody } from '../request-document';
import { requireSuperuser } from '../viewer';
import {
  modelBody,
  modelColumns,
  modelRequestSchema,
  modelResource,
  modelSchema,
  parseModelQuantities,
  quantityIdsOfModels,
  type ModelRow,
} from './model-resource';

/**
 * The sensor model catalogue: readable by anyone (the dashboard shows trade name and
 * manufacturer of each sensor), changed only by a superuser (the original let any signed-in
 * user write it, §3.3.5). A model nodes still use cannot be deleted (409).
 */

async function findModel(context: ApiContext, id: string): Promise<ModelRow> {
  const row = await context.db.selectFrom('node_models').select(modelColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('model');
  return row;
}

async function modelResult(context: ApiContext, status: number, row: ModelRow) {
  const quantities = await quantityIdsOfModels(context.db, [row.id]);
  return resourceResult(status, modelResource(row, quantities.get(row.id) ?? [], context.url));
}

async function replaceQuantities(db: Kysely<Database>, modelId: string, quantityIds: readonly string[]) {
  await db.deleteFrom('node_model_quantities').where('node_model_id', '=', modelId).execute();
  if (quantityIds.length)
    await db
      .insertInto('node_model_quantities')
      .values(quantityIds.map((quantity_id) => ({ node_model_id: modelId, quantity_id })))
      .execute();
}

const returned = ['id', 'name', 'trade_name', 'manufacturer', 'sensor_type'] as const;

export const modelRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/models',
    operationId: 'listModels',
    summary: 'The sensor models',
    tag: 'Catalogue',
    access: 'anyone',
    paginated: true,
    responses: { 200: collectionDocumentSchema(modelSchema) },
    handle: async (context) => {
      const query = context.db.selectFrom('node_models').select(modelColumns).orderBy('node_models.id');
      const { page, rows } = await fetchPage(context, query);
      const quantities = await quantityIdsOfModels(
        context.db,
        rows.map((row) => row.id),
      );
      return listResult(
        context,
        page,
        rows.map((row) => modelResource(row, quantities.get(row.id) ?? [], context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/models/:id',
    operationId: 'getModel',
    summary: 'One sensor model',
    tag: 'Catalogue',
    access: 'anyone',
    responses: { 200: singleDocumentSchema(modelSchema) },
    handle: async (context) => modelResult(context, 200, await findModel(context, idParam(context.params))),
  },
  {
    method: 'GET',
    path: '/nodes/:id/model',
    operationId: 'getNodeModel',
    summary: "A node's sensor model",
    tag: 'Catalogue',
    access: 'members of the node owner',
    responses: { 200: singleDocumentSchema(modelSchema) },
    handle: async (context) => {
      const node = await findVisibleNode(context);
      return modelResult(context, 200, await findModel(context, String(node.model_id)));
    },
  },
  {
    method: 'POST',
    path: '/models',
    operationId: 'createModel',
    summary: 'Add a sensor model',
    tag: 'Catalogue',
    access: 'superusers',
    requestBody: modelRequestSchema('create'),
    responses: { 201: singleDocumentSchema(modelSchema) },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const body = parseCreateBody(context.request.body, modelBody);
      const quantityIds = await parseModelQuantities(context.db, context.request.body);
      const row = await withConstraintErrors(() =>
        context.db.transaction().execute(async (tx) => {
          const created = await tx
            .insertInto('node_models')
            .values(body.attributes)
            .returning(returned)
            .executeTakeFirstOrThrow();
          await replaceQuantities(tx, created.id, quantityIds ?? []);
          return created;
        }),
      );
      return modelResult(context, 201, row);
    },
  },
  {
    method: 'PATCH',
    path: '/models/:id',
    operationId: 'updateModel',
    summary: 'Change a sensor model',
    tag: 'Catalogue',
    access: 'superusers',
    requestBody: modelRequestSchema('update'),
    responses: { 200: singleDocumentSchema(modelSchema) },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const id = idParam(context.params);
      const current = await findModel(context, id);
      const body = parseUpdateBody(context.request.body, modelBody, id);
      const quantityIds = await parseModelQuantities(context.db, context.request.body);
      const row = await withConstraintErrors(() =>
        context.db.transaction().execute(async (tx) => {
          const updated = await tx
            .updateTable('node_models')
            .set({ ...current, ...body.attributes })
            .where('id', '=', id)
            .returning(returned)
            .executeTakeFirstOrThrow();
          if (quantityIds) await replaceQuantities(tx, id, quantityIds);
          return updated;
        }),
      );
      return modelResult(context, 200, row);
    },
  },
  {
    method: 'DELETE',
    path: '/models/:id',
    operationId: 'deleteModel',
    summary: 'Delete a sensor model no node uses',
    tag: 'Catalogue',
    access: 'superusers',
    responses: { 204: null },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const id = idParam(context.params);
      await findModel(context, id);
      await withConstraintErrors(() => context.db.deleteFrom('node_models').where('id', '=', id).execute());
      return noContent;
    },
  },
];
