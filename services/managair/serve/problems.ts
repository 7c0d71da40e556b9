import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

import { type JsonApiError, JsonApiErrors, jsonApiError, sendErrors } from '../jsonapi/errors';
import { jsonApiMediaType } from '../jsonapi/media-type';
import { isDatabaseUnavailable } from './database-errors';

/** How long a client should wait before retrying a 503, in seconds. */
export const retryAfterSeconds = 5;

/** One JSON:API error object (jsonapi.org/format/#error-objects). */
export type ProblemObject = JsonApiError;

/**
 * An error that is the client's answer, not a fault: thrown from a handler or hook and turned
 * into a JSON:API error document by the error handler below.
 */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    detail: string,
    readonly pointer?: string,
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function problem(statusCode: number, code: string, detail?: string, pointer?: string): ProblemObject {
  return jsonApiError(statusCode, code, detail, pointer === undefined ? undefined : { pointer });
}

/** A 503 that tells the client when to come back. */
export function sendUnavailable(reply: FastifyReply, code: string, detail: string): FastifyReply {
  return reply
    .code(503)
    .header('Retry-After', String(retryAfterSeconds))
    .type(jsonApiMediaType)
    .send({ errors: [problem(503, code, detail)] });
}

// Fastify's own client errors, under names a client can switch on.
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_content_length',
};

/**
 * Every error leaves as a JSON:API error document. Client errors keep their message; an
 * unreachable database is a 503 with Retry-After, so clients retry instead of giving up; any
 * other fault is logged and answered with a bare 500, never a stack or a query.
 */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof JsonApiErrors) return sendErrors(reply, error);
    if (error instanceof HttpProblem) {
      return reply
        .code(error.statusCode)
        .type(jsonApiMediaType)
        .send({ errors: [problem(error.statusCode, error.code, error.message, error.pointer)] });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendUnavailable(reply, 'database_unavailable', 'The database is unavailable; retry later.');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = fastifyCodes[error.code] ?? 'bad_request';
      return reply
        .code(status)
        .type(jsonApiMediaType)
        .send({ errors: [problem(status, code, error.message)] });
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .type(jsonApiMediaType)
      .send({ errors: [problem(500, 'internal_error')] });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(jsonApiMediaType)
      .send({ errors: [problem(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`)] }),
  );
}
