import type { z } from 'zod';

/**
 * Reading the declared response schemas (document-schemas.ts) back: which resource type a
 * document holds, its field names and its relationships with linkage. Sparse fieldsets and
 * includes take their allowed names from here, so they cannot drift from what is sent.
 */

export type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> } };

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

/** The `type` literal of a resource object or identifier schema. */
export function resourceTypeOf(resource: z.ZodType | undefined): string | undefined {
  const def = shapeOf(resource as AnySchema | undefined)?.['type']?._zod.def;
  const type = def?.['type'] === 'literal' ? (def['values'] as unknown[])[0] : undefined;
  return typeof type === 'string' ? type : undefined;
}

/** The resource object schema of a document's `data` (one or many), if it holds typed resources. */
export function primaryResourceOf(document: z.ZodType): z.ZodType | undefined {
  const data = shapeOf(document as AnySchema)?.['data'];
  return resourceTypeOf(data) === undefined ? undefined : data;
}

/** The names `fields[Type]` may list: attributes and relationships. */
export function fieldNamesOf(resource: z.ZodType): string[] {
  const shape = shapeOf(resource as AnySchema);
  return [
    ...Object.keys(shapeOf(shape?.['attributes']) ?? {}),
    ...Object.keys(shapeOf(shape?.['relationships']) ?? {}),
  ];
}

/** Relationship name → related type, for the relationships that carry linkage (not the link-only ones). */
export function linkedRelationshipsOf(resource: z.ZodType): Record<string, string> {
  const relationships = shapeOf(shapeOf(resource as AnySchema)?.['relationships']) ?? {};
  const linked: Record<string, string> = {};
  for (const [name, relationship] of Object.entries(relationships)) {
    const type = resourceTypeOf(shapeOf(relationship)?.['data']);
    if (type !== undefined) linked[name] = type;
  }
  return linked;
}
