import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort } from '../../tests/support/docker-cli';
import { testEnvironment } from '../../tests/support/context';
import { removeStack } from '../core/stack/remove/remove-stack';
import { readLiveStack } from '../core/stack/swarm/live-stack';
import { clairctl } from './clairctl-harness';

const base = `
services:
  cache:
    image: clair/redis:7
    healthcheck: { test: [CMD, redis-cli, ping], interval: 1s, timeout: 1s, retries: 3 }
    networks: [back]
    secrets: [token]
    stop_grace_period: 2s
    deploy: { endpoint_mode: dnsrr, update_config: { monitor: 1s, order: stop-first, failure_action: rollback } }
  web:
    image: clair/nginx:1.22
    environment:
      GREETING: \${GREETING:-hello}
    depends_on: [cache]
    healthcheck: { test: [CMD-SHELL, test -e /run/nginx.pid], interval: 1s, timeout: 1s, retries: 3 }
    networks: [back]
    stop_grace_period: 2s
    deploy: { endpoint_mode: dnsrr, update_config: { monitor: 1s, order: stop-first, failure_action: rollback } }
networks:
  back: { driver: overlay }
secrets:
  token: { file: ./secrets/token }
`;

/** The extension, named by the environment's DOCKER_STACK_DEPLOY_ARGS as the real ones are. */
const webPorts = `
services:
  web:
    ports:
      - { target: 80, published: "\${WEB_PORT}", protocol: tcp, mode: host }
`;

