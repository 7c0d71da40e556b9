import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { listEnvironments } from '../core/environments/list-environments';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const usage = `Usage: clairctl <command> [options]

Commands:
  environments [--root DIR]   List the environments defined in DIR/environments
  help                        Show this help`;

/** clairctl's commands over electron/core; returns the process exit code. */
export async function runClairctl(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'environments':
      return listEnvironmentsCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
      io.out(usage);
      return 0;
    default:
      io.err(`clairctl: unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

async function listEnvironmentsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { root: { type: 'string', default: process.cwd() } } });
  const environments = await listEnvironments(resolve(values.root, 'environments'));
  if (environments.length === 0) {
    io.out('No environments: add a NAME.env file to the environments/ folder.');
    return 0;
  }
  for (const env of environments) {
    io.out(`${env.name.padEnd(16)} ${env.file.padEnd(28)} ${env.isExample ? 'example' : 'ready'}`);
  }
  return 0;
}
