import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type Docker from 'dockerode';

import { ClairError } from '../../contract';
import { SshAuthStore } from '../contexts/ssh-auth-store';
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
  /** How each SSH context logs in (key file or agent), as the Environments screen saved it. */
  readonly sshAuth: SshAuthStore;
  /** The known_hosts file host keys are checked against and trusted into. */
  readonly knownHostsPath: string;
  /** One SSH connection pool per context, so each logs in its own way and is reused. */
  readonly #pools = new Map<string, SshConnectionPool>();

  constructor(options: WorkspaceOptions) {
    this.root = options.root;
    this.env = options.env;
    this.environmentsDir = options.environmentsDir ?? join(options.root, 'environments');
    this.stateDir = stateDirectory(options.env);
    this.journal = new Journal(journalDirectory(options.env));
    this.sshAuth = new SshAuthStore(this.stateDir);
    this.knownHostsPath = join(options.env.HOME ?? homedir(), '.ssh', 'known_hosts');
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
    const pool = await this.#poolFor(environment.dockerContext);
    const reached = await dockerForEnvironment(environment, { env: this.env, pool });
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

  async #poolFor(context: string): Promise<SshConnectionPool> {
    let pool = this.#pools.get(context);
    if (!pool) {
      const auth = await this.sshAuth.get(context);
      pool = new SshConnectionPool({
        knownHostsPath: this.knownHostsPath,
        ...(auth?.method === 'identity-file' ? { identityFile: auth.identityFile, agentSocket: null } : {}),
      });
      this.#pools.set(context, pool);
    }
    return pool;
  }

  /** Closes a context's SSH connections, so that its next use logs in with what was saved since. */
  async forgetContext(context: string): Promise<void> {
    const pool = this.#pools.get(context);
    this.#pools.delete(context);
    await pool?.dispose();
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#pools.keys()].map((context) => this.forgetContext(context)));
  }
}
