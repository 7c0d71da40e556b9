import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import type { Kysely } from 'kysely';
import { z } from 'zod';

import { openDatabase } from '../../database/connection';
import { DatabaseEnv } from '../../database/env';
import type { Database } from '../../database/tables';
import { loadEnv } from '../../runtime/env';
import {
  type AccountField,
  AccountFieldError,
  createSuperuser,
  emailProblems,
  usernameProblems,
  usernameTaken,
} from '../accounts/create-superuser';
import { passwordProblems } from '../accounts/password-rules';
import { type Command, type CommandIo, say } from './command';
import { type LinePrompter, openLinePrompter } from './line-prompter';

const usage = `Usage: managair createsuperuser [--username NAME] [--email ADDRESS] [--password-file FILE] [--no-input]

Creates an active staff superuser with a verified primary email address. What the options do not
give is asked for: on a terminal the password is typed twice without echo; from a pipe, each
answer is one line of stdin.

There is no --password option: a password on the command line shows in \`ps\` and in the shell
history. Give it in a file (--password-file FILE), or in MANAGAIR_SUPERUSER_PASSWORD_FILE or
MANAGAIR_SUPERUSER_PASSWORD.

  --no-input   ask nothing: --username, --email and a password source are required`;

const CreateSuperuserEnv = DatabaseEnv.extend({
  MANAGAIR_SUPERUSER_PASSWORD: z.string().optional(),
});

class UsageError extends Error {}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        username: { type: 'string' },
        email: { type: 'string' },
        'password-file': { type: 'string' },
        'no-input': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    const reason = (error as Error).message;
    if (args.some((arg) => /^--password(=|$)/.test(arg))) {
      throw new UsageError('--password is not accepted: a password on the command line leaks into `ps` and history.');
    }
    throw new UsageError(reason);
  }
}

function readPasswordFile(path: string): string {
  try {
    // Stripped like every secret file (runtime/env.ts): editors add a trailing newline.
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new Error(`--password-file: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, {
      cause: error,
    });
  }
}

type Answer = { value: string } | { problems: string[] };
type Problems = (value: string) => Promise<string[]>;

async function judged(value: string, problemsOf: Problems): Promise<Answer> {
  const problems = await problemsOf(value);
  return problems.length ? { problems } : { value };
}

interface Asking {
  prompter: LinePrompter | undefined;
  io: CommandIo;
}

/**
 * A value given by option, file or environment must pass at once. Otherwise it is asked for: a
 * person at a terminal sees the problems and tries again; for a script, the first bad answer
 * ends the command, naming the field.
 */
async function obtain(
  field: AccountField,
  given: string | undefined,
  problemsOf: Problems,
  ask: (prompter: LinePrompter) => Promise<Answer>,
  { prompter, io }: Asking,
): Promise<string> {
  if (given !== undefined) {
    const problems = await problemsOf(given);
    if (problems.length) throw new AccountFieldError(field, problems);
    return given;
  }
  if (!prompter) {
    const source = field === 'password' ? '--password-file FILE or MANAGAIR_SUPERUSER_PASSWORD_FILE' : `--${field}`;
    throw new AccountFieldError(field, [`required with --no-input (${source}).`]);
  }
  for (;;) {
    const answer = await ask(prompter);
    if ('value' in answer) return answer.value;
    if (!prompter.interactive) throw new AccountFieldError(field, answer.problems);
    say(io.stdout, `Error: ${answer.problems.join(' ')}`);
  }
}

async function collectAccount(
  db: Kysely<Database>,
  given: { username?: string; email?: string; password?: string },
  asking: Asking,
) {
  const usernameCheck: Problems = async (username) => {
    const problems = usernameProblems(username);
    if (problems.length) return problems;
    return (await usernameTaken(db, username)) ? ['That username is already taken.'] : [];
  };
  const username = await obtain(
    'username',
    given.username,
    usernameCheck,
    async (p) => judged(await p.ask('Username: '), usernameCheck),
    asking,
  );
  const emailCheck: Problems = async (email) => emailProblems(email);
  const email = await obtain(
    'email',
    given.email,
    emailCheck,
    async (p) => judged(await p.ask('Email address: '), emailCheck),
    asking,
  );
  const passwordCheck: Problems = async (password) => passwordProblems(password, { username, email });
  const password = await obtain(
    'password',
    given.password,
    passwordCheck,
    async (p) => {
      const first = await p.ask('Password: ', { hidden: true });
      const second = await p.ask('Password (again): ', { hidden: true });
      return first === second ? judged(first, passwordCheck) : { problems: ["Your passwords didn't match."] };
    },
    asking,
  );
  return { username, email, password };
}

export const createsuperuserCommand: Command = {
  name: 'createsuperuser',
  summary: 'Create an administrator account (asks, or --no-input with --username --email --password-file)',
  run: async (args, io) => {
    let options;
    try {
      options = parseOptions(args);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      say(io.stderr, `managair createsuperuser: ${error.message}\n\n${usage}`);
      return 2;
    }
    if (options.help) {
      say(io.stdout, usage);
      return 0;
    }
    const env = loadEnv(CreateSuperuserEnv, io.env);
    const password = options['password-file']
      ? readPasswordFile(options['password-file'])
      : env.MANAGAIR_SUPERUSER_PASSWORD;
    const database = openDatabase(
      env.DATABASE_URL,
      (error) => say(io.stderr, `database connection lost: ${error.message}`),
      1,
    );
    const prompter = options['no-input'] ? undefined : openLinePrompter(io);
    try {
      const given = { username: options.username, email: options.email, password };
      const account = await collectAccount(database.db, given, { prompter, io });
      await createSuperuser(database.db, account);
      say(io.stdout, `Superuser "${account.username}" created.`);
      return 0;
    } finally {
      prompter?.close();
      await database.close();
    }
  },
};
