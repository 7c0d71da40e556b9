import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import Docker from 'dockerode';
import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import { freePort } from '../../../tests/support/docker-cli';
import { ContextError } from './context-error';
import { dockerFor } from './docker-for';
import { hostKeyOf, trustHostKey } from './known-hosts';
import { SshConnectionPool, type SshOptions } from './ssh-connection-pool';

const run = promisify(execFile);
/** The engine's answer to a ping: `OK`. */
const pong = async (docker: Docker): Promise<string> => String(await docker.ping());

describe('dockerFor', () => {
  const env = testEnvironment();
  const sshHost = `ssh://${env.CLAIR_SSH_USER}@${env.CLAIR_SSH_HOST}:${env.CLAIR_SSH_PORT}`;
  const port = Number(env.CLAIR_SSH_PORT);
  const context = (host: string) => ({ name: 'test', host, tls: {}, skipTLSVerify: false });
  const local = new Docker({ socketPath: env.DOCKER_HOST.replace(/^unix:\/\//, '') });
  const pools: SshConnectionPool[] = [];
  let dir: string;

  /** A pool with the test key and known_hosts unless a test says otherwise; no ssh-agent. */
  const poolWith = (options: SshOptions = {}) => {
    const pool = new SshConnectionPool({
      identityFile: env.CLAIR_SSH_KEY,
      knownHostsPath: env.CLAIR_SSH_KNOWN_HOSTS,
      agentSocket: null,
      ...options,
    });
    pools.push(pool);
    return pool;
  };

  /** How the connection attempt failed; fails the test if it did not. */
  const failure = async (attempt: Promise<unknown>): Promise<ContextError> => {
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContextError);
    return error as ContextError;
  };

  /** Established TCP connections from this process to the test sshd, as the kernel sees them. */
  const sshConnectionsOfThisProcess = async (): Promise<number> => {
    const { stdout } = await run('ss', ['-tnpH', 'state', 'established', `( dport = :${port} )`]);
    return stdout.split('\n').filter((line) => line.includes(`pid=${process.pid},`)).length;
  };

  const serverKey = async () => {
    const parsed = utils.parseKey(await readFile('/var/tmp/clair-env/ssh/host_ed25519.pub', 'utf8'));
    if (parsed instanceof Error) throw parsed;
    return hostKeyOf(parsed.getPublicSSH());
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clair-docker-for-'));
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.dispose()));
    await rm(dir, { recursive: true, force: true });
  });

  it('reaches the local engine through its socket', async () => {
    const docker = await dockerFor(context(env.DOCKER_HOST));
    expect((await docker.version()).Version).toBe((await local.version()).Version);
  });

  it('says when there is no socket', async () => {
    const error = await failure(dockerFor(context(`unix://${join(dir, 'no-docker.sock')}`)));
    expect(error.failure).toBe('socket-missing');
    expect(error.message).toMatch(/no Docker socket at .*no-docker.sock/);
  });

  it('reaches an engine over TCP, and says when nothing listens there', async () => {
    const relay = createServer((client) => {
      const engine = createConnection(env.DOCKER_HOST.replace(/^unix:\/\//, ''));
      client.pipe(engine).pipe(client);
      engine.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const docker = await dockerFor(context(`tcp://127.0.0.1:${(relay.address() as { port: number }).port}`));
      const info = (await docker.info()) as { Swarm: { LocalNodeState: string } };
      expect(info.Swarm.LocalNodeState).toBe('active');
    } finally {
      await new Promise((resolve) => relay.close(resolve));
    }
    const refused = await failure(dockerFor(context(`tcp://127.0.0.1:${await freePort()}`)));
    expect(refused.failure).toBe('unreachable');
  });

  it('talks to the swarm over SSH: version, services, the same as through the socket', async () => {
    const docker = await dockerFor(context(sshHost), { pool: poolWith() });
    expect((await docker.version()).Version).toBe((await local.version()).Version);
    const overSsh = (await docker.listServices()).map((s) => s.ID).sort();
    const direct = (await local.listServices()).map((s) => s.ID).sort();
    expect(overSsh).toEqual(direct);
  });

  it('runs many concurrent requests over one SSH connection, and closes it on dispose', async () => {
    const before = await sshConnectionsOfThisProcess();
    const pool = poolWith();
    const [first, second] = [await dockerFor(context(sshHost), { pool }), await dockerFor(context(sshHost), { pool })];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? first.listServices() : second.version())),
    );
    expect(answers).toHaveLength(30);
    expect(pool.stats.connectionsOpened).toBe(1);
    expect(pool.stats.channelsOpened).toBeLessThanOrEqual(8);
    expect(await sshConnectionsOfThisProcess()).toBe(before + 1);

    await pool.dispose();
    expect(pool.stats.open).toBe(0);
    expect(await sshConnectionsOfThisProcess()).toBe(before);
  });

  it('opens a new SSH connection on the next request when the old one dropped', async () => {
    const pool = poolWith();
    const docker = await dockerFor(context(sshHost), { pool });
    const client = await pool.connect({ kind: 'ssh', user: env.CLAIR_SSH_USER, host: env.CLAIR_SSH_HOST, port });
    await new Promise<void>((resolve) => {
      client.once('close', () => resolve());
      client.end();
    });
    expect(await pong(docker)).toBe('OK');
    expect(pool.stats).toMatchObject({ connectionsOpened: 2, open: 1 });
  });

  it('refuses an unknown host key with its fingerprint, and connects once it is trusted', async () => {
    const knownHostsPath = join(dir, 'known_hosts_empty');
    const refused = await failure(dockerFor(context(sshHost), { pool: poolWith({ knownHostsPath }) }));
    const expected = await serverKey();
    expect(refused.failure).toBe('host-key-unknown');
    expect(refused.hostKey).toEqual({ host: env.CLAIR_SSH_HOST, port, ...expected });
    expect(refused.message).toContain(`ssh-ed25519 ${expected.fingerprint}`);
    const { stdout } = await run('ssh-keygen', ['-lf', '/var/tmp/clair-env/ssh/host_ed25519.pub']);
    expect(stdout).toContain(refused.hostKey?.fingerprint);

    await trustHostKey(env.CLAIR_SSH_HOST, port, refused.hostKey?.publicKey ?? '', { knownHostsPath });
    const docker = await dockerFor(context(sshHost), { pool: poolWith({ knownHostsPath }) });
    expect(await pong(docker)).toBe('OK');
  });

  it('refuses a changed host key loudly, and will not trust it', async () => {
    const knownHostsPath = join(dir, 'known_hosts_changed');
    const impostor = utils.generateKeyPairSync('ed25519').public.split(' ').slice(0, 2).join(' ');
    const text = `[${env.CLAIR_SSH_HOST}]:${port} ${impostor}\n`;
    await writeFile(knownHostsPath, text);

    const refused = await failure(dockerFor(context(sshHost), { pool: poolWith({ knownHostsPath }) }));
    expect(refused.failure).toBe('host-key-changed');
    expect(refused.message).toMatch(/HAS CHANGED.*man-in-the-middle/);
    expect(refused.message).toContain((await serverKey()).fingerprint);
    const notTrusted = await failure(
      trustHostKey(env.CLAIR_SSH_HOST, port, refused.hostKey?.publicKey ?? '', { knownHostsPath }),
    );
    expect(notTrusted.failure).toBe('host-key-changed');
    expect(await readFile(knownHostsPath, 'utf8')).toBe(text);
  });

  it('says the login was refused when the key is not authorised', async () => {
    const identityFile = join(dir, 'stranger_ed25519');
    await writeFile(identityFile, utils.generateKeyPairSync('ed25519').private, { mode: 0o600 });
    const refused = await failure(dockerFor(context(sshHost), { pool: poolWith({ identityFile }) }));
    expect(refused.failure).toBe('auth-failed');
    expect(refused.message).toContain(`the key ${identityFile} is not authorised for user root`);
  });

  it('logs in with the keys of ssh-agent', async () => {
    const agentSocket = join(dir, 'agent.sock');
    const { stdout } = await run('ssh-agent', ['-s', '-a', agentSocket]);
    const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(stdout)?.[1]);
    try {
      const key = join(dir, 'agent_key');
      await copyFile(env.CLAIR_SSH_KEY, key);
      await run('ssh-add', [key], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
      const pool = poolWith({ identityFile: undefined, agentSocket });
      expect(await pong(await dockerFor(context(sshHost), { pool }))).toBe('OK');
    } finally {
      process.kill(agentPid);
    }
  });

  it('says when nothing listens on the port, and when the server never answers', async () => {
    const refused = await failure(dockerFor(context(`ssh://root@127.0.0.1:${await freePort()}`), { pool: poolWith() }));
    expect(refused.failure).toBe('unreachable');
    expect(refused.message).toMatch(/connection refused/);

    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const silentPort = (silent.address() as { port: number }).port;
      const pool = poolWith({ connectTimeoutMs: 1500 });
      const timedOut = await failure(dockerFor(context(`ssh://root@127.0.0.1:${silentPort}`), { pool }));
      expect(timedOut.failure).toBe('timeout');
      expect(timedOut.message).toMatch(/did not answer the SSH handshake within 2 s/);
    } finally {
      silent.close();
    }
  });

  it('says when the remote has no docker command, or dial-stdio fails there', async () => {
    const noCli = await failure(
      dockerFor(context(sshHost), { pool: poolWith({ dialCommand: 'clair-no-such-docker system dial-stdio' }) }),
    );
    expect(noCli.failure).toBe('no-docker-cli');
    expect(noCli.message).toMatch(/no docker command there \(.*clair-no-such-docker.*not found/);

    const dialFails = 'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock" >&2; exit 1';
    const failed = await failure(dockerFor(context(sshHost), { pool: poolWith({ dialCommand: dialFails }) }));
    expect(failed.failure).toBe('dial-stdio-failed');
    expect(failed.message).toContain('(exit code 1): Cannot connect to the Docker daemon');
  });
});
