import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The two cookies of a signed-in browser, named and shaped as Django's so that the dashboard
 * works unchanged (original-clients.md §5.1): `sessionid` (HttpOnly) and `csrftoken`, which the
 * dashboard's JavaScript reads and echoes as X-CSRFToken, so it is not HttpOnly. Both are
 * SameSite=Lax and Path=/, and Secure when the public origin is https.
 *
 * Cookies are read and written here with @fastify/cookie's parse and serialize rather than its
 * plugin, so that neither the API plugin nor the pages depend on the plugin being registered.
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

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const value = fastifyCookie.parse(header)[name];
  return value === '' ? undefined : value;
}

function append(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  reply.header('set-cookie', [...list.filter((c) => !c.startsWith(cookie.split('=')[0] + '=')), cookie]);
}

export function setSessionCookie(reply: FastifyReply, key: string, policy: CookiePolicy): void {
  append(
    reply,
    fastifyCookie.serialize(sessionCookie, key, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: sessionSeconds,
      secure: policy.secure,
    }),
  );
}

export function setCsrfCookie(reply: FastifyReply, token: string, policy: CookiePolicy): void {
  append(
    reply,
    fastifyCookie.serialize(csrfCookie, token, {
      httpOnly: false,
      sameSite: 'lax',
      path: '/',
      maxAge: csrfSeconds,
      secure: policy.secure,
    }),
  );
}

/** Tells the browser to forget the session (the CSRF cookie stays, as Django keeps it). */
export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  append(
    reply,
    fastifyCookie.serialize(sessionCookie, '', {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 0,
      expires: new Date(0),
      secure: policy.secure,
    }),
  );
}
