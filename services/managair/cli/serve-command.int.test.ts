import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort } from '../../../tests/support/docker-cli';
import { pendingMigrations } from '../../database/migrate';
import { createTestDatabase, fixtureNodes, type TestDatabase } from '../test-database';

const root = resolve(import.meta.dirname, '../../..');
const token = 'serve-test-token-0123456789abcdef';

interface Served {
  child: ChildProcess;
  base: string;
  output: () => string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** `managair serve` as the image runs it, secrets in files, in a process of its own. */
async function serve(testDb: TestDatabase, args: string[], env: Record<string, string>): Promise<Served> {
  const secrets = await mkdtemp(join(tmpdir(), 'clair-serve-'));
  await writeFile(join(secrets, 'database_url'), `${testDb.url}\n`);
  await writeFile(join(secrets, 'ingest_token'), `${token}\n`);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/managair/main.ts', 'serve', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL_FILE: join(secrets, 'database_url'),
      INGEST_TOKEN_FILE: join(secrets, 'ingest_token'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`managair serve exited with ${child.exitCode}:\n${output}`);
    const health = await fetch(`${base}/health`).catch(() => undefined);
    if (health?.status === 200) return { child, base, output: () => output };
    await sleep(100);
  }
  throw new Error(`managair serve was not healthy after 30 s:\n${output}`);
}

async function stop(served: Served): Promise<number | null> {
  served.child.kill('SIGTERM');
  const [code] = (await once(served.child, 'exit')) as [number | null];
  return code;
}

describe('managair serve', () => {
  it('--mode api migrates a new database, serves /health, and stops cleanly on SIGTERM', async () => {
    const testDb = await createTestDatabase({ migrated: false });
    cleanups.push(() => testDb.drop());
    const served = await serve(testDb, ['--mode', 'api'], {});
    expect(await pendingMigrations(testDb.database.db)).toEqual([]);
    expect((await fetch(`${served.base}/ingest/v1/ingest/`, { method: 'POST' })).status).toBe(404);

    expect(await stop(served)).toBe(0);
    expect(served.output()).toContain(
      'Schema is current (applied 0001-initial-schema, 0002-accounts, 0003-sample-hours)',
    );
    expect(served.output()).toContain('SIGTERM received, shutting down');
  });

  it('MANAGAIR_MODE=ingest takes samples over HTTP with the token from its secret file', async () => {
    const testDb = await createTestDatabase();
    cleanups.push(() => testDb.drop());
    const served = await serve(testDb, [], { MANAGAIR_MODE: 'ingest' });
    const sample = {
      data: {
        type: 'Sample',
        attributes: { timestamp_s: 1632220557, co2_ppm: 711, temperature_celsius: 20.5, rel_humidity_percent: 80 },
        relationships: { node: { data: { type: 'Node', id: fixtureNodes[0] } } },
      },
    };
    const send = (authorization: string) =>
      fetch(`${served.base}/ingest/v1/ingest/`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json', authorization },
        body: JSON.stringify(sample),
      });
    expect((await send('Bearer not-the-token')).status).toBe(401);
    expect((await send(`Bearer ${token}`)).status).toBe(201);
    expect((await send(`Bearer ${token}`)).status).toBe(200);

    expect(await stop(served)).toBe(0);
    const output = served.output();
    expect(output).toContain('managair serving in ingest mode');
    expect(output).not.toContain(token);
    expect(output).not.toContain(new URL(testDb.url).password);
  });
});
