import { type Kysely, sql } from 'kysely';

import type { Database } from '../../database/tables';
import { reachableAt } from './email-owner';
import { addSeconds } from './clock';
import { passwordResetMail } from './mail-texts';
import type { Mailer } from './mailer';
import { hashPassword } from './password-hash';
import { passwordProblems } from './password-rules';
import { keyHash, newUrlKey } from './secret-keys';

/**
 * Password reset by e-mail: a random key, valid a day and once, sent to each active user with
 * that address (verified in email_addresses, or users.email for a user without address rows,
 * as credentials.ts signs in). Whether anyone has the address is never told: the caller answers
 * the same either way and sends without waiting. Completing a reset ends every session and token
 * of the user.
 */
export const resetSeconds = 24 * 3600;

export const resetPath = (key: string): string => `/accounts/password/reset/key/${key}/`;

interface ResetAccount {
  id: string;
  username: string;
  email: string;
}

async function accountsWithEmail(db: Kysely<Database>, email: string): Promise<ResetAccount[]> {
  const lowered = email.trim().toLowerCase();
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.username'])
    .select(sql<string>`${email.trim()}`.as('email'))
    .where('u.is_active', '=', true)
    .where((eb) => reachableAt(eb, lowered))
    .execute();
}

/** Mails a reset link to every account with the address; none when nobody has it. */
export async function sendPasswordResets(
  db: Kysely<Database>,
  mailer: Mailer,
  email: string,
  origin: string,
  now: Date,
): Promise<number> {
  const accounts = await accountsWithEmail(db, email);
  for (const account of accounts) {
    const key = newUrlKey();
    await db
      .insertInto('password_resets')
      .values({
        key_hash: keyHash(key),
        user_id: account.id,
        created_at: now,
        expires_at: addSeconds(now, resetSeconds),
      })
      .execute();
    await mailer.send(passwordResetMail(account.email, account.username, origin + resetPath(key)));
  }
  await db.deleteFrom('password_resets').where('expires_at', '<=', now).execute();
  return accounts.length;
}

export interface ResetTarget {
  userId: string;
  username: string;
  email: string;
}

/** The account an unused, unexpired key resets; undefined otherwise. */
export async function resetTarget(db: Kysely<Database>, key: string, now: Date): Promise<ResetTarget | undefined> {
  const row = await db
    .selectFrom('password_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.username', 'u.email'])
    .where('r.key_hash', '=', keyHash(key))
    .where('r.expires_at', '>', now)
    .where('r.used_at', 'is', null)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  return row && { userId: row.id, username: row.username, email: row.email };
}

export type ResetOutcome = { outcome: 'done' } | { outcome: 'invalid_key' } | { outcome: 'weak'; problems: string[] };

/** Sets the new password once per key, then ends the user's sessions and tokens. */
export async function completePasswordReset(
  db: Kysely<Database>,
  key: string,
  password: string,
  now: Date,
): Promise<ResetOutcome> {
  const target = await resetTarget(db, key, now);
  if (!target) return { outcome: 'invalid_key' };
  const problems = passwordProblems(password, target);
  if (problems.length) return { outcome: 'weak', problems };
  const hashed = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    // The conditional update decides a race between two uses of one key.
    const used = await tx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('key_hash', '=', keyHash(key))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!used) return { outcome: 'invalid_key' } as const;
    await tx.updateTable('users').set({ password: hashed }).where('id', '=', target.userId).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', target.userId).execute();
    await tx.deleteFrom('auth_tokens').where('user_id', '=', target.userId).execute();
    return { outcome: 'done' } as const;
  });
}
