import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { reachableAt } from './email-owner';
import { hashPassword, needsRehash, verifyPassword } from './password-hash';

/**
 * Who may sign in, from what they typed: allauth's "username_email" method with mandatory e-mail
 * verification (original-clair.md §3.1, §3.4), decided as follows.
 *
 * - The identifier is tried as a username first (exactly, as Django's usernames are
 *   case-sensitive), then, when it contains "@", as an e-mail address, case-insensitively.
 * - An e-mail signs in through a *verified* address of the user (email_addresses); a user with no
 *   address rows at all (an account made outside allauth, such as the fixtures' admin, whose
 *   address only lives in users.email) signs in through users.email.
 * - Verification is mandatory: a user who has address rows but none verified (signed up, not yet
 *   confirmed) is refused with "E-mail is not verified.", but only once the password matched.
 *   Superusers from `managair createsuperuser` get a verified primary address, the original
 *   fixtures' users have one each, and the fixtures' admin has none: all of them can sign in.
 * - An inactive user cannot sign in, with the same answer as a wrong password (Django's
 *   ModelBackend).
 * A match re-hashes a Django pbkdf2 password with scrypt and records last_login.
 */
export type CredentialCheck =
  { outcome: 'ok'; userId: string } | { outcome: 'invalid' } | { outcome: 'unverified'; userId: string };

interface Candidate {
  id: string;
  password: string;
  is_active: boolean;
}

/** Tried when nobody matches, so that an unknown name costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;

async function candidates(db: Kysely<Database>, identifier: string): Promise<Candidate[]> {
  const byName = await db
    .selectFrom('users')
    .select(['id', 'password', 'is_active'])
    .where('username', '=', identifier)
    .execute();
  if (byName.length || !identifier.includes('@')) return byName;
  const email = identifier.trim().toLowerCase();
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.password', 'u.is_active'])
    .where((eb) => reachableAt(eb, email))
    .orderBy('u.id')
    .limit(3)
    .execute();
}

async function verified(db: Kysely<Database>, userId: string): Promise<boolean> {
  const addresses = await db.selectFrom('email_addresses').select('verified').where('user_id', '=', userId).execute();
  return addresses.length === 0 || addresses.some((a) => a.verified);
}

/** Checks a sign-in; on success re-hashes an outdated password hash and records last_login. */
export async function checkCredentials(
  db: Kysely<Database>,
  identifier: string,
  password: string,
  now: Date,
): Promise<CredentialCheck> {
  const found = await candidates(db, identifier);
  if (found.length === 0) {
    dummyHash ??= hashPassword('not a password of anyone');
    await verifyPassword(password, await dummyHash);
    return { outcome: 'invalid' };
  }
  for (const user of found) {
    if (!(await verifyPassword(password, user.password))) continue;
    if (!user.is_active) return { outcome: 'invalid' };
    if (!(await verified(db, user.id))) return { outcome: 'unverified', userId: user.id };
    const rehashed = needsRehash(user.password) ? await hashPassword(password) : undefined;
    await db
      .updateTable('users')
      .set({ last_login: now, ...(rehashed === undefined ? {} : { password: rehashed }) })
      .where('id', '=', user.id)
      .execute();
    return { outcome: 'ok', userId: user.id };
  }
  return { outcome: 'invalid' };
}
