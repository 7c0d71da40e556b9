import type { FastifyReply, FastifyRequest } from 'fastify';

import { HttpProblem } from '../serve/problems';
import { type CookiePolicy, csrfCookie, readCookie, setCsrfCookie } from './cookies';
import { constantTimeEqual, newCsrfToken } from './secret-keys';

/**
 * CSRF protection as Django's CsrfViewMiddleware does it for a session: the `csrftoken` cookie
 * must come back, in the X-CSRFToken header (the dashboard) or the `csrfmiddlewaretoken` form
 * field (the account pages), and a present Origin header must name this site. Django's Referer
 * check for https requests without Origin is left out: every browser that sends cookies
 * cross-site also sends Origin on unsafe requests, and SameSite=Lax keeps the session cookie off
 * them anyway.
 */
export const csrfHeader = 'x-csrftoken';
export const csrfField = 'csrfmiddlewaretoken';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export const isUnsafe = (method: string): boolean => !safeMethods.has(method.toUpperCase());

const refuse = (reason: string): HttpProblem => new HttpProblem(403, 'csrf_failed', `CSRF Failed: ${reason}.`);

/** Whether the Origin header, when present, is this site: the request's host or the public origin. */
export function originMatches(request: FastifyRequest, publicOrigin?: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    if (publicOrigin !== undefined && url.origin === new URL(publicOrigin).origin) return true;
    // Through URL both sides lose a default port: "localhost:80" is "localhost".
    return url.host === new URL(`${url.protocol}//${request.host}`).host;
  } catch {
    return false; // "null" and anything that is not a URL
  }
}

/**
 * Throws 403 `csrf_failed` unless the request proves it comes from this site's pages.
 * `submitted` is the token from the header or the form field.
 */
export function checkCsrf(request: FastifyRequest, submitted: string | undefined, publicOrigin?: string): void {
  if (!originMatches(request, publicOrigin))
    throw refuse('Origin checking failed - does not match any trusted origins');
  const cookie = readCookie(request, csrfCookie);
  if (cookie === undefined) throw refuse('CSRF cookie not set');
  if (submitted === undefined || submitted === '') throw refuse('CSRF token missing');
  if (!constantTimeEqual(submitted, cookie)) throw refuse('CSRF token incorrect');
}

/** The request's CSRF token, setting a fresh cookie when it has none (or when `rotate`, at login). */
export function ensureCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: CookiePolicy,
  rotate = false,
): string {
  const existing = rotate ? undefined : readCookie(request, csrfCookie);
  if (existing !== undefined && /^[A-Za-z0-9]{32,64}$/.test(existing)) return existing;
  const token = newCsrfToken();
  setCsrfCookie(reply, token, policy);
  return token;
}
