import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The two cookies of a signed-in browser, named and shaped as Django's so that the dashboard
 * works unchanged (original-clients.md §5.1): `sessionid` (HttpOnly) and `csrftoken`, which the
 * dashboard's JavaScript reads and echoes as X-CSRFToken, so it is not HttpOnly. Both are
 * SameSite=Lax and Path=/, and Secure when the public origin is https.
 *
 * Cookies are read and written here rather than through @fastify/cookie, whose functions only
 * work once its plugin is registered: neither the API plugin nor the pages need to register it.
 * Every value written is URL-safe (keys are hex or base64url), so nothing needs encoding.
 */
export const sessionCookie = 'sessionid';
export const csrfCookie = 'csrftoken';

/** Django's SESSION_COOKIE_AGE: two weeks. */
export const sessionSeconds = 14 * 24 * 3600;
/** Django's CSRF_COOKIE_AGE: a year. */
export const csrfSeconds = 365 * 24 * 3600;

export interface CookiePolicy {
  secure: boolean;
}

/** Secure cookies when the platform is reached over https. */
export const cookiePolicyFor = (publicOrigin: string | undefined): CookiePolicy => ({
  secure: publicOrigin?.startsWith('https:') ?? false,
});

/** A cookie of the request; the first when a name comes twice, undefined when empty. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    return value === '' ? undefined : value;
  }
  return undefined;
}

interface CookieAttributes {
  httpOnly: boolean;
  maxAge: number;
  secure: boolean;
}

function serialize(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${attributes.maxAge}`, 'SameSite=Lax'];
  if (attributes.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (attributes.httpOnly) parts.push('HttpOnly');
  if (attributes.secure) parts.push('Secure');
  return parts.join('; ');
}

function append(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  reply.header('set-cookie', [...list.filter((c) => !c.startsWith(cookie.split('=')[0] + '=')), cookie]);
}

export function setSessionCookie(reply: FastifyReply, key: string, policy: CookiePolicy): void {
  append(reply, serialize(sessionCookie, key, { httpOnly: true, maxAge: sessionSeconds, secure: policy.secure }));
}

export function setCsrfCookie(reply: FastifyReply, token: string, policy: CookiePolicy): void {
  append(reply, serialize(csrfCookie, token, { httpOnly: false, maxAge: csrfSeconds, secure: policy.secure }));
}

/** Tells the browser to forget the session (the CSRF cookie stays, as Django keeps it). */
export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  append(reply, serialize(sessionCookie, '', { httpOnly: true, maxAge: 0, secure: policy.secure }));
}
