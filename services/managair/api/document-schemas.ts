import { z } from 'zod';

/**
 * Zod schemas of the JSON:API documents the API sends, declared once per resource type: the
 * OpenAPI document is generated from them (openapi/), and the resources' TypeScript types are
 * inferred from their attribute schemas. Shapes follow jsonapi/resource.ts and document.ts.
 */

export interface RelationshipShape {
  /** The related resource's type name, e.g. `Organization`. */
  type: string;
  many?: boolean;
  /** A hyperlink without linkage (Site.rooms, Room.installations). */
  linkOnly?: boolean;
}

const links = z.object({ related: z.string().optional(), self: z.string().optional() });

export function identifierSchema(type: string) {
  return z.object({ type: z.literal(type), id: z.string() });
}

function relationshipSchema(shape: RelationshipShape) {
  if (shape.linkOnly) return z.object({ links });
  const data = shape.many ? z.array(identifierSchema(shape.type)) : identifierSchema(shape.type).nullable();
  return z.object({ data, links: links.optional() });
}

/** A resource object of `type` with the given attributes and relationships. */
export function resourceSchema<A extends z.ZodRawShape>(
  type: string,
  attributes: z.ZodObject<A>,
  relationships: Record<string, RelationshipShape> = {},
) {
  const rels = Object.fromEntries(
    Object.entries(relationships).map(([name, shape]) => [name, relationshipSchema(shape)]),
  );
  return z
    .object({
      type: z.literal(type),
      id: z.string(),
      attributes,
      ...(Object.keys(rels).length ? { relationships: z.object(rels) } : {}),
      links: z.object({ self: z.string() }).optional(),
    })
    .meta({ id: type });
}

/** Any resource object, for `included`. */
const anyResource = z.object({
  type: z.string(),
  id: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  relationships: z.record(z.string(), z.unknown()).optional(),
  links: z.object({ self: z.string() }).optional(),
});

export function singleDocumentSchema(resource: z.ZodType) {
  return z.object({ data: resource, included: z.array(anyResource).optional() });
}

/** A to-one related endpoint may answer `data: null`. */
export function optionalSingleDocumentSchema(resource: z.ZodType) {
  return z.object({ data: resource.nullable(), included: z.array(anyResource).optional() });
}

const paginationMeta = z.object({
  pagination: z.object({ page: z.number().int(), pages: z.number().int(), count: z.number().int() }),
});
const paginationLinks = z.object({
  first: z.string().nullable(),
  last: z.string().nullable(),
  next: z.string().nullable(),
  prev: z.string().nullable(),
});

export function collectionDocumentSchema(resource: z.ZodType) {
  return z.object({
    data: z.array(resource),
    included: z.array(anyResource).optional(),
    meta: paginationMeta,
    links: paginationLinks,
  });
}

export const errorDocumentSchema = z
  .object({
    errors: z.array(
      z.object({
        status: z.string(),
        code: z.string(),
        title: z.string(),
        detail: z.string().optional(),
        source: z.union([z.object({ pointer: z.string() }), z.object({ parameter: z.string() })]).optional(),
      }),
    ),
  })
  .meta({ id: 'Errors' });

/** A sample as embedded in nodes, installations and time series (SimpleSampleSerializer). */
export const sampleSchema = z
  .object({
    id: z.string(),
    timestamp_s: z.number().int(),
    co2_ppm: z.number().int(),
    /** A decimal string such as "21.0", as DRF rendered the numeric(3,1) column. */
    temperature_celsius: z.string().nullable(),
    rel_humidity_percent: z.number().int().nullable(),
    measurement_status: z.enum(['M', 'R', 'E']),
  })
  .meta({ id: 'Sample' });
export type SampleAttributes = z.infer<typeof sampleSchema>;
