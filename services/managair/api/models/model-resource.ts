import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { Database } from '../../../database/tables';
import { JsonApiErrors, jsonApiError } from '../../jsonapi/errors';
import { resourceObject, toMany, type ResourceObject } from '../../jsonapi/resource';
import { requiredText } from '../attribute-fields';
import { identifierSchema, resourceSchema } from '../document-schemas';
import { type ResourceBodySpec, requestDocumentSchema } from '../request-document';

/** Model (the original's NodeModel, original-clair.md §3.2): a sensor product and what it measures. */
export const modelAttributes = z.object({
  name: z.string(),
  trade_name: z.string(),
  manufacturer: z.string(),
  sensor_type: z.string(),
});
export type ModelAttributes = z.infer<typeof modelAttributes>;

export const modelSchema = resourceSchema('Model', modelAttributes, { quantities: { type: 'Quantity', many: true } });

export const modelBody = {
  type: 'Model',
  attributes: z.object({
    name: requiredText(30),
    trade_name: requiredText(30),
    manufacturer: requiredText(30),
    sensor_type: requiredText(100),
  }),
} satisfies ResourceBodySpec<z.ZodRawShape>;

/** `quantities` is a to-many linkage, which request-document.ts (to-one only) does not read. */
const quantitiesLinkage = z.object({ data: z.array(identifierSchema('Quantity')) });

/** The request document of a create or update, `quantities` included, for the OpenAPI description. */
export function modelRequestSchema(mode: 'create' | 'update') {
  const base = requestDocumentSchema(modelBody, mode);
  return z.object({
    data: base.shape.data.extend({
      relationships: z.object({ quantities: quantitiesLinkage.optional() }).optional(),
    }),
  });
}

/** The quantity ids of `data.relationships.quantities`, undefined when not given; unknown ids are refused. */
export async function parseModelQuantities(db: Kysely<Database>, body: unknown): Promise<string[] | undefined> {
  const relationships = (body as { data?: { relationships?: Record<string, unknown> } } | undefined)?.data
    ?.relationships;
  if (relationships?.['quantities'] === undefined) return undefined;
  const pointer = '/data/relationships/quantities';
  const parsed = quantitiesLinkage.safeParse(relationships['quantities']);
  if (!parsed.success)
    throw new JsonApiErrors([
      jsonApiError(400, 'invalid', 'Expected {"data": [{"type": "Quantity", "id"}]} linkage.', { pointer }),
    ]);
  const ids = [...new Set(parsed.data.data.map((q) => q.id))];
  const known = ids.length
    ? await db
        .selectFrom('quantities')
        .select('id')
        .where('id', 'in', ids.filter((id) => /^[1-9]\d{0,17}$/.test(id)).concat('0'))
        .execute()
    : [];
  const missing = ids.filter((id) => !known.some((row) => String(row.id) === id));
  if (missing.length)
    throw new JsonApiErrors([
      jsonApiError(400, 'does_not_exist', `Invalid pk "${missing[0]}" - object does not exist.`, { pointer }),
    ]);
  return ids;
}

export const modelColumns = [
  'node_models.id',
  'node_models.name',
  'node_models.trade_name',
  'node_models.manufacturer',
  'node_models.sensor_type',
] as const;

export interface ModelRow extends ModelAttributes {
  id: string;
}

/** Each model's quantity ids, in id order. */
export async function quantityIdsOfModels(
  db: Kysely<Database>,
  modelIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byModel = new Map<string, string[]>(modelIds.map((id) => [id, []]));
  if (modelIds.length === 0) return byModel;
  const rows = await db
    .selectFrom('node_model_quantities')
    .select(['node_model_id', 'quantity_id'])
    .where('node_model_id', 'in', [...modelIds])
    .orderBy('quantity_id')
    .execute();
  for (const row of rows) byModel.get(String(row.node_model_id))?.push(String(row.quantity_id));
  return byModel;
}

export function modelResource(
  row: ModelRow,
  quantityIds: readonly string[],
  url: (path: string) => string,
): ResourceObject {
  const { name, trade_name, manufacturer, sensor_type } = row;
  return resourceObject('Model', row.id, { name, trade_name, manufacturer, sensor_type } satisfies ModelAttributes, {
    relationships: { quantities: toMany('Quantity', quantityIds) },
    self: url(`/models/${row.id}/`),
  });
}
