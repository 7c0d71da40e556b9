import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import type { SignedInUser } from './signed-in-user';
import { keyHash, newTokenKey } from './secret-keys';

/**
 * API tokens as DRF's TokenAuthentication read them (`Authorization: Token <40 hex>`), stored as
 * a SHA-256. Since a stored token cannot be shown again, each login issues a new one; logout
 * deletes all of the user's tokens, as DRF's single token was deleted.
 */
export interface IssuedToken {
  id: string;
  key: string;
}

export async function issueToken(db: Kysely<Database>, userId: string, now: Date): Promise<IssuedToken> {
  const key = newTokenKey();
  const row = await db
    .insertInto('auth_tokens')
    .values({ key_hash: keyHash(key), user_id: userId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

/** The user a token belongs to, or undefined for an unknown token. */
export async function tokenUser(db: Kysely<Database>, key: string): Promise<SignedInUser | undefined> {
  const row = await db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .select(['auth_tokens.user_id', 'users.is_active', 'users.is_superuser'])
    .where('auth_tokens.key_hash', '=', keyHash(key))
    .executeTakeFirst();
  return row && { userId: String(row.user_id), isActive: row.is_active, isSuperuser: row.is_superuser };
}

export async function deleteUserTokens(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('auth_tokens').where('user_id', '=', userId).execute();
}
