import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { testEnvironment } from '../support/context';
import { docker, freePort, removeStack } from '../support/docker-cli';

async function answer(url: string): Promise<string> {
  try {
    return await (await fetch(url, { signal: AbortSignal.timeout(2_000) })).text();
  } catch {
    return 'unreachable';
  }
}

describe('a one-service stack on the swarm', () => {
  const env = testEnvironment();
  const stack = `clairtest${Date.now().toString(36)}`;
  afterAll(() => removeStack(env.DOCKER_HOST, stack));

  it('deploys from the offline Node image, answers on a host-mode port, and is removed', async () => {
    const port = await freePort();
    // What this machine allows (no IPVS): dnsrr instead of a VIP, a host-mode port instead of ingress.
    const compose = {
      version: '3.8',
      services: {
        hello: {
          image: env.CLAIR_IMAGE_NODE,
          command: ['node', '-e', "require('http').createServer((q, s) => s.end('hello from the swarm')).listen(8080)"],
          init: true,
          ports: [{ target: 8080, published: port, protocol: 'tcp', mode: 'host' }],
          deploy: { endpoint_mode: 'dnsrr', replicas: 1 },
        },
      },
    };
    const file = join(await mkdtemp(join(tmpdir(), 'clair-stack-')), 'stack.yml');
    await writeFile(file, stringify(compose));

    await docker(env.DOCKER_HOST, ['stack', 'deploy', '--resolve-image', 'never', '-c', file, stack]);
    const url = `http://127.0.0.1:${port}/`;
    await expect.poll(() => answer(url), { timeout: 90_000, interval: 500 }).toBe('hello from the swarm');
    expect(
      await docker(env.DOCKER_HOST, ['service', 'ls', '--format', '{{.Name}}', '--filter', `name=${stack}_`]),
    ).toBe(`${stack}_hello`);

    await removeStack(env.DOCKER_HOST, stack);
    expect(await docker(env.DOCKER_HOST, ['stack', 'ls', '--format', '{{.Name}}'])).not.toContain(stack);
    await expect.poll(() => answer(url), { timeout: 30_000, interval: 500 }).toBe('unreachable');
  });
});
