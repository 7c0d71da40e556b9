import { z } from 'zod';

import { errorsFromZod, JsonApiErrors, jsonApiError, jsonPointer } from '../jsonapi/errors';

/**
 * The bodies of the auth endpoints: a JSON:API document whose type DJA derived from the view
 * (`LoginView`, `PasswordChangeView`, …; any type is accepted, since clients spelled them
 * variously) with the fields as attributes, or the same fields as a plain JSON object. Errors
 * point into whichever shape was sent: `/data/attributes/password` or `/password`.
 */
export interface Fields {
  values: Record<string, unknown>;
  base: string[];
}

export function fieldsOf(body: unknown): Fields {
  if (body === undefined || body === null) return { values: {}, base: [] };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new JsonApiErrors([jsonApiError(400, 'invalid', 'The body must be a JSON object.')]);
  }
  const data = (body as Record<string, unknown>).data;
  if (data === undefined) return { values: body as Record<string, unknown>, base: [] };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new JsonApiErrors([jsonApiError(400, 'invalid', 'data must be a resource object.', { pointer: '/data' })]);
  }
  const attributes = (data as Record<string, unknown>).attributes ?? {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new JsonApiErrors([
      jsonApiError(400, 'invalid', 'attributes must be an object.', { pointer: '/data/attributes' }),
    ]);
  }
  return { values: attributes as Record<string, unknown>, base: ['data', 'attributes'] };
}

/** Parses the fields with the schema, or throws 400 with one error per bad field. */
export function parseFields<S extends z.ZodType>(schema: S, fields: Fields): z.output<S> {
  const result = schema.safeParse(fields.values);
  if (result.success) return result.data;
  throw new JsonApiErrors(errorsFromZod(result.error, { input: fields.values, base: fields.base }));
}

/** A 400 about one field (or about the whole body when `field` is omitted). */
export function fieldError(fields: Fields, code: string, detail: string, field?: string): JsonApiErrors {
  const path = field === undefined ? fields.base.slice(0, 1) : [...fields.base, field];
  return new JsonApiErrors([jsonApiError(400, code, detail, { pointer: jsonPointer(path) })]);
}

/** A required, non-blank string, with DRF's messages. */
export const requiredText = z
  .string({ error: (issue) => (issue.input === undefined ? 'This field is required.' : 'Not a valid string.') })
  .min(1, 'This field may not be blank.');
