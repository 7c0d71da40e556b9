import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase, type ScratchDatabase } from '../../../tests/support/scratch-database';
import { Workspace } from '../workspace/workspace';
import { connectDatabase } from './connect-database';

const root = resolve(import.meta.dirname, '../../..');
let scratch: ScratchDatabase;
let workspace: Workspace;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  workspace = new Workspace({
    root,
    env: { ...process.env, CLAIR_STATE_DIR: mkdtempSync(join(tmpdir(), 'dbconn-state-')) },
    environmentsDir: mkdtempSync(join(tmpdir(), 'dbconn-envs-')),
  });
  const setup = await connectDatabase(workspace, { connectionString: scratch.url }, { readOnly: false });
  await setup.pool.query('CREATE TABLE notes (id serial PRIMARY KEY, body text)');
  await setup.close();
});

afterAll(async () => {
  await workspace.dispose();
  await scratch.drop();
});

describe('connectDatabase with a connection string', () => {
  it('reads and writes when not read-only, and labels the target without its password', async () => {
    const connection = await connectDatabase(workspace, { connectionString: scratch.url }, { readOnly: false });
    try {
      expect(connection.readOnly).toBe(false);
      const password = decodeURIComponent(new URL(scratch.url).password);
      expect(connection.label).toContain(new URL(scratch.url).pathname.slice(1));
      expect(connection.label).not.toContain(password);
      await connection.pool.query(`INSERT INTO notes (body) VALUES ('written')`);
      const { rows } = await connection.pool.query<{ body: string }>('SELECT body FROM notes');
      expect(rows.map((row) => row.body)).toContain('written');
    } finally {
      await connection.close();
    }
  });

  it('is refused writes by PostgreSQL itself when read-only, on every client of the pool', async () => {
    const connection = await connectDatabase(workspace, { connectionString: scratch.url }, { readOnly: true });
    try {
      expect(connection.readOnly).toBe(true);
      const clients = await Promise.all([connection.pool.connect(), connection.pool.connect()]);
      for (const client of clients) {
        await expect(client.query(`INSERT INTO notes (body) VALUES ('refused')`)).rejects.toThrow(
          /read-only transaction/,
        );
        client.release();
      }
      const { rows } = await connection.pool.query('SELECT count(*)::int AS n FROM notes WHERE body = $1', ['refused']);
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await connection.close();
    }
  });

  it('names a malformed connection string without echoing it', async () => {
    const attempt = connectDatabase(workspace, { connectionString: 'mysql://u:hunter2@h/db' }, { readOnly: true });
    await expect(attempt).rejects.toThrow(/does not hold a postgres:\/\//);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('fails with the target and the reason, never the password, when the server refuses', async () => {
    const url = new URL(scratch.url);
    url.password = 'wrong-secret-password';
    const attempt = connectDatabase(workspace, { connectionString: url.toString() }, { readOnly: true });
    await expect(attempt).rejects.toThrow(new RegExp(`Cannot connect to .*${url.pathname.slice(1)}`));
    await expect(attempt).rejects.not.toThrow(/wrong-secret-password/);
  });
});
