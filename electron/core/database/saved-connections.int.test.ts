import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase, type ScratchDatabase } from '../../../tests/support/scratch-database';
import { contract, type Result, type SqlRunEvent } from '../../contract';
import type { Core } from '../handlers';
import { createTestCore, streamAnswer, streamToEnd } from '../test-core';

/** Plain connection strings saved from the Database screen, used by every database channel. */
let scratch: ScratchDatabase;
let core: Core;
let stateDir: string;

async function call<T>(channel: { id: string }, payload: unknown): Promise<T> {
  const result = (await core.dispatcher.invoke(channel.id, payload)) as Result<T>;
  if (!result.ok) {
    const { message, details, code } = result.error;
    throw Object.assign(new Error([message, ...(details ?? [])].join('; ')), { code });
  }
  return result.result;
}
const database = contract.database;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  await client.query(`CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);
    INSERT INTO notes (body) VALUES ('first'), ('second');`);
  await client.end();
  stateDir = mkdtempSync(join(tmpdir(), 'dbsaved-state-'));
  core = createTestCore({
    environmentsDir: mkdtempSync(join(tmpdir(), 'dbsaved-envs-')),
    env: { CLAIR_STATE_DIR: stateDir },
  });
});

afterAll(async () => {
  await core.dispose();
  await scratch.drop();
});

describe('saved connection strings', () => {
  it('are kept in the secret store and listed by name and label, never with the password', async () => {
    const password = new URL(scratch.url).password;
    expect(password).not.toBe('');
    const saved = await call(database.saveConnection, { name: 'local-pg', connectionString: scratch.url });
    const url = new URL(scratch.url);
    const label = `${url.username}@${url.hostname}:${url.port}${url.pathname}`;
    expect(saved).toEqual({ name: 'local-pg', label, readOnly: false });
    expect(await call(database.connections, undefined)).toEqual({ connections: [saved] });
    expect(JSON.stringify(await call(database.connections, undefined))).not.toContain(password);
    // The secret store holds it, and its own list shows the name only.
    expect(await call(contract.secrets.list, undefined)).toContain('db-connection.local-pg');
    expect(await readFile(join(stateDir, 'secrets.json'), 'utf8')).toContain(password);
  });

  it('are browsed, queried and edited like an environment, with a history of their own', async () => {
    await call(database.saveConnection, { name: 'local-pg', connectionString: scratch.url });
    const status = await call<{ label: string; readOnly: boolean }>(database.connect, { connection: 'local-pg' });
    expect(status).toMatchObject({ readOnly: false, state: 'connected' });
    expect(status.label).not.toContain(new URL(scratch.url).password);

    const page = await streamAnswer<{ rows: unknown[][] }>(core, database.rows.id, {
      connection: 'local-pg',
      schema: 'public',
      relation: 'notes',
    });
    expect(page.rows).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    await call(database.commitEdits, {
      connection: 'local-pg',
      edits: [{ kind: 'insert', schema: 'public', relation: 'notes', values: { body: 'third' } }],
    });

    const { events } = await streamToEnd<SqlRunEvent>(core, contract.sql.run.id, {
      connection: 'local-pg',
      sql: 'SELECT count(*) FROM notes',
    });
    expect(events.find((event) => event.type === 'rows')).toMatchObject({ rows: [['3']] });
    const history = await call<{ entries: { sql: string }[] }>(contract.sql.history, { connection: 'local-pg' });
    expect(history.entries.map((entry) => entry.sql)).toEqual(['SELECT count(*) FROM notes']);
    expect(await readFile(join(stateDir, 'sql-history', 'connection', 'local-pg.jsonl'), 'utf8')).toContain(
      'SELECT count(*) FROM notes',
    );
  });

  it('saved read-only refuse writes in PostgreSQL until unlocked by the typed name', async () => {
    await call(database.saveConnection, { name: 'replica', connectionString: scratch.url, readOnly: true });
    expect(await call(database.connect, { connection: 'replica' })).toMatchObject({
      readOnly: true,
      readOnlyByDefault: true,
    });
    const insert = {
      connection: 'replica',
      edits: [{ kind: 'insert', schema: 'public', relation: 'notes', values: { body: 'x' } }],
    };
    await expect(call(database.commitEdits, insert)).rejects.toThrow(/read-only transaction/);
    await expect(call(database.unlock, { connection: 'replica', minutes: 1 })).rejects.toMatchObject({
      code: 'confirmation-required',
      message: expect.stringContaining('type "replica"'),
    });
    await expect(call(database.unlock, { connection: 'replica', minutes: 1, confirm: 'replic' })).rejects.toMatchObject(
      { code: 'confirmation-required' },
    );
    expect(await call(database.unlock, { connection: 'replica', minutes: 1, confirm: 'replica' })).toMatchObject({
      readOnly: false,
    });
    expect(await call(database.commitEdits, insert)).toMatchObject({ rowsAffected: 1 });
  });

  it('replacing or deleting one closes the session opened on the old string', async () => {
    await call(database.saveConnection, { name: 'moving', connectionString: scratch.url });
    expect(await call(database.connect, { connection: 'moving' })).toMatchObject({ readOnly: false });
    await call(database.saveConnection, { name: 'moving', connectionString: scratch.url, readOnly: true });
    expect(await call(database.connect, { connection: 'moving' })).toMatchObject({ readOnly: true });

    await call(database.deleteConnection, { name: 'moving' });
    await expect(call(database.schemas, { connection: 'moving' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no saved database connection named moving',
    });
    expect(
      (await call<{ connections: { name: string }[] }>(database.connections, undefined)).connections,
    ).not.toContainEqual(expect.objectContaining({ name: 'moving' }));
  });

  it('refuses a string that is not a postgres URL without echoing it, and a name that is not plain', async () => {
    const attempt = call(database.saveConnection, { name: 'bad', connectionString: 'mysql://root:hunter2@h/db' });
    await expect(attempt).rejects.toMatchObject({ code: 'bad-request' });
    await expect(attempt).rejects.toThrow(
      'The connection string does not hold a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL',
    );
    await expect(attempt).rejects.not.toThrow(/hunter2/);
    await expect(call(database.saveConnection, { name: '../etc', connectionString: scratch.url })).rejects.toThrow(
      'name: a connection name is 1 to 50 letters, digits',
    );
  });

  it('refuses a request naming both an environment and a connection, or neither', async () => {
    await expect(call(database.schemas, { environment: 'x', connection: 'local-pg' })).rejects.toThrow(
      'Name either an environment or a saved connection (field environment or connection), not both or neither',
    );
    await expect(call(database.schemas, {})).rejects.toMatchObject({ code: 'bad-request' });
  });
});
