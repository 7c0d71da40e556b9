import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';

import type { Database } from '../../database/tables';
import { absoluteUrl, requestUrl } from '../jsonapi/links';
import { jsonApiMediaType } from '../jsonapi/media-type';
import { type PageRequest, parsePage } from '../jsonapi/pagination';
import { type ParsedQuery, type QuerySpec, parseQuery } from '../jsonapi/query';
import { applySparseFieldsets } from '../jsonapi/sparse-fields';
import { type IncludingDocument, resolveIncludes } from './include/resolve-includes';
import { querySpecOf } from './sparse-fieldsets';
import type { Viewer } from './viewer';

/** The API's prefix; every route path below is relative to it. */
export const apiPrefix = '/api/v1';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler gets: the request, already authenticated and its query read. */
export interface ApiContext {
  db: Kysely<Database>;
  viewer: Viewer;
  request: FastifyRequest;
  params: Record<string, string>;
  query: ParsedQuery;
  /** Only for routes declared `paginated`. */
  page: PageRequest;
  /** The request's own absolute URL, for pagination links. */
  selfUrl: string;
  /** An absolute URL of an API path: `url('/sites/1/')`. */
  url: (path: string) => string;
  /** The request time in Unix seconds, one value per request. */
  nowS: number;
  /** Where uploaded media (installation images) are stored; absent when uploads are not configured. */
  mediaRoot?: string;
}

/** A JSON:API document answer. */
export interface DocumentResult {
  status: number;
  /** Absent for 204. */
  document?: unknown;
}

/** An answer that is not JSON:API: a CSV export or an image, sent as given. */
export interface RawResult {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export type ApiResult = DocumentResult | RawResult;

function isRawResult(result: ApiResult): result is RawResult {
  return 'body' in result;
}

/**
 * One route of the API, declared once: Fastify serves it from this, and the OpenAPI document
 * describes it from this (schemas are zod, turned into JSON Schema there).
 */
export interface ApiRoute {
  method: ApiMethod;
  /** Relative to {@link apiPrefix}, Fastify syntax: `/sites/:id`. One form; both slash forms answer. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Who may call it, in words, for the OpenAPI description. */
  access: string;
  /** Its own query; `include` and `fields[…]` are also derived from `responses` (sparse-fieldsets.ts). */
  query?: QuerySpec;
  /** Include paths resolved even without `include=` (DJA's `included_resources`: a site's address). */
  defaultInclude?: readonly string[];
  paginated?: boolean;
  /** The request document, for POST/PUT/PATCH. */
  requestBody?: z.ZodType;
  /** The success responses' media type when not JSON:API (an image: `image/*`). */
  contentType?: string;
  /** Other media types a success may come in, on request (`format=csv` → `text/csv`). */
  alternativeContent?: Record<string, z.ZodType>;
  /** The request body's media type when not JSON:API (an upload: `multipart/form-data`). */
  requestContentType?: string;
  /** Success status → response document schema (null: no body). Errors are documented for all routes. */
  responses: Partial<Record<number, z.ZodType | null>>;
  handle: (context: ApiContext) => Promise<ApiResult>;
}

/**
 * A route served by a plugin of its own (the accounts' /auth routes), described for the OpenAPI
 * document only.
 */
export type ApiRouteDescription = Omit<ApiRoute, 'handle'>;

export interface ApiRouteDependencies {
  db: Kysely<Database>;
  viewerOf: (request: FastifyRequest) => Viewer;
  mediaRoot?: string;
}

/** Registers routes on the API plugin's instance (prefix {@link apiPrefix}). */
export function registerApiRoutes(app: FastifyInstance, routes: readonly ApiRoute[], deps: ApiRouteDependencies): void {
  for (const route of routes) {
    const querySpec = querySpecOf(route);
    app.route({
      method: route.method,
      url: route.path,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.query as Record<string, unknown>;
        const context: ApiContext = {
          db: deps.db,
          viewer: deps.viewerOf(request),
          request,
          params: request.params as Record<string, string>,
          query: parseQuery(query, querySpec),
          page: route.paginated ? parsePage(query) : { number: 1, size: null },
          selfUrl: requestUrl(request),
          url: (path) => absoluteUrl(request, apiPrefix + path),
          nowS: Math.floor(Date.now() / 1000),
          ...(deps.mediaRoot === undefined ? {} : { mediaRoot: deps.mediaRoot }),
        };
        const result = await route.handle(context);
        if (isRawResult(result))
          return reply
            .code(result.status)
            .headers(result.headers ?? {})
            .type(result.contentType)
            .send(result.body);
        if (result.document === undefined) return reply.code(result.status).send();
        const included = await resolveIncludes(context, result.document as IncludingDocument, [
          ...(route.defaultInclude ?? []),
          ...context.query.include,
        ]);
        const document = applySparseFieldsets(included, context.query.fields);
        return reply.code(result.status).type(jsonApiMediaType).send(document);
      },
    });
  }
}
