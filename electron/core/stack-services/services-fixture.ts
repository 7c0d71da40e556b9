import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Docker from 'dockerode';

import type { Core } from '../handlers';
import { deploy } from '../stack/apply/deploy';
import { removeStack } from '../stack/remove/remove-stack';
import { removeTestVolumes } from '../stack/swarm/test-stack';

/**
 * For the Services and Volumes & secrets tests: a project folder whose base template is one
 * small service (redis, healthchecked) holding a database-like password secret and an external
 * volume, and the development environment `svch` naming it, on the local engine.
 */
export interface ServicesFixture {
  root: string;
  environmentsDir: string;
  environment: string;
  stack: string;
  /** The file the environment reads the db_password secret from. */
  secretFile: string;
  /** A secret-looking environment value the spec view must mask. */
  password: string;
  /** Deploys the template with the engine, as the Deploy screen would, and waits until it converged. */
  deploy: (core: Core) => Promise<void>;
  cleanUp: (docker: Docker) => Promise<void>;
}

const compose = `services:
  cache:
    image: clair/redis:7
    environment:
      ROLE: cache
      CACHE_PASSWORD: \${CACHE_PASSWORD}
    healthcheck:
      test: [CMD, redis-cli, ping]
      interval: 1s
      timeout: 1s
      retries: 3
    volumes:
      - data:/data
    secrets:
      - db_password
    stop_grace_period: 1s
    deploy:
      endpoint_mode: dnsrr
      replicas: 1
      update_config:
        parallelism: 2
        order: stop-first
volumes:
  data:
    external: true
    name: \${DATA_VOLUME}
secrets:
  db_password:
    file: \${DB_PASSWORD_FILE}
`;

export async function createServicesFixture(): Promise<ServicesFixture> {
  const stack = `svch${Date.now().toString(36)}`;
  const password = `svch-password-${Date.now().toString(36)}`;
  const root = await mkdtemp(join(tmpdir(), 'svch-root-'));
  const environmentsDir = join(root, 'environments');
  const secretFile = join(root, 'stack-templates', 'secrets', 'db_password');
  await mkdir(join(root, 'stack-templates', 'secrets'), { recursive: true });
  await mkdir(environmentsDir);
  await writeFile(join(root, 'stack-templates', 'docker-compose.yml'), compose);
  await writeFile(secretFile, 'first password', { mode: 0o600 });
  const variables = [
    'DOCKER_CONTEXT=default',
    'CLAIR_ENVIRONMENT_CLASS=development',
    `CLAIR_STACK_NAME=${stack}`,
    `CACHE_PASSWORD=${password}`,
    `DATA_VOLUME=${stack}_data`,
    'DB_PASSWORD_FILE=secrets/db_password',
  ];
  await writeFile(join(environmentsDir, 'svch.env'), `${variables.join('\n')}\n`);
  return {
    root,
    environmentsDir,
    environment: 'svch',
    stack,
    secretFile,
    password,
    deploy: async (core) => {
      const { environment, model } = await core.workspace.openForDeploy('svch');
      const result = await deploy({
        docker: await core.workspace.docker(environment),
        stack,
        model,
        environment: 'svch',
        journal: core.workspace.journal,
        timeoutMs: 60_000,
      });
      if (!result.converged.ok) throw new Error(`The ${stack} test stack did not converge`);
    },
    cleanUp: async (docker) => {
      await removeStack(docker, stack);
      await removeTestVolumes(docker, stack);
    },
  };
}
