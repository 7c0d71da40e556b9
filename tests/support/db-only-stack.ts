import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { stringify } from 'yaml';

import { docker, removeStackAndContainers } from './docker-cli';

/**
 * A stack with only the Clair stack's db service: the PostgreSQL image, its password as a docker
 * secret, dnsrr and no published port, so the control centre's docker-exec bridge is the only
 * way in. The database tools' tests deploy one each.
 */
export interface DbOnlyStack {
  stack: string;
  /** The db's password, for tests that check it never shows. */
  password: string;
  /** Holds the secret files and the environment files written by writeEnvironment. */
  dir: string;
  /** The file with postgres://clair:<password>@db:5432/clair, as DATABASE_URL_FILE names it. */
  databaseUrlFile: string;
  /** `<dir>/<name>.env` for this stack on this machine's engine, of the given class. */
  writeEnvironment: (name: string, environmentClass: string) => Promise<void>;
  /** The db task's container once it is healthy; empty while there is none. */
  healthyContainer: () => Promise<string>;
  remove: () => Promise<void>;
}

export async function deployDbOnlyStack(options: {
  dockerHost: string;
  postgresImage: string;
  /** The test's docker name prefix. */
  prefix: string;
}): Promise<DbOnlyStack> {
  const { dockerHost, prefix } = options;
  const stack = `${prefix}${Date.now().toString(36)}`;
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-env-`));
  const password = randomBytes(16).toString('hex');
  const databaseUrlFile = join(dir, 'database_url');
  await writeFile(join(dir, 'db_password'), password, { mode: 0o600 });
  await writeFile(databaseUrlFile, `postgres://clair:${password}@db:5432/clair\n`, { mode: 0o600 });
  const compose = {
    version: '3.8',
    services: {
      db: {
        image: options.postgresImage,
        environment: {
          POSTGRES_DB: 'clair',
          POSTGRES_USER: 'clair',
          POSTGRES_PASSWORD_FILE: '/run/secrets/db_password',
        },
        secrets: ['db_password'],
        healthcheck: {
          test: ['CMD-SHELL', 'pg_isready -q -h 127.0.0.1 -U clair -d clair'],
          interval: '2s',
          timeout: '3s',
          retries: 30,
        },
        deploy: { endpoint_mode: 'dnsrr', replicas: 1 },
      },
    },
    secrets: { db_password: { file: join(dir, 'db_password') } },
  };
  await writeFile(join(dir, 'stack.yml'), stringify(compose));
  await docker(dockerHost, ['stack', 'deploy', '--resolve-image', 'never', '-c', join(dir, 'stack.yml'), stack]);

  const healthyContainer = () =>
    docker(dockerHost, [
      'ps',
      '-q',
      '--filter',
      `label=com.docker.swarm.service.name=${stack}_db`,
      '--filter',
      'health=healthy',
    ]);
  // The swarm marks the task running only once the node has reported the container healthy, a
  // moment later under load; the bridge looks for a running task, so both must be true.
  const taskRunning = async () =>
    (
      await docker(dockerHost, [
        'service',
        'ps',
        `${stack}_db`,
        '--filter',
        'desired-state=running',
        '--format',
        '{{.CurrentState}}',
      ])
    ).startsWith('Running');
  // A loop, not expect.poll: beforeAll runs outside any test.
  for (let attempt = 0; !((await healthyContainer()) && (await taskRunning())); attempt++) {
    if (attempt >= 240) throw new Error(`${stack}_db did not become healthy and running in 120 s`);
    await sleep(500);
  }

  return {
    stack,
    password,
    dir,
    databaseUrlFile,
    healthyContainer,
    writeEnvironment: (name, environmentClass) =>
      writeFile(
        join(dir, `${name}.env`),
        [
          'DOCKER_CONTEXT=default',
          'CLAIR_ALLOW_LOCAL_CONTEXT=true',
          `CLAIR_ENVIRONMENT_CLASS=${environmentClass}`,
          `CLAIR_STACK_NAME=${stack}`,
          `DATABASE_URL_FILE=${databaseUrlFile}`,
          '',
        ].join('\n'),
      ),
    remove: async () => {
      // The secret goes only once the stopping container has let go of it.
      await removeStackAndContainers(dockerHost, stack);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
