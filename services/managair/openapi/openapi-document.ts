import { z } from 'zod';

import { apiPrefix, type ApiRouteDescription } from '../api/api-route';
import { errorDocumentSchema } from '../api/document-schemas';
import { querySpecOf } from '../api/sparse-fieldsets';
import { jsonApiMediaType } from '../jsonapi/media-type';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the routes' own declarations (api-route.ts),
 * so it cannot drift from what is served. Zod schemas with an `id` (resource objects, Sample,
 * Errors) become components; OpenAPI 3.1 takes JSON Schema 2020-12 as zod writes it.
 */

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** Statuses any route may answer with an error document. */
const errorStatuses: Record<number, string> = {
  400: 'Malformed request: each error points at the offending member or parameter',
  401: 'Not signed in (WWW-Authenticate: Token)',
  403: 'Signed in, but not allowed (or a failed CSRF check)',
  404: 'No such resource, or not visible to you',
  406: 'The Accept header allows no JSON',
  409: 'Conflicting type or id, or the resource is still in use',
  415: 'Unsupported request media type',
  429: 'Too many attempts',
  503: 'The database is unavailable; retry after Retry-After seconds',
};

class ComponentCollector {
  readonly schemas: Record<string, JsonSchema> = {};

  /** A zod schema as JSON Schema, its identified parts moved to components. */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
    delete json['$schema'];
    const defs = (json['$defs'] ?? {}) as Record<string, JsonSchema>;
    delete json['$defs'];
    for (const [id, def] of Object.entries(defs)) {
      const rewritten = rewriteRefs(def) as JsonSchema;
      const existing = this.schemas[id];
      if (existing && JSON.stringify(existing) !== JSON.stringify(rewritten) && io === 'output')
        throw new Error(`two different schemas are both named ${id}`);
      if (!existing || io === 'output') this.schemas[id] = rewritten;
    }
    return rewriteRefs(json) as JsonSchema;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) =>
      key === '$ref' && typeof member === 'string'
        ? [key, member.replace('#/$defs/', '#/components/schemas/')]
        : [key, rewriteRefs(member)],
    ),
  );
}

/** `/sites/:id` → `/api/v1/sites/{id}`, and the parameter names. */
export function openApiPath(path: string): { template: string; parameters: string[] } {
  const parameters: string[] = [];
  const template = path.replace(/:(\w+)/g, (_, name: string) => {
    parameters.push(name);
    return `{${name}}`;
  });
  return { template: apiPrefix + template, parameters };
}

function queryParameters(route: ApiRouteDescription): JsonSchema[] {
  const string = { type: 'string' };
  const parameters: JsonSchema[] = [];
  const spec = querySpecOf(route);
  if (spec.include?.length)
    parameters.push({
      name: 'include',
      in: 'query',
      schema: string,
      description: `Any of: ${spec.include.join(', ')}`,
    });
  for (const [type, names] of Object.entries(spec.fields ?? {}))
    parameters.push({
      name: `fields[${type}]`,
      in: 'query',
      schema: string,
      description: `Any of: ${names.join(', ')}`,
    });
  for (const filter of spec.filters ?? []) parameters.push({ name: `filter[${filter}]`, in: 'query', schema: string });
  if (spec.sort?.length)
    parameters.push({ name: 'sort', in: 'query', schema: string, description: `Any of: ${spec.sort.join(', ')}` });
  for (const extra of spec.extra ?? []) parameters.push({ name: extra, in: 'query', schema: string });
  if (route.paginated) {
    parameters.push({ name: 'page[number]', in: 'query', schema: string, description: 'A page number or "last"' });
    parameters.push({ name: 'page[size]', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } });
  }
  return parameters;
}

export function buildOpenApiDocument(routes: readonly ApiRouteDescription[]): OpenApiDocument {
  const components = new ComponentCollector();
  const errorSchema = components.convert(errorDocumentSchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const { template, parameters } = openApiPath(route.path);
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      responses[status] =
        schema === null || schema === undefined
          ? { description: 'No content' }
          : {
              description: 'Success',
              content: {
                [route.contentType ?? jsonApiMediaType]: { schema: components.convert(schema, 'output') },
                ...Object.fromEntries(
                  Object.entries(route.alternativeContent ?? {}).map(([type, alternative]) => [
                    type,
                    { schema: components.convert(alternative, 'output') },
                  ]),
                ),
              },
            };
    }
    for (const [status, description] of Object.entries(errorStatuses))
      responses[status] = { description, content: { [jsonApiMediaType]: { schema: errorSchema } } };
    paths[template] ??= {};
    paths[template][route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      description: `Who may call it: ${route.access}.`,
      tags: [route.tag],
      parameters: [
        ...parameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...queryParameters(route),
      ],
      ...(route.requestBody
        ? {
            requestBody: {
              required: true,
              content: {
                [route.requestContentType ?? jsonApiMediaType]: {
                  schema: components.convert(route.requestBody, 'input'),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Clair managair API',
      version: '1',
      description:
        'JSON:API for the Clair platform, compatible with the original managair. Authenticate with ' +
        '`Authorization: Token <key>` (POST /api/v1/auth/login/) or the session cookie with X-CSRFToken.',
    },
    paths,
    components: { schemas: components.schemas },
  };
}
