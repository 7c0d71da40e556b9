import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import { docker } from '../../../tests/support/docker-cli';
import { type DbOnlyStack, deployDbOnlyStack } from '../../../tests/support/db-only-stack';
import { Workspace } from '../workspace/workspace';
import { connectDatabase } from './connect-database';
import { createFileSecretStore } from '../secrets/file-secret-store';
import { DatabaseSessions, type SessionStatus } from './database-sessions';
import { SavedConnections } from './saved-connections';

const env = testEnvironment();
const root = resolve(import.meta.dirname, '../../..');
let deployed: DbOnlyStack;
let stack: string;
let dir: string;
let password: string;
let workspace: Workspace;
let savedConnections: SavedConnections;
const runningContainer = () => deployed.healthyContainer();

beforeAll(async () => {
  deployed = await deployDbOnlyStack({
    dockerHost: env.DOCKER_HOST,
    postgresImage: env.CLAIR_IMAGE_POSTGRES,
    prefix: 'dbconn',
  });
  ({ stack, dir, password } = deployed);
  await deployed.writeEnvironment('dbconnprod', 'production');
  await deployed.writeEnvironment('dbconndev', 'development');
  workspace = new Workspace({
    root,
    env: {
      ...process.env,
      DOCKER_HOST: env.DOCKER_HOST,
      CLAIR_STATE_DIR: await mkdtemp(join(tmpdir(), 'dbconn-state-')),
    },
    environmentsDir: dir,
  });
  savedConnections = new SavedConnections(createFileSecretStore(join(workspace.stateDir, 'secrets.json')));
});

afterAll(async () => {
  await workspace?.dispose();
  await deployed?.remove();
});

