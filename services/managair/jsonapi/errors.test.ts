import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';

import { JsonApiErrors, errorsFromZod, jsonApiError, jsonPointer, sendErrors } from './errors';

const Attributes = z.strictObject({
  co2_ppm: z.number().int().min(0).max(10_000),
  name: z.string(),
});

function zodError(input: unknown): z.ZodError {
  const result = Attributes.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error;
}

describe('jsonApiError', () => {
  it('builds DJA’s fields plus the reason phrase as title', () => {
    expect(jsonApiError(400, 'invalid', 'Bad.', { pointer: '/data/attributes/name' })).toEqual({
      status: '400',
      code: 'invalid',
      title: 'Bad Request',
      detail: 'Bad.',
      source: { pointer: '/data/attributes/name' },
    });
  });

  it('names a query parameter and omits what is not given', () => {
    expect(jsonApiError(404, 'not_found', undefined, { parameter: 'page[number]' })).toEqual({
      status: '404',
      code: 'not_found',
      title: 'Not Found',
      source: { parameter: 'page[number]' },
    });
    expect(jsonApiError(406, 'not_acceptable')).toEqual({
      status: '406',
      code: 'not_acceptable',
      title: 'Not Acceptable',
    });
  });
});

describe('jsonPointer', () => {
  it('escapes ~ and / (RFC 6901)', () => {
    expect(jsonPointer(['data', 'attributes', 'a/b~c', 0])).toBe('/data/attributes/a~1b~0c/0');
    expect(jsonPointer([])).toBe('');
  });
});

describe('errorsFromZod', () => {
  it('points at the offending attribute of the document', () => {
    const input = { co2_ppm: 20_000, name: 'Raum' };
    expect(errorsFromZod(zodError(input), { input, base: ['data', 'attributes'] })).toEqual([
      {
        status: '400',
        code: 'too_big',
        title: 'Bad Request',
        detail: 'Too big: expected number to be <=10000',
        source: { pointer: '/data/attributes/co2_ppm' },
      },
    ]);
  });

  it('calls a missing member "required", as DRF did, and reports each issue', () => {
    const input = { name: 5 };
    expect(errorsFromZod(zodError(input), { input, base: ['data', 'attributes'], status: 422 })).toEqual([
      {
        status: '422',
        code: 'required',
        title: 'Unprocessable Entity',
        detail: 'This field is required.',
        source: { pointer: '/data/attributes/co2_ppm' },
      },
      {
        status: '422',
        code: 'invalid_type',
        title: 'Unprocessable Entity',
        detail: 'Invalid input: expected string, received number',
        source: { pointer: '/data/attributes/name' },
      },
    ]);
  });

  it('reports each unknown attribute under its own name', () => {
    const input = { co2_ppm: 1, name: 'x', co2: 1, foo: 2 };
    expect(errorsFromZod(zodError(input), { input, base: ['data', 'attributes'] }).map((e) => e.source)).toEqual([
      { pointer: '/data/attributes/co2' },
      { pointer: '/data/attributes/foo' },
    ]);
  });
});

describe('JsonApiErrors', () => {
  it('carries the status and the envelope', () => {
    const errors = new JsonApiErrors([jsonApiError(404, 'not_found', 'Invalid page.')]);
    expect(errors.statusCode).toBe(404);
    expect(errors.message).toBe('Invalid page.');
    expect(errors.toDocument()).toEqual({
      errors: [{ status: '404', code: 'not_found', title: 'Not Found', detail: 'Invalid page.' }],
    });
  });

  it('is sent as application/vnd.api+json with the document only, no stack', async () => {
    const app = Fastify();
    app.get('/', async (_request, reply) =>
      sendErrors(reply, new JsonApiErrors([jsonApiError(400, 'invalid', 'No.', { parameter: 'include' })])),
    );
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(400);
    // Fastify appends the charset to every serialized object; clients (axios) accept it.
    expect(response.headers['content-type']).toBe('application/vnd.api+json; charset=utf-8');
    expect(response.json()).toEqual({
      errors: [
        { status: '400', code: 'invalid', title: 'Bad Request', detail: 'No.', source: { parameter: 'include' } },
      ],
    });
    await app.close();
  });
});
