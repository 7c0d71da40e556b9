import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../support/context';
import { docker } from '../support/docker-cli';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const services = ['managair', 'forwarder', 'worker'] as const;

describe('the service images', () => {
  const env = testEnvironment();
  const tag = Date.now().toString(36);
  const image = (service: string) => `clair/${service}:test-${tag}`;
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    for (const service of services) {
      await run(
        'docker',
        [
          'build',
          '-q',
          '-t',
          image(service),
          '--build-arg',
          `NODE_IMAGE=${env.CLAIR_IMAGE_NODE}`,
          '--build-arg',
          `SERVICE=${service}`,
          '-f',
          'stack-templates/images/node-service/Dockerfile',
          'build/services',
        ],
        { cwd: root, env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST, DOCKER_BUILDKIT: '0' } },
      );
    }
  });
  afterAll(async () => {
    await docker(env.DOCKER_HOST, ['image', 'rm', ...services.map(image)]);
    await scratch.drop();
  });

  /** Runs an image on the host network, where the test PostgreSQL listens on 127.0.0.1. */
  const runImage = (service: string, ...args: string[]) =>
    docker(env.DOCKER_HOST, [
      'run',
      '--rm',
      '--network',
      'host',
      '-e',
      `DATABASE_URL=${scratch.url}`,
      image(service),
      ...args,
    ]);

  it('managair carries the management CLI', async () => {
    const help = await runImage('managair', 'help');
    for (const command of [
      'serve',
      'migrate',
      'createsuperuser',
      'loaddata',
      'dumpdata',
      'sampledump2fixture',
      'check',
    ]) {
      expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('managair migrates a database and then finds nothing pending', async () => {
    expect(await runImage('managair', 'migrate')).toBe(
      'Applied: 0001-initial-schema, 0002-accounts, 0003-sample-hours',
    );
    expect(await runImage('managair', 'migrate', '--list')).toBe('No pending migrations.');
  });

  it('the forwarder and the worker refuse to start without their configuration, naming it', async () => {
    const refusal = (service: string) =>
      runImage(service).then(
        () => 'started',
        (error: { stderr?: string }) => error.stderr ?? '',
      );
    expect(await refusal('forwarder')).toMatch(/TTN_MQTT_URL/);
    expect(await refusal('worker')).toMatch(/REDIS_URL/);
  });

  it('run as the unprivileged node user', async () => {
    const user = await docker(env.DOCKER_HOST, [
      'run',
      '--rm',
      '--entrypoint',
      'node',
      image('forwarder'),
      '-e',
      'console.log(process.getuid())',
    ]);
    expect(user).toBe('1000');
  });
});
