import { resolve } from 'node:path';

import { SshConnectionPool } from '../core/contexts/ssh-connection-pool';
import { listEnvironments } from '../core/environments/list-environments';
import { Journal } from '../core/stack/journal/journal';
import { formatProblem, hasErrors } from '../core/stack/compose/source-problem';
import type { CliIo } from './cli-io';
import { confirmAction } from './confirm';
import { contextsLsCommand, contextsUseCommand } from './contexts-commands';
import { deployCommand, planCommand, rollbackCommand } from './deploy-commands';
import { dockerForEnvironment } from '../core/workspace/docker-for-environment';
import { journalDirectory } from '../core/workspace/state-directory';
import { logsCommand } from './logs-command';
import { fixturesLoadCommand, manageCommand } from './managair-commands';
import { openEnvironment } from '../core/workspace/open-environment';
import { parseArguments, usage, type ClairctlCommand } from './parse-arguments';
import type { Session } from './session';
import { historyCommand, rmCommand, volumesCreateCommand } from './stack-commands';

/**
 * clairctl's commands over electron/core; returns the process exit code: 0 done, 1 the action
 * failed or was not confirmed, 2 bad arguments or input problems (nothing was changed).
 */
export async function runClairctl(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArguments(argv, process.cwd());
  if (!parsed.ok) {
    io.err(`clairctl: ${parsed.message}\n\n${usage}`);
    return 2;
  }
  try {
    return await run(parsed.command, io);
  } catch (error) {
    io.err(`clairctl: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function run(command: ClairctlCommand, io: CliIo): Promise<number> {
  switch (command.command) {
    case 'help':
      io.out(usage);
      return Promise.resolve(0);
    case 'environments':
      return listEnvironmentsCommand(command.root, io);
    case 'contexts-ls':
      return contextsLsCommand(io);
    case 'contexts-use':
      return contextsUseCommand(io, command.name);
    case 'environment':
      return runEnvironmentCommand(command, io);
  }
}

async function listEnvironmentsCommand(root: string, io: CliIo): Promise<number> {
  const environments = await listEnvironments(resolve(root, 'environments'));
  if (environments.length === 0) {
    io.out('No environments: add a NAME.env file to the environments/ folder.');
    return 0;
  }
  for (const env of environments) {
    io.out(`${env.name.padEnd(16)} ${env.file.padEnd(28)} ${env.isExample ? 'example' : 'ready'}`);
  }
  return 0;
}

type EnvironmentCommand = Extract<ClairctlCommand, { command: 'environment' }>;

/** Only these read the compose templates; the others need the env file's stack and context alone. */
const deploysTemplates = new Set(['plan', 'deploy', 'volumes-create']);

async function runEnvironmentCommand(command: EnvironmentCommand, io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const opened = await openEnvironment(command.envFile, command.root, deploysTemplates.has(command.action));
  for (const problem of opened.problems) io.err(formatProblem(problem));
  if (hasErrors(opened.problems)) return 2;
  const { environment, model } = opened;
  const journal = new Journal(journalDirectory(env));
  if (command.action === 'history')
    return (await confirmAction(io, environment, 'history', command.yes))
      ? historyCommand(io, environment, journal)
      : 1;

  io.err(
    `environment ${environment.name} (${environment.class}): stack ${environment.stackName} on docker context ${environment.dockerContext}`,
  );
  const pool = new SshConnectionPool();
  try {
    const reached = await dockerForEnvironment(environment, { env, pool });
    if ('problem' in reached) {
      io.err(formatProblem(reached.problem));
      return 2;
    }
    const session: Session = { io, environment, docker: reached.docker, journal, yes: command.yes };
    const withModel = () => {
      if (!model) throw new Error(`the compose templates of ${environment.name} were not loaded`);
      return { ...session, model };
    };
    switch (command.action) {
      case 'plan':
        return await planCommand(withModel());
      case 'deploy':
        return await deployCommand(withModel());
      case 'volumes-create':
        return await volumesCreateCommand(withModel());
      case 'rollback':
        return await rollbackCommand(session, command.revision);
      case 'rm':
        return await rmCommand(session);
      case 'fixtures-load':
        return await fixturesLoadCommand(session, command.files);
      case 'manage':
        return await manageCommand(session, command.args);
      case 'logs':
        return await logsCommand(session, command.services);
    }
  } finally {
    await pool.dispose();
  }
}