describe('connecting to the db service of a deployed stack through docker exec', () => {
  it('publishes no port, reads and writes through the bridge, and labels without the password', async () => {
    const ports = await docker(env.DOCKER_HOST, [
      'service',
      'inspect',
      `${stack}_db`,
      '--format',
      '{{json .Endpoint.Ports}}',
    ]);
    expect(ports).toMatch(/^(null|\[\])$/);

    const connection = await connectDatabase(workspace, { environment: 'dbconndev' }, { readOnly: false });
    try {
      expect(connection.label).toContain(`${stack}_db`);
      expect(connection.label).not.toContain(password);
      await connection.pool.query('CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text)');
      // Several connections at once, each its own exec, and a result larger than one frame.
      await Promise.all(
        [1, 2, 3, 4].map((n) => connection.pool.query('INSERT INTO notes (body) VALUES ($1)', [`note ${n}`])),
      );
      const { rows } = await connection.pool.query<{ n: number; big: string }>(
        `SELECT count(*)::int AS n, repeat('x', 300000) AS big FROM notes`,
      );
      expect(rows[0]!.n).toBeGreaterThanOrEqual(4);
      expect(rows[0]!.big).toHaveLength(300_000);
    } finally {
      await connection.close();
    }
    // Closing ends every exec: no bridge is left running in the container.
    await expect
      .poll(
        async () =>
          docker(env.DOCKER_HOST, ['exec', await runningContainer(), 'bash', '-c', 'pgrep -c -x cat || true']),
        {
          timeout: 30_000,
        },
      )
      .toBe('0');
  });

  it('names a wrong password without revealing it', async () => {
    await writeFile(join(dir, 'wrong_url'), 'postgres://clair:not-the-password@db:5432/clair\n');
    await writeFile(
      join(dir, 'dbconnwrong.env'),
      `DOCKER_CONTEXT=default\nCLAIR_ENVIRONMENT_CLASS=development\nCLAIR_STACK_NAME=${stack}\nDATABASE_URL_FILE=${join(dir, 'wrong_url')}\n`,
    );
    const attempt = connectDatabase(workspace, { environment: 'dbconnwrong' }, { readOnly: true });
    await expect(attempt).rejects.toThrow(/password authentication failed for user "clair"/);
    await expect(attempt).rejects.not.toThrow(/not-the-password/);
  });

  it('refuses writes on production until unlocked, and locks again when the unlock expires', async () => {
    const sessions = new DatabaseSessions(workspace, savedConnections);
    try {
      const session = await sessions.open({ environment: 'dbconnprod' });
      expect(session.readOnly).toBe(true);
      expect(await sessions.open({ environment: 'dbconnprod' })).toBe(session);
      const insert = (body: string) =>
        session.withClient((client) => client.query('INSERT INTO notes (body) VALUES ($1)', [body]), { retry: false });
      await expect(insert('refused')).rejects.toThrow(/read-only transaction/);
      // The user's SET cannot lift it inside a read-only transaction that has taken its snapshot.
      await expect(
        session.withClient(
          async (client) => {
            await client.query('BEGIN READ ONLY');
            await client.query('SELECT 1');
            try {
              await client.query('SET transaction_read_only = off');
            } finally {
              await client.query('ROLLBACK');
            }
          },
          { retry: false },
        ),
      ).rejects.toThrow(/read-write mode must be set before any query/);

      const changes: SessionStatus[] = [];
      session.onChange((status) => changes.push(status));
      await session.unlock(3_000);
      expect(session.readOnly).toBe(false);
      expect(session.status().unlockedUntil).toBeDefined();
      await insert('while unlocked');
      await expect.poll(() => session.readOnly, { timeout: 15_000 }).toBe(true);
      expect(changes.at(-1)).toMatchObject({ readOnly: true });
      expect(changes.at(-1)?.unlockedUntil).toBeUndefined();
      await expect(insert('after expiry')).rejects.toThrow(/read-only transaction/);
      const { rows } = await session.withClient((client) => client.query('SELECT body FROM notes'), { retry: true });
      expect(rows.map((row: { body: string }) => row.body)).toContain('while unlocked');
      expect(rows.map((row: { body: string }) => row.body)).not.toContain('after expiry');
    } finally {
      await sessions.dispose();
    }
  });

  it('notices a restart of the db task and reconnects on the next use', async () => {
    const sessions = new DatabaseSessions(workspace, savedConnections);
    try {
      const session = await sessions.open({ environment: 'dbconndev' });
      const startedAt = () =>
        session
          .withClient((client) => client.query<{ at: Date }>('SELECT pg_postmaster_start_time() AS at'), {
            retry: true,
          })
          .then(({ rows }) => rows[0]!.at.toISOString());
      const firstStart = await startedAt();
      const before = await runningContainer();
      const changes: SessionStatus[] = [];
      session.onChange((status) => changes.push(status));

      await docker(env.DOCKER_HOST, ['service', 'update', '--force', '--detach', `${stack}_db`]);
      await expect
        .poll(
          changes.map.bind(changes, (c) => c.state),
          { timeout: 60_000 },
        )
        .toContain('lost');
      await expect
        .poll(runningContainer, { timeout: 120_000, interval: 1_000 })
        .not.toMatch(new RegExp(`^(${before})?$`));
      await expect
        .poll(() => startedAt().catch((error: Error) => error.message), { timeout: 60_000, interval: 1_000 })
        .toMatch(/^\d{4}-/);
      expect(await startedAt()).not.toBe(firstStart);
      expect(session.status()).toMatchObject({ state: 'connected', notice: 'Reconnected' });
    } finally {
      await sessions.dispose();
    }
  });

  it('bridges through an SSH docker context as well', async () => {
    // A docker context over the test sshd, whose docker CLI reaches the same swarm.
    const home = await mkdtemp(join(tmpdir(), 'dbconn-home-'));
    await mkdir(join(home, '.ssh'));
    await copyFile(env.CLAIR_SSH_KNOWN_HOSTS, join(home, '.ssh', 'known_hosts'));
    // Without DOCKER_HOST, which would force the local engine.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DOCKER_HOST'));
    const sshEnv = { ...inherited, DOCKER_CONFIG: join(home, 'docker'), HOME: home, SSH_AUTH_SOCK: '' };
    await promisify(execFile)(
      'docker',
      [
        'context',
        'create',
        'dbconnssh',
        '--docker',
        `host=ssh://${env.CLAIR_SSH_USER}@${env.CLAIR_SSH_HOST}:${env.CLAIR_SSH_PORT}`,
      ],
      { env: sshEnv },
    );
    await writeFile(
      join(dir, 'dbconnssh.env'),
      `DOCKER_CONTEXT=dbconnssh\nCLAIR_ENVIRONMENT_CLASS=staging\nCLAIR_STACK_NAME=${stack}\nDATABASE_URL_FILE=${join(dir, 'database_url')}\n`,
    );
    const overSsh = new Workspace({
      root,
      env: { ...sshEnv, CLAIR_STATE_DIR: await mkdtemp(join(tmpdir(), 'dbconn-state-')) },
      environmentsDir: dir,
    });
    await overSsh.sshAuth.set('dbconnssh', { method: 'identity-file', identityFile: env.CLAIR_SSH_KEY });
    try {
      const connection = await connectDatabase(overSsh, { environment: 'dbconnssh' }, { readOnly: true });
      try {
        expect(connection.readOnly).toBe(true);
        const { rows } = await connection.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'clair-control-centre'`,
        );
        expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
        await expect(connection.pool.query('CREATE TABLE refused (id int)')).rejects.toThrow(/read-only transaction/);
      } finally {
        await connection.close();
      }
    } finally {
      await overSsh.dispose();
    }
  });
});
