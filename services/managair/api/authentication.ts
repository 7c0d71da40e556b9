import type { FastifyRequest } from 'fastify';

/** Who a request authenticated as (always an active user), and how. */
export interface Authentication {
  userId: string;
  isSuperuser: boolean;
  via: 'token' | 'session';
}

/**
 * Reads a request's credentials (`Authorization: Token <key>`, or the session cookie with its CSRF
 * check for unsafe methods) and says who sent it: null when it carries none. Throws an
 * HttpProblem for credentials that are present but wrong (401 for an unknown or expired token,
 * 403 for a failed CSRF check), as DRF did.
 *
 * The accounts module implements it; the API plugin calls it once per request and builds the
 * Viewer from the answer.
 */
export type Authenticator = (request: FastifyRequest) => Promise<Authentication | null>;
