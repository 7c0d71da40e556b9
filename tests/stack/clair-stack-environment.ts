import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse } from 'dotenv';

import type { TestEnvironment } from '../support/test-env';
import { docker, freePort, removeStackAndContainers } from '../support/docker-cli';
import { buildClairStackImages } from '../../scripts/images/clair-images';

/** The stack templates the dev environment deploys, in order: base, offline, dev. */
export const clairComposeFiles = ['docker-compose.yml', 'docker-compose.offline.yml', 'docker-compose.dev.yml'];
/** The volumes the templates declare external, created before a deploy. */
export const clairVolumeVariables = ['DB_VOLUME', 'MEDIA_VOLUME', 'CLAIRCHEN_SPOOL_VOLUME', 'ERS_SPOOL_VOLUME'];

export interface ClairStackEnvironment {
  /** The env file, `<dir>/<name>.env`. */
  file: string;
  variables: Record<string, string>;
}

/**
 * An environment file like environments/dev.env for a stack of the test swarm: this run's images,
 * free host ports, its own volumes and application ids, and random secrets in files beside it.
 */
export async function writeClairStackEnvironment(options: {
  dir: string;
  name: string;
  stack: string;
  env: TestEnvironment;
  simulatorSeed: number;
  /** DOCKER_CONTEXT; the test swarm's own engine by default. */
  dockerContext?: string;
}): Promise<ClairStackEnvironment> {
  const { dir, stack, env } = options;
  const images = await buildClairStackImages(env.DOCKER_HOST, env.CLAIR_IMAGE_NODE, stack);
  const secrets = join(dir, `${options.name}-secrets`);
  await mkdir(secrets, { recursive: true });
  const dbPassword = randomBytes(16).toString('hex');
  const secretFiles: Record<string, string> = {
    DB_PASSWORD_FILE: dbPassword,
    DATABASE_URL_FILE: `postgres://clair:${dbPassword}@db:5432/clair`,
    INGEST_TOKEN_FILE: randomBytes(24).toString('hex'),
    CLAIRCHEN_TTN_API_KEY_FILE: 'NNSXS.SIMULATED-CLAIRCHEN',
    ERS_TTN_API_KEY_FILE: 'NNSXS.SIMULATED-ERS',
    SMTP_PASSWORD_FILE: 'unused',
  };
  const lines = [
    `DOCKER_CONTEXT=${options.dockerContext ?? 'default'}`,
    `CLAIR_DOMAIN=${stack}.localhost`,
    `DOCKER_STACK_DEPLOY_ARGS=${clairComposeFiles
      .slice(1)
      .map((file) => `-c stack-templates/${file}`)
      .join(' ')}`,
    'CLAIR_ENVIRONMENT_CLASS=development',
    `CLAIR_STACK_NAME=${stack}`,
    // The test daemon's socket, where the reverse proxy's bind mount must find it.
    `DOCKER_SOCKET=${new URL(env.DOCKER_HOST).pathname}`,
    ...Object.entries(images).map(([name, ref]) => `${name}=${ref}`),
    `POSTGRES_IMAGE=${env.CLAIR_IMAGE_POSTGRES}`,
    `REDIS_IMAGE=${env.CLAIR_IMAGE_REDIS}`,
    `MOSQUITTO_IMAGE=${env.CLAIR_IMAGE_MOSQUITTO}`,
    `HTTP_PORT=${await freePort()}`,
    `MANAGAIR_DEV_PORT=${await freePort()}`,
    `INGESTAIR_DEV_PORT=${await freePort()}`,
    `DB_DEV_PORT=${await freePort()}`,
    `SIMULATED_TTN_PORT=${await freePort()}`,
    ...(await storagePort()),
    // The forwarders subscribe as APPLICATION@TENANT, as on TTN's own cluster.
    'TTN_TENANT=ttn',
    `CLAIRCHEN_TTN_APPLICATION_ID=${stack}-clairchen`,
    `ERS_TTN_APPLICATION_ID=${stack}-ers`,
    'FORWARDER_BATCH_LINGER_MS=100',
    // The stack's own simulator: one node of each kind, at a pace that keeps tests short.
    `TTN_SIMULATOR_SEED=${options.simulatorSeed}`,
    'TTN_SIMULATOR_NODES=1',
    'TTN_SIMULATOR_INTERVAL_S=5',
    ...clairVolumeVariables.map(
      (name) =>
        `${name}=${stack}-${name
          .toLowerCase()
          .replace(/_volume$/, '')
          .replace(/_/g, '-')}`,
    ),
  ];
  for (const [variable, content] of Object.entries(secretFiles)) {
    const file = join(secrets, variable.toLowerCase().replace(/_file$/, ''));
    await writeFile(file, `${content}\n`, { mode: 0o600 });
    lines.push(`${variable}=${file}`);
  }
  const file = join(dir, `${options.name}.env`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return { file, variables: parse(await readFile(file)) };
}

/**
 * Removes the stack and waits for its containers too: they outlive their services while they
 * stop, and hold on to the volumes and images that cleanup removes next.
 */
/** Removes what a test's Clair stack left: the stack, its volumes and this run's images. */
export async function removeClairStack(
  dockerHost: string,
  stack: string,
  variables: Record<string, string> | undefined,
): Promise<void> {
  await removeStackAndContainers(dockerHost, stack);
  for (const variable of clairVolumeVariables) {
    const volume = variables?.[variable];
    if (volume) await docker(dockerHost, ['volume', 'rm', '-f', volume]);
  }
  // By tag rather than by the build's answer, so that a build that failed halfway leaves nothing.
  const images = await docker(dockerHost, [
    'image',
    'ls',
    '--filter',
    `reference=clair/*:${stack}`,
    '--format',
    '{{.Repository}}:{{.Tag}}',
  ]);
  if (images) await docker(dockerHost, ['image', 'rm', ...images.split('\n')]);
}

/** The dev simulator's Storage Integration on a port of its own, and the URL the wizard reads it at. */
async function storagePort(): Promise<string[]> {
  const port = await freePort();
  return [`TTN_STORAGE_DEV_PORT=${port}`, `TTN_STORAGE_URL=http://127.0.0.1:${port}`];
}
