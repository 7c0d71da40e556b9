import { parseArgs } from 'node:util';

/** The subcommands that act on one environment's stack, each with its own arguments. */
export type EnvironmentAction =
  | { action: 'plan' | 'deploy' | 'rm' | 'history' | 'volumes-create' }
  | { action: 'rollback'; revision: number }
  | { action: 'fixtures-load'; files: string[] }
  | { action: 'manage'; args: string[] }
  | { action: 'logs'; services: string[] };

export type ClairctlCommand =
  | { command: 'help' }
  | { command: 'environments'; root: string }
  | { command: 'contexts-ls' }
  | { command: 'contexts-use'; name: string }
  | ({
      command: 'environment';
      /** The environment file, first as in the seed's tools. */
      envFile: string;
      /** The folder holding stack-templates/, against which DOCKER_STACK_DEPLOY_ARGS's paths resolve. */
      root: string;
      /** `-y`: the confirmation is given on the command line. */
      yes: boolean;
    } & EnvironmentAction);

export type ParsedArguments = { ok: true; command: ClairctlCommand } | { ok: false; message: string };

export const usage = `Usage: clairctl <env-file> [-y] [--root DIR] <command>
       clairctl environments [--root DIR]
       clairctl contexts ls | contexts use <name>

Commands on the environment's stack (stack-templates/docker-compose.yml plus the -c files of its
DOCKER_STACK_DEPLOY_ARGS, on the swarm of its DOCKER_CONTEXT):
  plan                     Show what a deploy would change
  deploy                   Show the plan, confirm, apply and follow until every service runs
  rm                       Remove the stack and wait until it is gone (volumes are kept)
  rollback <revision>      Deploy an earlier revision of the journal again
  history                  List the deploys recorded in the journal
  volumes create           Create the external volumes the templates need
  fixtures load <file>...  Pipe each file into managair loaddata in managair_server
  manage [-y] <args>...    Run a managair command in managair_server, stdin piped
  logs <service>...        Follow the logs of one or more services

Options:
  -y, --yes                Confirm without asking (needed when stdin is not a terminal)
  --root DIR               The project folder with stack-templates/ (default: current folder)

Changes on another docker context than "default", and destructive commands on a production
environment, ask for the environment's name to be typed unless -y is given.`;

const options = {
  yes: { type: 'boolean', short: 'y', default: false },
  root: { type: 'string' },
} as const;

/** Turns clairctl's argv into one command, or says what is wrong with it. */
export function parseArguments(argv: readonly string[], cwd: string): ParsedArguments {
  const [first, ...rest] = argv;
  try {
    switch (first) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return { ok: true, command: { command: 'help' } };
      case 'environments': {
        const { values } = parseArgs({ args: rest, options: { root: options.root } });
        return { ok: true, command: { command: 'environments', root: values.root ?? cwd } };
      }
      case 'contexts':
        return parseContexts(rest);
      default:
        if (first.startsWith('-')) return { ok: false, message: `the environment file comes first, not "${first}"` };
        return parseEnvironmentCommand(first, rest, cwd);
    }
  } catch (error) {
    // parseArgs explains unknown options and missing values itself.
    return { ok: false, message: (error as Error).message };
  }
}

function parseContexts(args: string[]): ParsedArguments {
  const [verb, ...rest] = args;
  if (verb === 'ls' && rest.length === 0) return { ok: true, command: { command: 'contexts-ls' } };
  if (verb === 'use' && rest.length === 1) return { ok: true, command: { command: 'contexts-use', name: rest[0]! } };
  return { ok: false, message: 'expected "contexts ls" or "contexts use <name>"' };
}

function parseEnvironmentCommand(envFile: string, args: string[], cwd: string): ParsedArguments {
  const verbAt = args.findIndex((arg, index) => !arg.startsWith('-') && args[index - 1] !== '--root');
  if (verbAt < 0) return { ok: false, message: `no command after the environment file ${envFile}` };
  const verb = args[verbAt]!;
  let after = args.slice(verbAt + 1);
  let passThrough: string[] = [];
  if (verb === 'manage') {
    // Everything after `manage [-y]` is managair's, as with the seed's manage-py.sh.
    const yesFirst = after[0] === '-y' || after[0] === '--yes';
    passThrough = after.slice(yesFirst ? 1 : 0);
    after = yesFirst ? ['-y'] : [];
  }
  const { values, positionals } = parseArgs({
    args: [...args.slice(0, verbAt), ...after],
    options,
    allowPositionals: true,
  });
  const common = { command: 'environment', envFile, root: values.root ?? cwd, yes: values.yes } as const;
  const action = environmentAction(verb, positionals, passThrough);
  return 'message' in action ? { ok: false, message: action.message } : { ok: true, command: { ...common, ...action } };
}

function environmentAction(
  verb: string,
  args: string[],
  passThrough: string[],
): EnvironmentAction | { message: string } {
  const none = (action: 'plan' | 'deploy' | 'rm' | 'history') =>
    args.length === 0 ? { action } : { message: `${verb} takes no arguments, got "${args.join(' ')}"` };
  switch (verb) {
    case 'plan':
    case 'deploy':
    case 'rm':
    case 'history':
      return none(verb);
    case 'rollback': {
      const revision = Number(args[0]);
      if (args.length !== 1 || !Number.isInteger(revision) || revision < 1) {
        return { message: 'rollback needs one revision number (clairctl <env-file> history lists them)' };
      }
      return { action: 'rollback', revision };
    }
    case 'volumes':
      return args.length === 1 && args[0] === 'create'
        ? { action: 'volumes-create' }
        : { message: 'expected "volumes create"' };
    case 'fixtures':
      return args[0] === 'load' && args.length > 1
        ? { action: 'fixtures-load', files: args.slice(1) }
        : { message: 'expected "fixtures load <file>..."' };
    case 'manage':
      return passThrough.length > 0
        ? { action: 'manage', args: passThrough }
        : { message: 'manage needs a managair command, e.g. "manage migrate"' };
    case 'logs':
      return args.length > 0 ? { action: 'logs', services: args } : { message: 'logs needs one or more service names' };
    default:
      return { message: `unknown command "${verb}"` };
  }
}
