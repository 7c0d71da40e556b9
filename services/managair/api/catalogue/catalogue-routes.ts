import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';

import type { Database } from '../../../database/tables';
import type { ResourceObject } from '../../jsonapi/resource';
import type { ApiContext, ApiRoute } from '../api-route';
import { withConstraintErrors } from '../constraint-errors';
import { collectionDocumentSchema, singleDocumentSchema } from '../document-schemas';
import { fetchPage, listResult, noContent, resourceResult } from '../list-document';
import { idParam, notFound } from '../path-ids';
import { parseCreateBody, parseUpdateBody, requestDocumentSchema, type ResourceBodySpec } from '../request-document';
import { requireSuperuser } from '../viewer';

/**
 * The routes of a catalogue of one table (quantities, protocols): readable by anyone (the
 * dashboard loads the catalogue at start-up, before signing in), changed only by a superuser.
 * The original let any signed-in user write them (original-clair.md §3.3.5).
 */
export interface Catalogue<Row extends { id: string }> {
  /** `/quantities`. */
  path: string;
  /** `Quantity`, `Quantities`: for operation ids. */
  singular: string;
  plural: string;
  /** What the list holds, for the OpenAPI summary. */
  summary: string;
  /** What deleting does or when it is refused, for the OpenAPI summary. */
  deleteSummary: string;
  schema: z.ZodType;
  body: ResourceBodySpec<z.ZodRawShape>;
  resource: (row: Row, url: (path: string) => string) => ResourceObject;
  /** All rows, ordered; `find` narrows it to one id. */
  select: (db: Kysely<Database>) => SelectQueryBuilder<Database, keyof Database, Row>;
  find: (db: Kysely<Database>, id: string) => Promise<Row | undefined>;
  insert: (db: Kysely<Database>, attributes: Record<string, unknown>) => Promise<Row>;
  update: (db: Kysely<Database>, id: string, attributes: Record<string, unknown>) => Promise<Row>;
  remove: (db: Kysely<Database>, id: string) => Promise<unknown>;
}

/** One entry or 404. */
export async function findEntry<Row extends { id: string }>(
  catalogue: Catalogue<Row>,
  context: ApiContext,
  id: string,
): Promise<Row> {
  const row = await catalogue.find(context.db, id);
  if (!row) throw notFound(catalogue.singular.toLowerCase());
  return row;
}

export function catalogueRoutes<Row extends { id: string }>(catalogue: Catalogue<Row>): ApiRoute[] {
  const { path, singular, plural, schema, body } = catalogue;
  const one = singular.toLowerCase();
  const base = { tag: 'Catalogue' };
  const document = (context: ApiContext, status: number, row: Row) =>
    resourceResult(status, catalogue.resource(row, context.url));
  return [
    {
      ...base,
      method: 'GET',
      path,
      operationId: `list${plural}`,
      summary: catalogue.summary,
      access: 'anyone',
      paginated: true,
      responses: { 200: collectionDocumentSchema(schema) },
      handle: async (context) => {
        const { page, rows } = await fetchPage(context, catalogue.select(context.db));
        return listResult(
          context,
          page,
          rows.map((row) => catalogue.resource(row, context.url)),
        );
      },
    },
    {
      ...base,
      method: 'GET',
      path: `${path}/:id`,
      operationId: `get${singular}`,
      summary: `One ${one}`,
      access: 'anyone',
      responses: { 200: singleDocumentSchema(schema) },
      handle: async (context) => document(context, 200, await findEntry(catalogue, context, idParam(context.params))),
    },
    {
      ...base,
      method: 'POST',
      path,
      operationId: `create${singular}`,
      summary: `Add a ${one}`,
      access: 'superusers',
      requestBody: requestDocumentSchema(body, 'create'),
      responses: { 201: singleDocumentSchema(schema) },
      handle: async (context) => {
        requireSuperuser(context.viewer);
        const { attributes } = parseCreateBody(context.request.body, body);
        return document(context, 201, await withConstraintErrors(() => catalogue.insert(context.db, attributes)));
      },
    },
    {
      ...base,
      method: 'PATCH',
      path: `${path}/:id`,
      operationId: `update${singular}`,
      summary: `Change a ${one}`,
      access: 'superusers',
      requestBody: requestDocumentSchema(body, 'update'),
      responses: { 200: singleDocumentSchema(schema) },
      handle: async (context) => {
        requireSuperuser(context.viewer);
        const id = idParam(context.params);
        const current = await findEntry(catalogue, context, id);
        const { attributes } = parseUpdateBody(context.request.body, body, id);
        // An update that names nothing changes nothing (and an empty SET is no SQL).
        if (Object.keys(attributes).length === 0) return document(context, 200, current);
        return document(context, 200, await withConstraintErrors(() => catalogue.update(context.db, id, attributes)));
      },
    },
    {
      ...base,
      method: 'DELETE',
      path: `${path}/:id`,
      operationId: `delete${singular}`,
      summary: catalogue.deleteSummary,
      access: 'superusers',
      responses: { 204: null },
      handle: async (context) => {
        requireSuperuser(context.viewer);
        const id = idParam(context.params);
        await findEntry(catalogue, context, id);
        await withConstraintErrors(() => catalogue.remove(context.db, id));
        return noContent;
      },
    },
  ];
}
