import type { z } from 'zod';

import type { QuerySpec } from '../jsonapi/query';
import type { ApiRouteDescription } from './api-route';

/**
 * Sparse fieldsets on every route, as DJA offered them: `fields[Type]` may name the attributes
 * and relationships of the resource a route answers with, read from its declared response schema
 * so that the allowed names cannot drift from what is sent. Routes add the types they include
 * (a site's Address) in their own `query.fields`.
 */
export function querySpecOf(route: ApiRouteDescription): QuerySpec {
  const derived: Record<string, string[]> = {};
  for (const schema of Object.values(route.responses)) if (schema) collectResourceFields(schema, derived);
  return { ...route.query, fields: { ...derived, ...route.query?.fields } };
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> } };

/** Unwraps nullable/optional and arrays down to an object schema's shape, if any. */
function shapeOf(schema: AnySchema | undefined): Record<string, AnySchema> | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 8; depth++) {
    const def = current._zod.def;
    if (def['type'] === 'object') return def['shape'] as Record<string, AnySchema>;
    current = (def['innerType'] ?? def['element']) as AnySchema | undefined;
  }
  return undefined;
}

function collectResourceFields(document: z.ZodType, into: Record<string, string[]>): void {
  const resource = shapeOf(shapeOf(document as AnySchema)?.['data']);
  const typeDef = resource?.['type']?._zod.def;
  const type = typeDef?.['type'] === 'literal' ? (typeDef['values'] as unknown[])[0] : undefined;
  if (typeof type !== 'string') return;
  into[type] = [
    ...Object.keys(shapeOf(resource!['attributes']) ?? {}),
    ...Object.keys(shapeOf(resource!['relationships']) ?? {}),
  ];
}
