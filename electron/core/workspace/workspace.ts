import { access } from 'node:fs/promises';
import { join } from 'node:path';

import type Docker from 'dockerode';

import { ClairError } from '../../contract';
import { SshConnectionPool } from '../contexts/ssh-connection-pool';
import { confirmationFor, type StackAction } from '../guardrails/confirmation';
import type { Environment } from '../environments/load-environment';
import { formatProblem } from '../stack/compose/source-problem';
import { Journal } from '../stack/journal/journal';
import { dockerForEnvironment } from './docker-for-environment';
import { type OpenedEnvironment, openEnvironment } from './open-environment';
import { journalDirectory, stateDirectory } from './state-directory';

const environmentNamePattern = /^[A-Za-z0-9_-]+$/;

export interface WorkspaceOptions {
  /** The repository: environments/ and stack-templates/ live here. */
  root: string;
  /** Where DOCKER_CONFIG, HOME and CLAIR_STATE_DIR come from. */
  env: NodeJS.ProcessEnv;
  /** Defaults to the repository's environments/ folder. */
  environmentsDir?: string;
}

/**
 * What the control centre's handlers share: the environment files, the docker engines they
 * name (SSH connections kept open in one pool), the deploy journal and the state folder.
 * clairctl opens the same files the same way, one command at a time.
 */
export class Workspace {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly environmentsDir: string;
  readonly stateDir: string;
  readonly journal: Journal;
  readonly pool = new SshConnectionPool();

  constructor(options: WorkspaceOptions) {
    this.root = options.root;
    this.env = options.env;
    this.environmentsDir = options.environmentsDir ?? join(options.root, 'environments');
    this.stateDir = stateDirectory(options.env);
    this.journal = new Journal(journalDirectory(options.env));
  }

  /**
   * The environment `name` (its `name.env` file) with its problems; with `withModel`, its compose
   * templates loaded and checked too. Only real env files are opened: an example documents.
   */
  async open(name: string, withModel = false): Promise<OpenedEnvironment> {
    if (!environmentNamePattern.test(name)) {
      throw new ClairError({ code: 'bad-request', message: `"${name}" is not an environment name` });
    }
    const file = join(this.environmentsDir, `${name}.env`);
    try {
      await access(file);
    } catch {
      const example = await access(`${file}.example`).then(
        () => true,
        () => false,
      );
      throw new ClairError({
        code: 'not-found',
        message: example
          ? `${name}.env does not exist yet: copy ${name}.env.example to ${name}.env and fill it in`
          : `No environment "${name}": add ${name}.env to ${this.environmentsDir}`,
      });
    }
    return openEnvironment(file, this.root, withModel);
  }

  /** Like open, with the templates, failing with every problem when the environment cannot deploy. */
  async openForDeploy(name: string): Promise<OpenedEnvironment & { model: NonNullable<OpenedEnvironment['model']> }> {
    const opened = await this.open(name, true);
    if (!opened.model) {
      throw new ClairError({
        code: 'bad-request',
        message: `${name} cannot be deployed until its problems are fixed`,
        details: opened.problems.filter((p) => p.severity === 'error').map(formatProblem),
      });
    }
    return { ...opened, model: opened.model };
  }

  /** The engine of the environment's docker context, reached now; the error says what to check. */
  async docker(environment: Environment): Promise<Docker> {
    const reached = await dockerForEnvironment(environment, { env: this.env, pool: this.pool });
    if ('problem' in reached) {
      throw new ClairError({
        code: 'unavailable',
        message: `${reached.problem.message}. Check the context on the Environments screen (is the engine running, is the host reachable?)`,
      });
    }
    return reached.docker;
  }

  /**
   * The guardrail of every action from the app: on production or a remote swarm the request must
   * carry the environment's name, typed by the user.
   */
  requireConfirmation(action: StackAction, environment: Environment, typed: string | undefined): void {
    const needed = confirmationFor(action, {
      environmentClass: environment.class,
      dockerContext: environment.dockerContext,
    });
    if (!needed.required || typed === environment.name) return;
    throw new ClairError({
      code: 'confirmation-required',
      message:
        typed === undefined
          ? `${needed.reason}: type "${environment.name}" to confirm`
          : `"${typed}" is not "${environment.name}": type the environment's name exactly to confirm`,
    });
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}
