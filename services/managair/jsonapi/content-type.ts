import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { jsonApiMediaType } from './media-type';
import { JsonApiErrors, jsonApiError, sendErrors } from './errors';

/**
 * Request bodies for the managair API. The original (DJA JSONParser, original-clair.md §3.3.1)
 * took `application/vnd.api+json`, with or without parameters such as `charset`; the dashboard
 * sends it on every request, GET and DELETE included, mostly with an empty body
 * (original-clients.md §5.2). So:
 * - `application/vnd.api+json` and, as ingest does, `application/json` are parsed as JSON, and an
 *   empty body is no body (`request.body` undefined) instead of Fastify's "empty JSON body" 400;
 * - `text/plain` is refused (415 through Fastify's FST_ERR_CTP_INVALID_MEDIA_TYPE).
 *
 * Deviation, deliberate: DJA answered `application/json` bodies with 415; accepting them costs
 * nothing and matches ingest. Multipart (the installation image upload) is not handled here.
 *
 * Call it inside the API's plugin: content-type parsers are encapsulated per plugin.
 */
export function installJsonApiBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  const parser = (request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    void json(request, body, done);
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', jsonApiMediaType], { parseAs: 'string' }, parser);
}

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      let q = 1;
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq < 0) continue;
        const name = p.slice(0, eq).trim().toLowerCase();
        const value = p.slice(eq + 1).trim();
        if (name === 'q') q = Number(value);
        else params[name] = value;
      }
      return { type: type.toLowerCase(), params, q: Number.isNaN(q) ? 0 : q };
    })
    .filter((r) => r.type !== '' && r.q > 0);
}

/**
 * Whether a response in `application/vnd.api+json` is acceptable. As DRF's negotiation: no Accept
 * header, `*\/*`, `application/*` or `application/vnd.api+json` (any parameters, which DRF did not
 * check) are. `application/json` is too (a deviation: DJA answered 406, but the response is JSON
 * and axios parses it either way). What the clients send, `application/vnd.api+json,
 * application/json, text/plain, *\/*` and `application/json, text/plain, *\/*`, is acceptable.
 */
export function acceptsJsonApi(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return parseAccept(accept).some((r) =>
    ['*/*', 'application/*', jsonApiMediaType, 'application/json'].includes(r.type),
  );
}

/**
 * An `onRequest` hook answering 406 with a JSON:API error document when the client accepts
 * nothing the API can send. Responses are then sent with {@link jsonApiMediaType}.
 */
export async function requireAcceptable(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (acceptsJsonApi(request.headers.accept)) return;
  await sendErrors(
    reply,
    new JsonApiErrors([
      jsonApiError(406, 'not_acceptable', `Responses are ${jsonApiMediaType}; the Accept header does not allow it.`),
    ]),
  );
}
