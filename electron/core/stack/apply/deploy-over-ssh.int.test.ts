import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../../tests/support/context';
import { docker as dockerCli, freePort } from '../../../../tests/support/docker-cli';
import { dockerFor } from '../../contexts/docker-for';
import { SshConnectionPool } from '../../contexts/ssh-connection-pool';
import { Journal } from '../journal/journal';
import { plan } from '../plan/plan';
import { removeStack } from '../remove/remove-stack';
import { engStackName, removeTestVolumes, testStack } from '../swarm/test-stack';
import { deploy } from './deploy';

/**
 * The engine over an SSH context (issue 6, point 8): the same deploy, no-op plan and removal as
 * on the local socket, with every Docker call carried by one pooled SSH connection to the test
 * sshd, whose host key is checked against known_hosts.
 */
describe('deploying over an SSH docker context', () => {
  const env = testEnvironment();
  const stack = engStackName('ssh');
  const pool = new SshConnectionPool({
    identityFile: env.CLAIR_SSH_KEY,
    knownHostsPath: env.CLAIR_SSH_KNOWN_HOSTS,
    agentSocket: null,
  });
  const context = {
    name: 'test-ssh',
    host: `ssh://${env.CLAIR_SSH_USER}@${env.CLAIR_SSH_HOST}:${env.CLAIR_SSH_PORT}`,
    tls: {},
    skipTLSVerify: false,
  };
  let journal: Journal;
  let model: ReturnType<typeof testStack>;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eng-ssh-'));
    const files = { secretFile: join(dir, 'token'), configFile: join(dir, 'site.txt'), webPort: await freePort() };
    await writeFile(files.secretFile, 'ssh token');
    await writeFile(files.configFile, 'site');
    journal = new Journal(join(dir, 'journal'));
    model = testStack(files);
  });
  afterAll(async () => {
    const docker = await dockerFor(context, { pool });
    await removeStack(docker, stack);
    await removeTestVolumes(docker, stack);
    await pool.dispose();
  });

  it('converges, plans nothing more, and removes the stack, all through one SSH connection', async () => {
    const docker = await dockerFor(context, { pool });
    const result = await deploy({ docker, stack, model, environment: 'ssh-test', journal, timeoutMs: 90_000 });
    expect(result.converged).toMatchObject({ ok: true });
    // The daemon behind the SSH endpoint is the local one: the docker CLI sees the stack there.
    expect(await dockerCli(env.DOCKER_HOST, ['stack', 'ls', '--format', '{{.Name}}'])).toContain(stack);

    const again = await plan(model, stack, docker);
    expect(again.noChanges).toBe(true);

    const removed = await removeStack(docker, stack);
    expect(removed.services.sort()).toEqual([`${stack}_cache`, `${stack}_web`]);
    expect(await dockerCli(env.DOCKER_HOST, ['stack', 'ls', '--format', '{{.Name}}'])).not.toContain(stack);
    expect(pool.stats.connectionsOpened).toBe(1);
  });
});
