import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { checkCredentials } from './credentials';
import type { LoginRateLimiter } from './login-rate-limit';
import { createSession } from './sessions';

/** A sign-in as both the API login and the login page do it: limit, check, start a session. */
export type SignInResult =
  | { outcome: 'ok'; userId: string; sessionKey: string }
  | { outcome: 'invalid' }
  | { outcome: 'unverified'; userId: string }
  | { outcome: 'throttled'; retryAfterSeconds: number };

export interface SignInDeps {
  db: Kysely<Database>;
  limiter: LoginRateLimiter;
  now: Date;
}

export async function signIn(
  { db, limiter, now }: SignInDeps,
  identifier: string,
  password: string,
  ip: string,
): Promise<SignInResult> {
  const throttled = await limiter.check(identifier, ip, now);
  if (throttled) return { outcome: 'throttled', retryAfterSeconds: throttled.retryAfterSeconds };
  const check = await checkCredentials(db, identifier, password, now);
  if (check.outcome === 'invalid') {
    await limiter.recordFailure(identifier, ip, now);
    return { outcome: 'invalid' };
  }
  if (check.outcome === 'unverified') return { outcome: 'unverified', userId: check.userId };
  await limiter.recordSuccess(identifier);
  return { outcome: 'ok', userId: check.userId, sessionKey: await createSession(db, check.userId, now) };
}
