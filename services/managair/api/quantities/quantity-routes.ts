import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema } from '../request-document';
import { requireSuperuser } from '../viewer';
import { quantityBody, quantityColumns, quantityResource, quantitySchema, type QuantityRow } from './quantity-resource';

/**
 * The quantity catalogue: readable by anyone (the dashboard loads it at start-up, before
 * signing in), changed only by a superuser. The original let any signed-in user write it (§3.3.5).
 */

async function findQuantity(context: ApiContext, id: string): Promise<QuantityRow> {
  const row = await context.db.selectFrom('quantities').select(quantityColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('quantity');
  return row;
}

const returned = ['id', 'quantity', 'base_unit'] as const;

export const quantityRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/quantities',
    operationId: 'listQuantities',
    summary: 'The quantities sensors measure',
    tag: 'Catalogue',
    access: 'anyone',
    paginated: true,
    responses: { 200: collectionDocumentSchema(quantitySchema) },
    handle: async (context) => {
      const query = context.db.selectFrom('quantities').select(quantityColumns).orderBy('quantities.id');
      const { page, rows } = await fetchPage(context, query);
      return listResult(
        context,
        page,
        rows.map((row) => quantityResource(row, context.url)),
      );
    },
  },
  {
    method: 'GET',
    path: '/quantities/:id',
    operationId: 'getQuantity',
    summary: 'One quantity',
    tag: 'Catalogue',
    access: 'anyone',
    responses: { 200: singleDocumentSchema(quantitySchema) },
    handle: async (context) =>
      resourceResult(200, quantityResource(await findQuantity(context, idParam(context.params)), context.url)),
  },
  {
    method: 'POST',
    path: '/quantities',
    operationId: 'createQuantity',
    summary: 'Add a quantity',
    tag: 'Catalogue',
    access: 'superusers',
    requestBody: requestDocumentSchema(quantityBody, 'create'),
    responses: { 201: singleDocumentSchema(quantitySchema) },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const body = parseCreateBody(context.request.body, quantityBody);
      const row = await withConstraintErrors(() =>
        context.db.insertInto('quantities').values(body.attributes).returning(returned).executeTakeFirstOrThrow(),
      );
      return resourceResult(201, quantityResource(row, context.url));
    },
  },
  {
    method: 'PATCH',
    path: '/quantities/:id',
    operationId: 'updateQuantity',
    summary: 'Change a quantity',
    tag: 'Catalogue',
    access: 'superusers',
    requestBody: requestDocumentSchema(quantityBody, 'update'),
    responses: { 200: singleDocumentSchema(quantitySchema) },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const id = idParam(context.params);
      const current = await findQuantity(context, id);
      const body = parseUpdateBody(context.request.body, quantityBody, id);
      const row = await withConstraintErrors(() =>
        context.db
          .updateTable('quantities')
          .set({ ...current, ...body.attributes, id })
          .where('id', '=', id)
          .returning(returned)
          .executeTakeFirstOrThrow(),
      );
      return resourceResult(200, quantityResource(row, context.url));
    },
  },
  {
    method: 'DELETE',
    path: '/quantities/:id',
    operationId: 'deleteQuantity',
    summary: 'Delete a quantity (models no longer list it)',
    tag: 'Catalogue',
    access: 'superusers',
    responses: { 204: null },
    handle: async (context) => {
      requireSuperuser(context.viewer);
      const id = idParam(context.params);
      await findQuantity(context, id);
      await withConstraintErrors(() => context.db.deleteFrom('quantities').where('id', '=', id).execute());
      return noContent;
    },
  },
];
