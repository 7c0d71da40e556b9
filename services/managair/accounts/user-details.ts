import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { type ResourceObject, resourceObject } from '../jsonapi/resource';

/**
 * The signed-in user as dj-rest-auth's UserDetailsView showed it, JSON:API-rendered (the
 * dashboard reads `data.id`, original-clients.md §5.1). The e-mail is read-only here: it changes
 * through the account pages, where it is confirmed.
 */
export interface UserDetails {
  username: string;
  email: string;
  first_name: string;
  last_name: string;
}

export type UserChanges = Partial<Pick<UserDetails, 'username' | 'first_name' | 'last_name'>>;

export async function userDetails(db: Kysely<Database>, userId: string): Promise<ResourceObject<UserDetails>> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'first_name', 'last_name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const { id, ...attributes } = user;
  return resourceObject('User', id, attributes);
}

/** Applies the changes; resolves false when the new username is taken. */
export async function updateUserDetails(db: Kysely<Database>, userId: string, changes: UserChanges): Promise<boolean> {
  if (Object.keys(changes).length === 0) return true;
  if (changes.username !== undefined) {
    const holder = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', changes.username)
      .where('id', '!=', userId)
      .executeTakeFirst();
    if (holder) return false;
  }
  try {
    await db.updateTable('users').set(changes).where('id', '=', userId).execute();
  } catch (error) {
    // A concurrent rename to the same username lost the race on the unique index.
    if ((error as { code?: string }).code === '23505') return false;
    throw error;
  }
  return true;
}
