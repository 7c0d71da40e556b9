import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import type { Authentication, Authenticator } from '../api/authentication';
import { HttpProblem } from '../serve/problems';
import { type Clock, systemClock } from './clock';
import { readCookie, sessionCookie } from './cookies';
import { checkCsrf, csrfHeader, isUnsafe } from './csrf';
import { sessionUser } from './sessions';
import { tokenUser } from './tokens';

export interface AuthenticatorOptions {
  /** The platform's public origin (https://clair.example); also trusted as an Origin. */
  publicOrigin?: string;
  now?: Clock;
}

const unauthenticated = (detail: string): HttpProblem => new HttpProblem(401, 'authentication_failed', detail);

/**
 * DRF's two authentication classes, in its order (original-clair.md §3.3.1):
 * - `Authorization: Token <key>`; other schemes are not ours and are ignored, as DRF did. An
 *   unknown key, or one of an inactive user, is 401.
 * - The `sessionid` cookie. An unknown or expired session is anonymous, as Django treats it; so
 *   is the session of a user made inactive since. A session-authenticated unsafe request must
 *   pass the CSRF check (csrf.ts), else 403 `csrf_failed`. Token requests need none.
 */
export function createAuthenticator(db: Kysely<Database>, options: AuthenticatorOptions = {}): Authenticator {
  const now = options.now ?? systemClock;
  return async (request: FastifyRequest): Promise<Authentication | null> => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme = '', ...rest] = authorization.trim().split(/\s+/);
      if (scheme.toLowerCase() === 'token') {
        if (rest.length === 0) throw unauthenticated('Invalid token header. No credentials provided.');
        if (rest.length > 1) throw unauthenticated('Invalid token header. Token string should not contain spaces.');
        const user = await tokenUser(db, rest[0]!);
        if (!user) throw unauthenticated('Invalid token.');
        if (!user.isActive) throw unauthenticated('User inactive or deleted.');
        return { userId: user.userId, isSuperuser: user.isSuperuser, via: 'token' };
      }
    }

    const key = readCookie(request, sessionCookie);
    if (key === undefined) return null;
    const user = await sessionUser(db, key, now());
    if (!user?.isActive) return null;
    if (isUnsafe(request.method)) {
      const header = request.headers[csrfHeader];
      checkCsrf(request, Array.isArray(header) ? header[0] : header, options.publicOrigin);
    }
    return { userId: user.userId, isSuperuser: user.isSuperuser, via: 'session' };
  };
}
