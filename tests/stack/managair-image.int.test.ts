import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../support/context';
import { docker } from '../support/docker-cli';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('the managair image', () => {
  const env = testEnvironment();
  const image = `clair/managair:test-${Date.now().toString(36)}`;
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    await run(
      'docker',
      [
        'build',
        '-q',
        '-t',
        image,
        '--build-arg',
        `NODE_IMAGE=${env.CLAIR_IMAGE_NODE}`,
        '-f',
        'stack-templates/images/managair/Dockerfile',
        'build/services',
      ],
      {
        cwd: root,
        env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST, DOCKER_BUILDKIT: '0' },
      },
    );
  });
  afterAll(async () => {
    await docker(env.DOCKER_HOST, ['image', 'rm', image]);
    await scratch.drop();
  });

  /** Runs the image's CLI on the host network, where the test PostgreSQL listens on 127.0.0.1. */
  const managair = (...args: string[]) =>
    docker(env.DOCKER_HOST, ['run', '--rm', '--network', 'host', '-e', `DATABASE_URL=${scratch.url}`, image, ...args]);

  it('carries the management CLI', async () => {
    const help = await managair('help');
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

  it('migrates a database and then finds nothing pending', async () => {
    expect(await managair('migrate')).toBe('Applied: 0001-initial-schema');
    expect(await managair('migrate', '--list')).toBe('No pending migrations.');
  });

  it('runs as the unprivileged node user', async () => {
    const user = await docker(env.DOCKER_HOST, [
      'run',
      '--rm',
      '--entrypoint',
      'node',
      image,
      '-e',
      'console.log(process.getuid())',
    ]);
    expect(user).toBe('1000');
  });
});
