import { z } from 'zod';

import { JsonApiErrors, errorsFromZod, jsonApiError, type JsonApiError } from '../jsonapi/errors';

/**
 * Reading a JSON:API request document `{data: {type, id?, attributes, relationships}}` for a
 * create (POST) or an update (PATCH/PUT), as DJA's parser did: the type must be the endpoint's
 * (409 otherwise), an update's id must be the URL's (409), attributes go through the resource's
 * zod schema (every member optional for an update), relationships carry `{data: {type, id}}`
 * linkage of the declared type. Every refusal points at the offending member.
 */

export interface RelationshipSpec {
  type: string;
  /** Must be given on create. */
  required?: boolean;
  /** A to-one relationship may be set to null. */
  nullable?: boolean;
}

export interface ResourceBodySpec<S extends z.ZodRawShape> {
  type: string;
  attributes: z.ZodObject<S>;
  relationships?: Record<string, RelationshipSpec>;
}

export interface ResourceBody<A> {
  id?: string;
  attributes: A;
  /** Given relationships only: the related id, or null when cleared. */
  relationships: Record<string, string | null>;
}

const document = z.object({
  data: z.object({
    type: z.string(),
    id: z.string().optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    relationships: z.record(z.string(), z.unknown()).optional(),
  }),
});

const linkage = z.object({ data: z.object({ type: z.string(), id: z.string().min(1) }).nullable() });

function fail(errors: JsonApiError[]): never {
  throw new JsonApiErrors(errors);
}

export function parseCreateBody<S extends z.ZodRawShape>(
  body: unknown,
  spec: ResourceBodySpec<S>,
): ResourceBody<z.output<z.ZodObject<S>>> {
  return parse(body, spec, spec.attributes, undefined) as ResourceBody<z.output<z.ZodObject<S>>>;
}

export function parseUpdateBody<S extends z.ZodRawShape>(
  body: unknown,
  spec: ResourceBodySpec<S>,
  urlId: string,
): ResourceBody<Partial<z.output<z.ZodObject<S>>>> {
  return parse(body, spec, spec.attributes.partial(), urlId) as ResourceBody<Partial<z.output<z.ZodObject<S>>>>;
}

function parse(
  body: unknown,
  spec: ResourceBodySpec<z.ZodRawShape>,
  attributes: z.ZodObject,
  urlId: string | undefined,
): ResourceBody<unknown> {
  if (body === undefined)
    fail([jsonApiError(400, 'required', 'A request document is required.', { pointer: '/data' })]);
  const outer = document.safeParse(body);
  if (!outer.success) fail(errorsFromZod(outer.error, { input: body }));
  const { data } = outer.data;
  if (data.type !== spec.type)
    fail([
      jsonApiError(409, 'type_conflict', `The resource type is "${spec.type}", not "${data.type}".`, {
        pointer: '/data/type',
      }),
    ]);
  if (urlId !== undefined && data.id !== undefined && data.id !== urlId)
    fail([
      jsonApiError(
        409,
        'id_conflict',
        `The resource object's id (${data.id}) does not match the URL's id (${urlId}).`,
        {
          pointer: '/data/id',
        },
      ),
    ]);

  const errors: JsonApiError[] = [];
  const parsedAttributes = attributes.safeParse(data.attributes ?? {});
  if (!parsedAttributes.success)
    errors.push(
      ...errorsFromZod(parsedAttributes.error, { input: data.attributes ?? {}, base: ['data', 'attributes'] }),
    );

  const relationships: Record<string, string | null> = {};
  const given = data.relationships ?? {};
  for (const [name, relationship] of Object.entries(spec.relationships ?? {})) {
    const pointer = `/data/relationships/${name}`;
    if (!(name in given)) {
      if (urlId === undefined && relationship.required)
        errors.push(jsonApiError(400, 'required', 'This field is required.', { pointer }));
      continue;
    }
    const parsed = linkage.safeParse(given[name]);
    if (!parsed.success) {
      errors.push(jsonApiError(400, 'invalid', 'Expected {"data": {"type", "id"}} linkage.', { pointer }));
      continue;
    }
    const target = parsed.data.data;
    if (target === null) {
      if (relationship.nullable) relationships[name] = null;
      else errors.push(jsonApiError(400, 'null', 'This field may not be null.', { pointer: `${pointer}/data` }));
      continue;
    }
    if (target.type !== relationship.type) {
      errors.push(
        jsonApiError(409, 'type_conflict', `Expected a ${relationship.type}, not a ${target.type}.`, {
          pointer: `${pointer}/data/type`,
        }),
      );
      continue;
    }
    relationships[name] = target.id;
  }
  if (errors.length) fail(errors);
  return {
    ...(data.id === undefined ? {} : { id: data.id }),
    attributes: parsedAttributes.data,
    relationships,
  };
}

/** The request document a create or update takes, for the OpenAPI description. */
export function requestDocumentSchema(spec: ResourceBodySpec<z.ZodRawShape>, mode: 'create' | 'update') {
  const relationships = Object.fromEntries(
    Object.entries(spec.relationships ?? {}).map(([name, r]) => {
      const target = z.object({ type: z.literal(r.type), id: z.string() });
      const member = z.object({ data: r.nullable ? target.nullable() : target });
      return [name, mode === 'create' && r.required ? member : member.optional()];
    }),
  );
  return z.object({
    data: z.object({
      type: z.literal(spec.type),
      id: z.string().optional(),
      attributes: (mode === 'update' ? spec.attributes.partial() : spec.attributes).optional(),
      ...(Object.keys(relationships).length ? { relationships: z.object(relationships).optional() } : {}),
    }),
  });
}
