import { type Kysely, sql } from 'kysely';

import type { Database } from '../../database/tables';
import { emailProblems, usernameProblems, usernameTaken } from './create-superuser';
import { hashPassword } from './password-hash';
import { passwordProblems } from './password-rules';

/**
 * allauth's sign-up (original-clair.md §3.4): username, e-mail, password twice. The account is
 * active, but its one address is unverified, so it cannot sign in before the confirmation link
 * is followed (credentials.ts). An e-mail address belongs to one account only (allauth's
 * ACCOUNT_UNIQUE_EMAIL).
 */
export interface SignUpForm {
  username: string;
  email: string;
  password1: string;
  password2: string;
}

export type SignUpErrors = Partial<Record<keyof SignUpForm, string[]>>;

async function emailTaken(db: Kysely<Database>, email: string): Promise<boolean> {
  const lowered = email.toLowerCase();
  const row = await db
    .selectFrom('email_addresses')
    .select('id')
    .where(sql<string>`lower(email)`, '=', lowered)
    .unionAll(
      db
        .selectFrom('users')
        .select('id')
        .where(sql<string>`lower(email)`, '=', lowered),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every problem of the form, by field; empty when the account may be created. */
export async function signUpProblems(db: Kysely<Database>, form: SignUpForm): Promise<SignUpErrors> {
  const errors: SignUpErrors = {};
  const email = form.email.trim();
  const username = usernameProblems(form.username);
  if (!username.length && (await usernameTaken(db, form.username))) {
    username.push('A user with that username already exists.');
  }
  if (username.length) errors.username = username;
  const address = emailProblems(email);
  if (!address.length && (await emailTaken(db, email))) {
    address.push('A user is already registered with this e-mail address.');
  }
  if (address.length) errors.email = address;
  if (form.password1 === '') errors.password1 = ['This field is required.'];
  else {
    const password = passwordProblems(form.password1, { username: form.username, email });
    if (password.length) errors.password1 = password;
    else if (form.password1 !== form.password2) errors.password2 = ['You must type the same password each time.'];
  }
  return errors;
}

/** Creates the user and its unverified primary address; resolves with the address id. */
export async function createAccount(db: Kysely<Database>, form: SignUpForm): Promise<string | undefined> {
  const email = form.email.trim();
  const password = await hashPassword(form.password1);
  return db.transaction().execute(async (tx) => {
    const user = await tx
      .insertInto('users')
      .values({ username: form.username, email, password })
      .onConflict((conflict) => conflict.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!user) return undefined; // taken since the check
    const address = await tx
      .insertInto('email_addresses')
      .values({ user_id: user.id, email, verified: false, primary: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    return address.id;
  });
}
