import { HttpProblem } from '../serve/problems';

/**
 * Path ids. A malformed id can name nothing, so it is a 404 like an unknown one (Django's URL
 * patterns took any segment and the lookup failed), never a database error.
 */
const bigintId = /^[1-9][0-9]{0,17}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function notFound(what = 'resource'): HttpProblem {
  return new HttpProblem(404, 'not_found', `No ${what} matches the given query.`);
}

/** A bigint primary key from the path, as a string. */
export function idParam(params: Record<string, string>, name = 'id'): string {
  const value = params[name] ?? '';
  if (!bigintId.test(value)) throw notFound();
  return value;
}

/** A node's UUID from the path, lower case. */
export function nodeIdParam(params: Record<string, string>, name = 'id'): string {
  const value = params[name] ?? '';
  if (!uuid.test(value)) throw notFound('node');
  return value.toLowerCase();
}

/**
 * An id given in a filter (`filter[organization]=1`). A malformed one matches nothing, as the
 * original's filter on a non-numeric value returned an empty list; `0` is no row's id.
 */
export function filterId(value: string): string {
  return bigintId.test(value) ? value : '0';
}
