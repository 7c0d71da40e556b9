import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';

import type { CliIo } from './cli-io';
import { confirmAction } from './confirm';
import { execManagair, findManagairContainer } from './managair-exec';
import type { Session } from './session';

/**
 * `clairctl <env> manage [-y] <args>`: the seed's manage-py.sh, any managair command in the
 * running managair_server container, stdin piped (`... | clairctl env -y manage loaddata -`).
 */
export async function manageCommand(session: Session, args: string[]): Promise<number> {
  const { io, environment, docker } = session;
  const container = await findManagairContainer(docker, environment.stackName);
  if (!(await confirmAction(io, environment, 'manage', session.yes))) return 1;
  return execManagair(docker, container, args, { stdin: io.stdin, ...outputs(io) });
}

/**
 * `clairctl <env> fixtures load <file>...`: the seed's load-fixtures, each file piped into
 * `managair loaddata -` in turn, in the order given (foreign keys: users, inventory, data).
 */
export async function fixturesLoadCommand(session: Session, files: string[]): Promise<number> {
  const { io, environment, docker } = session;
  const paths = files.map((file) => resolve(file));
  for (const path of paths) {
    try {
      await access(path);
    } catch {
      io.err(`${path}: fixture file not found`);
      return 2;
    }
  }
  const container = await findManagairContainer(docker, environment.stackName);
  if (!(await confirmAction(io, environment, 'fixtures-load', session.yes))) return 1;
  for (const path of paths) {
    io.err(`loading ${path}`);
    const code = await execManagair(docker, container, ['loaddata', '-'], {
      stdin: createReadStream(path),
      ...outputs(io),
    });
    if (code !== 0) return code;
  }
  return 0;
}

/** managair's output, byte for byte (a dump on stdout stays clean). */
function outputs(io: CliIo): { stdout: Writable; stderr: Writable } {
  return { stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr };
}
