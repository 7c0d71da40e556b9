import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import type { SignedInUser } from './signed-in-user';
import { addSeconds } from './clock';
import { sessionSeconds } from './cookies';
import { keyHash, newUrlKey } from './secret-keys';

/**
 * Browser sessions: a random key in the `sessionid` cookie, its SHA-256 in `sessions`. As Django's
 * default, a session lasts two weeks from login whatever the activity (SESSION_SAVE_EVERY_REQUEST
 * off); `last_seen_at` is only updated every few minutes, so reads do not turn into writes.
 */
const lastSeenResolutionMs = 5 * 60 * 1000;

/** Starts a session for the user; returns the key for the cookie (never stored in clear). */
export async function createSession(db: Kysely<Database>, userId: string, now: Date): Promise<string> {
  const key = newUrlKey();
  await db
    .insertInto('sessions')
    .values({
      key_hash: keyHash(key),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: addSeconds(now, sessionSeconds),
    })
    .execute();
  // Expired sessions of this user go now; nothing else needs to sweep them.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
  return key;
}

/** The user of an unexpired session, or undefined for an unknown or expired key. */
export async function sessionUser(db: Kysely<Database>, key: string, now: Date): Promise<SignedInUser | undefined> {
  const hash = keyHash(key);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.last_seen_at', 'users.is_active', 'users.is_superuser'])
    .where('sessions.key_hash', '=', hash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > lastSeenResolutionMs) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('key_hash', '=', hash).execute();
  }
  return { userId: String(row.user_id), isActive: row.is_active, isSuperuser: row.is_superuser };
}

export async function deleteSession(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('sessions').where('key_hash', '=', keyHash(key)).execute();
}

/** Ends every session of the user, except the one whose key is given (a password change keeps it). */
export async function deleteUserSessions(db: Kysely<Database>, userId: string, keep?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) query = query.where('key_hash', '!=', keyHash(keep));
  await query.execute();
}