/** A production-class environment on the local engine: every change asks for its name. */
describe('clairctl on the real swarm', () => {
  const env = testEnvironment();
  const docker = new Docker({ socketPath: env.DOCKER_HOST.replace(/^unix:\/\//, '') });
  const stack = `cli${Date.now().toString(36)}`;
  let root: string;
  let envFile: string;
  let ioEnv: NodeJS.ProcessEnv;
  const run = (args: string[], input: { answers?: string[]; signal?: AbortSignal; onOut?: (l: string) => void } = {}) =>
    clairctl([envFile, '--root', root, ...args], { env: ioEnv, ...input });
  const serviceVersions = async () =>
    (await readLiveStack(docker, stack)).services.map((service) => `${service.name}@${service.version}`).sort();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'clairctl-int-'));
    await mkdir(join(root, 'stack-templates', 'secrets'), { recursive: true });
    await mkdir(join(root, 'environments'));
    await writeFile(join(root, 'stack-templates', 'docker-compose.yml'), base);
    await writeFile(join(root, 'stack-templates', 'docker-compose.web.yml'), webPorts);
    await writeFile(join(root, 'stack-templates', 'secrets', 'token'), 'very secret token');
    envFile = join(root, 'environments', 'cliprod.env');
    await writeFile(
      envFile,
      [
        'DOCKER_CONTEXT=default',
        'CLAIR_DOMAIN=cli.localhost',
        'DOCKER_STACK_DEPLOY_ARGS=-c stack-templates/docker-compose.web.yml',
        'CLAIR_ENVIRONMENT_CLASS=production',
        'CLAIR_ALLOW_LOCAL_CONTEXT=true',
        `CLAIR_STACK_NAME=${stack}`,
        `WEB_PORT=${await freePort()}`,
        '',
      ].join('\n'),
    );
    ioEnv = { DOCKER_HOST: env.DOCKER_HOST, CLAIR_STATE_DIR: join(root, 'state'), DOCKER_CONFIG: join(root, 'docker') };
  });
  afterAll(async () => {
    await removeStack(docker, stack);
    await rm(root, { recursive: true, force: true });
  });

  it('asks before even planning a production environment', async () => {
    const piped = await run(['plan']);
    expect(piped.code).toBe(1);
    expect(piped.out).toEqual([]);
  });

  it('plans the whole stack, showing secrets by name only', async () => {
    const { code, out, err } = await run(['-y', 'plan']);
    expect(code, err.join('\n')).toBe(0);
    expect(out).toEqual([
      `Stack ${stack}:`,
      '+ create service cache',
      '+ create service web',
      expect.stringMatching(new RegExp(`^\\+ create secret ${stack}_token_[0-9a-f]{12}$`)),
      `+ create network ${stack}_back`,
    ]);
    expect(JSON.stringify(out)).not.toContain('very secret token');
  });

  it('refuses to deploy a production environment without confirmation, and changes nothing', async () => {
    const piped = await run(['deploy']);
    expect(piped.code).toBe(1);
    expect(piped.err.at(-1)).toMatch(/deploy acts on a production environment, and stdin is not a terminal.*Pass -y/);

    const wrong = await run(['deploy'], { answers: ['yes'] });
    expect(wrong.code).toBe(1);
    expect(wrong.asked).toEqual([
      "This needs confirmation because deploy acts on a production environment. Type the environment's name (cliprod) to proceed: ",
    ]);
    expect(wrong.err.at(-1)).toBe('Not confirmed (expected "cliprod"). Nothing was changed.');
    expect(await serviceVersions()).toEqual([]);
  });

  it('deploys with the name typed, printing the progress until every service converged', async () => {
    const { code, out, err } = await run(['deploy'], { answers: ['cliprod'] });
    expect(code, err.join('\n')).toBe(0);
    expect(err).toContain(`created network ${stack}_back`);
    expect(err).toContain(`  ${stack}_cache: converged`);
    expect(err).toContain(`  ${stack}_web: converged`);
    expect(out.at(-1)).toBe(`Deployed stack ${stack} as revision 1: every service runs.`);
  });

  it('says "No changes." on a second deploy and touches no service', async () => {
    const before = await serviceVersions();
    const { code, out, err } = await run(['deploy']);
    expect(code, [...out, ...err].join('\n')).toBe(0);
    expect(out).toEqual(['No changes.', 'Nothing to deploy; recorded as revision 2.']);
    expect(await serviceVersions()).toEqual(before);
  });

  it('plans and deploys a changed variable, then rolls back to revision 1', async () => {
    await appendFile(envFile, 'GREETING=bonjour\n');
    const planned = await run(['-y', 'plan']);
    expect(planned.out).toEqual([
      `Stack ${stack}:`,
      '~ update service web (restarts its tasks)',
      '      env GREETING: "hello" → "bonjour"',
      '  unchanged: cache',
    ]);
    expect((await run(['-y', 'deploy'])).code).toBe(0);

    const rolledBack = await run(['rollback', '1', '-y']);
    expect(rolledBack.code, rolledBack.err.join('\n')).toBe(0);
    expect(rolledBack.out).toContain('      env GREETING: "bonjour" → "hello"');
    expect(rolledBack.out.at(-1)).toBe(`Deployed stack ${stack} as revision 4: every service runs.`);
  });

  it('lists the journal', async () => {
    const { code, out } = await run(['-y', 'history']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^REVISION +DEPLOYED AT +BY +ENVIRONMENT +RESULT$/);
    expect(out.slice(1).map((line) => line.split(/ +/).at(-1))).toEqual([
      'converged',
      'no-changes',
      'converged',
      'converged',
    ]);
    expect(out[1]).toMatch(/^1 +\d{4}-\d\d-\d\dT\S+ +\S+ +cliprod +converged$/);
  });

  it('follows the logs of services, each line prefixed with its service', async () => {
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 30_000);
    const { code, out } = await run(['-y', 'logs', 'cache', 'web'], {
      signal: stop.signal,
      onOut: (line) => /^cache \| .*Ready to accept connections/.test(line) && stop.abort(),
    });
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(out.some((line) => /^cache \| .*Ready to accept connections/.test(line))).toBe(true);
  });

  it('names the services there are when asked for logs of one that is not', async () => {
    const { code, err } = await run(['-y', 'logs', 'nginx']);
    expect(code).toBe(2);
    expect(err.at(-1)).toBe(`No service nginx in stack ${stack}; its services: cache, web`);
  });

  it('removes the stack, confirmed with -y, and waits until it is gone', async () => {
    const { code, out } = await run(['rm', '-y']);
    expect(code).toBe(0);
    expect(out[0]).toBe(`Removes stack ${stack}:`);
    expect(out.at(-1)).toBe(`Removed stack ${stack}.`);
    expect(await readLiveStack(docker, stack)).toMatchObject({ services: [], networks: [], secrets: [] });
    expect((await run(['rm'])).out).toEqual([`Stack ${stack} is not deployed.`]);
  });
});
