import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { Database } from '../../database/tables';
import { hashPassword } from './password-hash';
import { passwordProblems } from './password-rules';

const blank = 'This field cannot be blank.';

/** Django's username rules: letters and digits of any script and @ . + - _, at most 150. */
const Username = z
  .string()
  .min(1, blank)
  .max(150, 'Ensure this value has at most 150 characters.')
  .regex(
    /^[\p{L}\p{N}_.@+-]+$/u,
    'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  );

const Email = z
  .string()
  .trim()
  .min(1, blank)
  .max(254, 'Ensure this value has at most 254 characters.')
  .pipe(z.email('Enter a valid email address.'));

export type AccountField = 'username' | 'email' | 'password';

/** A value the account cannot take; the message starts with the field's name. */
export class AccountFieldError extends Error {
  constructor(
    readonly field: AccountField,
    readonly problems: string[],
  ) {
    super(`${field}: ${problems.join(' ')}`);
    this.name = 'AccountFieldError';
  }
}

function problemsOf(schema: z.ZodType, value: string): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

export const usernameProblems = (username: string): string[] => problemsOf(Username, username);
export const emailProblems = (email: string): string[] => problemsOf(Email, email);

/** Whether an account has this username; Django's usernames are case-sensitive. */
export async function usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return row !== undefined;
}

export interface NewSuperuser {
  username: string;
  email: string;
  password: string;
}

export interface NewAccount extends NewSuperuser {
  isSuperuser: boolean;
  first_name?: string;
  last_name?: string;
}

/**
 * Creates an active account whose email is primary and verified (the operator or superuser
 * creating it vouches for it), checking every field first. Throws AccountFieldError naming the
 * field at fault, including a username that is taken; resolves with the new user's id.
 */
export async function createAccount(db: Kysely<Database>, account: NewAccount): Promise<string> {
  const email = account.email.trim();
  const checks: [AccountField, string[]][] = [
    ['username', usernameProblems(account.username)],
    ['email', emailProblems(email)],
    ['password', passwordProblems(account.password, { username: account.username, email })],
  ];
  for (const [field, problems] of checks) if (problems.length) throw new AccountFieldError(field, problems);

  const password = await hashPassword(account.password);
  return db.transaction().execute(async (tx) => {
    // The unique index decides a race between two creations of the same username.
    const user = await tx
      .insertInto('users')
      .values({
        username: account.username,
        email,
        password,
        first_name: account.first_name ?? '',
        last_name: account.last_name ?? '',
        is_staff: account.isSuperuser,
        is_superuser: account.isSuperuser,
        is_active: true,
      })
      .onConflict((conflict) => conflict.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!user) throw new AccountFieldError('username', ['That username is already taken.']);
    await tx.insertInto('email_addresses').values({ user_id: user.id, email, verified: true, primary: true }).execute();
    return user.id;
  });
}

/** An active staff superuser (`managair createsuperuser`); see createAccount. */
export function createSuperuser(db: Kysely<Database>, account: NewSuperuser): Promise<string> {
  return createAccount(db, { ...account, isSuperuser: true });
}
