import { STATUS_CODES } from 'node:http';

import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

import { jsonApiMediaType } from './media-type';

/**
 * Where an error comes from (jsonapi.org/format/#error-objects): a JSON pointer into the request
 * document, or the name of the offending query parameter.
 */
export type ErrorSource = { pointer: string } | { parameter: string };

/**
 * One JSON:API error object. DJA answered `{detail, status, source: {pointer}, code}`; `title`
 * is added as the existing managair problems do (serve/problems.ts), `source.parameter` for
 * query parameters.
 */
export interface JsonApiError {
  status: string;
  code: string;
  title: string;
  detail?: string;
  source?: ErrorSource;
}

/** The error document `{errors: [...]}`; never a stack trace. */
export interface ErrorDocument {
  errors: JsonApiError[];
}

/** Builds one error object; `title` is the HTTP reason phrase of `status`. */
export function jsonApiError(status: number, code: string, detail?: string, source?: ErrorSource): JsonApiError {
  return {
    status: String(status),
    code,
    title: STATUS_CODES[status] ?? 'Error',
    ...(detail === undefined ? {} : { detail }),
    ...(source === undefined ? {} : { source }),
  };
}

/**
 * A refusal carrying one or more error objects, thrown by the parsers in this folder. Its
 * `statusCode` is the status of the answer (the first error's, as all share one status here).
 */
export class JsonApiErrors extends Error {
  readonly statusCode: number;

  constructor(readonly errors: JsonApiError[]) {
    super(errors.map((e) => e.detail ?? e.title).join('; '));
    this.name = 'JsonApiErrors';
    this.statusCode = Number(errors[0]?.status ?? 400);
  }

  /** The error document to send. */
  toDocument(): ErrorDocument {
    return { errors: this.errors };
  }
}

/** A JSON pointer (RFC 6901) from path segments, escaping `~` and `/`. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

export interface ZodErrorOptions {
  /** What was parsed, to tell a missing member from a wrong one (zod 4 issues omit the input). */
  input?: unknown;
  /** The path of the parsed value inside the request document, e.g. `['data', 'attributes']`. */
  base?: readonly PropertyKey[];
  /** 400 unless told. */
  status?: number;
}

/**
 * One error object per zod issue, pointing at the offending member of the request document: a
 * schema for the attributes object, parsed with `base: ['data', 'attributes']`, reports a bad
 * `co2_ppm` at `/data/attributes/co2_ppm`. An unknown key (strict objects) is reported under its
 * own name. DJA's codes were DRF's (`required`, `invalid`, …): a missing member keeps DRF's
 * `required`, everything else carries zod's issue code.
 */
export function errorsFromZod(error: z.ZodError, options: ZodErrorOptions = {}): JsonApiError[] {
  const base = options.base ?? [];
  const status = options.status ?? 400;
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        jsonApiError(status, 'unrecognized_key', `"${key}" is not allowed here.`, {
          pointer: jsonPointer([...base, ...issue.path, key]),
        }),
      );
    }
    const missing = issue.code === 'invalid_type' && valueAt(options.input, issue.path) === undefined;
    return [
      jsonApiError(status, missing ? 'required' : issue.code, missing ? 'This field is required.' : issue.message, {
        pointer: jsonPointer([...base, ...issue.path]),
      }),
    ];
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Sends an error document with the JSON:API media type and the errors' status. */
export function sendErrors(reply: FastifyReply, errors: JsonApiErrors): FastifyReply {
  return reply.code(errors.statusCode).type(jsonApiMediaType).send(errors.toDocument());
}
