import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../tests/support/context';
import { removeStack } from '../core/stack/remove/remove-stack';
import { removeTestVolumes } from '../core/stack/swarm/test-stack';
import { clairctl } from './clairctl-harness';

const repository = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/**
 * managair_server runs the real managair image, idling instead of serving (serving would need the
 * whole stack's secrets), so that clairctl's commands exec managair's CLI in it against the db.
 */
const template = (image: string) => `
services:
  db:
    image: clair/postgres:15
    environment: { POSTGRES_DB: clair, POSTGRES_USER: clair, POSTGRES_PASSWORD: cli-test }
    healthcheck: { test: [CMD-SHELL, pg_isready -q -h 127.0.0.1 -U clair -d clair], interval: 1s, timeout: 3s, retries: 30 }
    networks: [back]
    stop_grace_period: 5s
    deploy: { endpoint_mode: dnsrr }
  managair_server:
    image: ${image}
    entrypoint: [node, -e, 'setInterval(() => {}, 1 << 30)']
    environment: { DATABASE_URL: 'postgres://clair:cli-test@db:5432/clair' }
    depends_on: [db]
    networks: [back]
    stop_grace_period: 1s
    deploy: { endpoint_mode: dnsrr }
networks:
  back: { driver: overlay }
`;

const address = (pk: number, street1: string) => ({
  model: 'core.address',
  pk,
  fields: { street1, zip: '10115', city: 'Berlin', latitude: 52.52, longitude: '13.405' },
});

describe('clairctl manage and fixtures load in the running managair_server', () => {
  const env = testEnvironment();
  const docker = new Docker({ socketPath: env.DOCKER_HOST.replace(/^unix:\/\//, '') });
  const stack = `cli${Date.now().toString(36)}m`;
  const image = `clair/managair:${stack}`;
  let root: string;
  let envFile: string;
  let ioEnv: NodeJS.ProcessEnv;
  const clair = (args: string[], stdin?: string) =>
    clairctl([envFile, '--root', root, ...args], { env: ioEnv, ...(stdin === undefined ? {} : { stdin }) });

  beforeAll(async () => {
    // The image of the current bundle (npm run build makes build/services), as the builder makes it.
    await run(
      'docker',
      [
        'build',
        '-q',
        '--build-arg',
        'SERVICE=managair',
        '--build-arg',
        'NODE_IMAGE=clair/node-runtime:20',
        '-t',
        image,
        '-f',
        join(repository, 'stack-templates/images/node-service/Dockerfile'),
        join(repository, 'build/services'),
      ],
      { env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST, DOCKER_BUILDKIT: '0' } },
    );
    root = await mkdtemp(join(tmpdir(), 'clairctl-managair-'));
    await mkdir(join(root, 'stack-templates'));
    await writeFile(join(root, 'stack-templates', 'docker-compose.yml'), template(image));
    envFile = join(root, 'clidev.env');
    await writeFile(
      envFile,
      `CLAIR_ENVIRONMENT_CLASS=development\nDOCKER_CONTEXT=default\nCLAIR_STACK_NAME=${stack}\n`,
    );
    ioEnv = { DOCKER_HOST: env.DOCKER_HOST, CLAIR_STATE_DIR: join(root, 'state') };
    const deployed = await clair(['deploy']);
    if (deployed.code !== 0) throw new Error(`deploy failed:\n${[...deployed.out, ...deployed.err].join('\n')}`);
  });
  afterAll(async () => {
    await removeStack(docker, stack);
    await removeTestVolumes(docker, stack);
    // Forced: the stopped task containers may still name the image a moment after the stack is gone.
    await docker.getImage(image).remove({ force: true });
    await rm(root, { recursive: true, force: true });
  });

  it('runs a managair command, its output passed through', async () => {
    const { code, stdout } = await clair(['manage', 'help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: managair <command>/);
  });

  it('migrates, then loads fixture files through loaddata in order', async () => {
    expect((await clair(['manage', 'migrate'])).code).toBe(0);
    const first = join(root, 'first.json');
    const second = join(root, 'second.json');
    await writeFile(first, JSON.stringify([address(5, 'Platz 1')]));
    await writeFile(second, JSON.stringify([address(6, 'Allee 2')]));
    const { code, err, stdout } = await clair(['fixtures', 'load', first, second]);
    expect(code).toBe(0);
    expect(err.slice(-2)).toEqual([`loading ${first}`, `loading ${second}`]);
    expect(stdout.match(/^stdin: 1 records in /gm)).toHaveLength(2);
  });

  it('pipes stdin into the command, as `... | manage -y loaddata -` in the seed', async () => {
    const loaded = await clair(['manage', '-y', 'loaddata', '-'], JSON.stringify([address(7, 'Ring 3')]));
    expect(loaded.code).toBe(0);
    const dumped = await clair(['manage', 'dumpdata', 'core.address']);
    expect(dumped.code).toBe(0);
    expect((JSON.parse(dumped.stdout) as { pk: number }[]).map((record) => record.pk)).toEqual([5, 6, 7]);
  });

  it("passes managair's exit code and errors on", async () => {
    const { code, stderr } = await clair(['manage', '-y', 'loaddata', '-'], '[\n{"model": "core.address",,\n');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^managair loaddata: stdin: invalid JSON in lines 1–3/);
  });

  it('refuses a fixture file that is not there before touching anything', async () => {
    const { code, err } = await clair(['fixtures', 'load', join(root, 'missing.json')]);
    expect(code).toBe(2);
    expect(err.at(-1)).toBe(`${join(root, 'missing.json')}: fixture file not found`);
  });
});
