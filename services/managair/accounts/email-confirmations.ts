import type { Kysely } from 'kysely';

import type { Database } from '../../database/tables';
import { addSeconds } from './clock';
import { confirmationMail } from './mail-texts';
import type { Mailer } from './mailer';
import { keyHash, newUrlKey } from './secret-keys';

/**
 * E-mail confirmation as allauth's: a link with a random key, valid three days
 * (ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS); following it verifies the address and, if the user
 * has no primary address yet, makes it primary. Only the key's SHA-256 is stored.
 */
export const confirmationSeconds = 3 * 24 * 3600;

export const confirmationPath = (key: string): string => `/accounts/confirm-email/${key}/`;

/** Creates a key for the address and mails the link; resolves once the mail is handed to SMTP. */
export async function sendConfirmation(
  db: Kysely<Database>,
  mailer: Mailer,
  emailAddressId: string,
  origin: string,
  now: Date,
): Promise<void> {
  const address = await db
    .selectFrom('email_addresses')
    .innerJoin('users', 'users.id', 'email_addresses.user_id')
    .select(['email_addresses.email', 'users.username'])
    .where('email_addresses.id', '=', emailAddressId)
    .executeTakeFirstOrThrow();
  const key = newUrlKey();
  await db
    .insertInto('email_confirmations')
    .values({
      key_hash: keyHash(key),
      email_address_id: emailAddressId,
      sent_at: now,
      expires_at: addSeconds(now, confirmationSeconds),
    })
    .execute();
  await db.deleteFrom('email_confirmations').where('expires_at', '<=', now).execute();
  await mailer.send(
    confirmationMail(address.email, address.username, new URL(origin).host, origin + confirmationPath(key)),
  );
}

/** allauth's ACCOUNT_EMAIL_CONFIRMATION_COOLDOWN: no second mail to an address within 3 minutes. */
export const resendCooldownSeconds = 180;

/**
 * Mails a new confirmation link to each unverified address of the user that got none in the
 * cooldown, as allauth does when an unverified user tries to sign in; resolves with how many.
 */
export async function resendConfirmations(
  db: Kysely<Database>,
  mailer: Mailer,
  userId: string,
  origin: string,
  now: Date,
): Promise<number> {
  const addresses = await db
    .selectFrom('email_addresses as e')
    .select('e.id')
    .where('e.user_id', '=', userId)
    .where('e.verified', '=', false)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('email_confirmations as c')
            .select('c.email_address_id')
            .whereRef('c.email_address_id', '=', 'e.id')
            .where('c.sent_at', '>', addSeconds(now, -resendCooldownSeconds)),
        ),
      ),
    )
    .execute();
  for (const address of addresses) await sendConfirmation(db, mailer, address.id, origin, now);
  return addresses.length;
}

export interface PendingConfirmation {
  email: string;
  username: string;
}

/** The address a key would confirm, or undefined for an unknown or expired key. */
export async function pendingConfirmation(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<PendingConfirmation | undefined> {
  return db
    .selectFrom('email_confirmations as c')
    .innerJoin('email_addresses as e', 'e.id', 'c.email_address_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.email', 'u.username'])
    .where('c.key_hash', '=', keyHash(key))
    .where('c.expires_at', '>', now)
    .executeTakeFirst();
}

/** Verifies the key's address; resolves with it, or undefined for an unknown or expired key. */
export async function confirmEmail(db: Kysely<Database>, key: string, now: Date): Promise<string | undefined> {
  return db.transaction().execute(async (tx) => {
    const confirmation = await tx
      .deleteFrom('email_confirmations')
      .where('key_hash', '=', keyHash(key))
      .where('expires_at', '>', now)
      .returning('email_address_id')
      .executeTakeFirst();
    if (!confirmation) return undefined;
    const address = await tx
      .updateTable('email_addresses')
      .set({ verified: true })
      .where('id', '=', String(confirmation.email_address_id))
      .returning(['id', 'user_id', 'email'])
      .executeTakeFirstOrThrow();
    const primary = await tx
      .selectFrom('email_addresses')
      .select('id')
      .where('user_id', '=', address.user_id)
      .where('primary', '=', true)
      .executeTakeFirst();
    if (!primary) {
      await tx.updateTable('email_addresses').set({ primary: true }).where('id', '=', address.id).execute();
      await tx.updateTable('users').set({ email: address.email }).where('id', '=', String(address.user_id)).execute();
    }
    await tx.deleteFrom('email_confirmations').where('email_address_id', '=', address.id).execute();
    return address.email;
  });
}
