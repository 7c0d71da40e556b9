import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import { type ContextConnection, contract, type ErrorData, type Result } from '../../contract';
import type { Core } from '../handlers';
import { createTestCore } from '../test-core';

/** The contexts channels through the dispatcher, as the screen calls them, with a docker config and HOME of their own. */
describe('contexts handlers against the test sshd', () => {
  const env = testEnvironment();
  const port = Number(env.CLAIR_SSH_PORT);
  let core: Core;
  let home: string;
  let wrongKey: string;
  let environmentsDir: string;

  type Name = keyof typeof contract.contexts;
  const invoke = async <T>(name: Name, payload?: unknown): Promise<Result<T>> =>
    (await core.dispatcher.invoke(contract.contexts[name].id, payload)) as Result<T>;
  const ok = async <T>(name: Name, payload?: unknown): Promise<T> => {
    const result = await invoke<T>(name, payload);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.result;
  };
  const sshEndpoint = (identityFile: string) => ({
    kind: 'ssh',
    user: env.CLAIR_SSH_USER,
    host: env.CLAIR_SSH_HOST,
    port,
    auth: { method: 'identity-file', identityFile },
  });

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'envh-contexts-'));
    home = join(dir, 'home');
    environmentsDir = join(dir, 'environments');
    await mkdir(environmentsDir);
    wrongKey = join(dir, 'wrong_ed25519');
    await writeFile(wrongKey, utils.generateKeyPairSync('ed25519').private, { mode: 0o600 });
    core = createTestCore({
      environmentsDir,
      env: { DOCKER_CONFIG: join(dir, 'docker'), HOME: home, SSH_AUTH_SOCK: '' },
    });
  });
  afterAll(() => core?.dispose());

  it('adds an SSH context, reports the unknown host key, trusts it, then reaches the swarm', async () => {
    const saved = await ok<{ name: string; host: string }>('save', {
      name: 'envh-ssh',
      endpoint: sshEndpoint(env.CLAIR_SSH_KEY),
    });
    expect(saved.host).toBe(`ssh://${env.CLAIR_SSH_USER}@${env.CLAIR_SSH_HOST}:${port}`);
    const listed = await ok<{ name: string; endpoint?: unknown }[]>('list');
    expect(listed.find((c) => c.name === 'envh-ssh')?.endpoint).toEqual(sshEndpoint(env.CLAIR_SSH_KEY));

    const first = await ok<ContextConnection>('check', { name: 'envh-ssh' });
    expect(first.state).toBe('unreachable');
    if (first.state !== 'unreachable') return;
    expect(first.failure).toBe('host-key-unknown');
    expect(first.hostKey?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(first.hostKey?.type).toMatch(/^(ssh-|ecdsa-)/);

    await ok('trustHostKey', {
      host: first.hostKey!.host,
      port: first.hostKey!.port,
      publicKey: first.hostKey!.publicKey,
    });
    const second = await ok<ContextConnection>('check', { name: 'envh-ssh' });
    expect(second).toMatchObject({ state: 'reachable', swarmRole: 'manager' });
    if (second.state === 'reachable') expect(second.nodeCount).toBeGreaterThanOrEqual(1);
  });

  it("reaches an environment's engine through its context with the key saved for that context", async () => {
    await ok('save', { name: 'envh-wrong', endpoint: sshEndpoint(wrongKey) });
    await writeFile(
      join(environmentsDir, 'envh-remote.env'),
      'CLAIR_ENVIRONMENT_CLASS=development\nDOCKER_CONTEXT=envh-ssh\n',
    );
    await writeFile(
      join(environmentsDir, 'envh-wrong.env'),
      'CLAIR_ENVIRONMENT_CLASS=development\nDOCKER_CONTEXT=envh-wrong\n',
    );

    const remote = await core.workspace.open('envh-remote');
    const docker = await core.workspace.docker(remote.environment);
    expect(((await docker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState).toBe('active');

    const wrong = await core.workspace.open('envh-wrong');
    await expect(core.workspace.docker(wrong.environment)).rejects.toThrow(/refused the SSH login/);
    await ok('remove', { name: 'envh-wrong' });
  });

  it('refuses a key the server does not authorise, in words with the next step', async () => {
    const tested = await ok<ContextConnection>('test', { endpoint: sshEndpoint(wrongKey) });
    expect(tested).toMatchObject({ state: 'unreachable', failure: 'auth-failed' });
    if (tested.state === 'unreachable') {
      expect(tested.message).toContain('refused the SSH login');
      expect(tested.message).toContain('Choose another key file or the ssh-agent');
      expect(tested.message).not.toContain('PRIVATE KEY');
    }
  });

  it('refuses a changed host key as a possible man-in-the-middle and will not trust it', async () => {
    const impostor = utils.generateKeyPairSync('ed25519').public;
    const original = await ok<ContextConnection>('test', { endpoint: sshEndpoint(env.CLAIR_SSH_KEY) });
    expect(original.state).toBe('reachable');
    // The same server name listed with another key of its type: what a changed key looks like.
    const knownHosts = join(home, '.ssh', 'known_hosts');
    await writeFile(knownHosts, `[${env.CLAIR_SSH_HOST}]:${port} ${impostor}\n`);

    const changed = await ok<ContextConnection>('check', { name: 'envh-ssh' });
    expect(changed).toMatchObject({ state: 'unreachable', failure: 'host-key-changed' });
    if (changed.state !== 'unreachable') return;
    expect(changed.message).toContain('man-in-the-middle');
    const trusted = await invoke('trustHostKey', {
      host: changed.hostKey!.host,
      port: changed.hostKey!.port,
      publicKey: changed.hostKey!.publicKey,
    });
    expect(trusted.ok).toBe(false);
    expect((trusted as { error: ErrorData }).error.message).toContain('HAS CHANGED');
  });

  it('removes a context and says so when it is gone', async () => {
    await ok('remove', { name: 'envh-ssh' });
    const listed = await ok<{ name: string }[]>('list');
    expect(listed.map((c) => c.name)).toEqual(['default']);
    const again = await invoke('check', { name: 'envh-ssh' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
