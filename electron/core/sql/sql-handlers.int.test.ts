import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import { type DbOnlyStack, deployDbOnlyStack } from '../../../tests/support/db-only-stack';
import { contract, type ExportEvent, type SqlRunEvent } from '../../contract';
import type { Core } from '../handlers';
import { createTestCore, streamToEnd } from '../test-core';

/**
 * The SQL editor's channels through the core, against the real database of a deployed stack:
 * a db-only stack reached through the environment's docker context (no published port).
 */
const env = testEnvironment();
let deployed: DbOnlyStack;
let home: string;
let core: Core;

/** A stream's events until it ends, and the end's error message if any. */
async function stream<E>(channelId: string, payload: unknown): Promise<{ events: E[]; error?: string }> {
  const { events, error } = await streamToEnd<E>(core, channelId, payload);
  return { events, ...(error ? { error: error.message } : {}) };
}

const run = (environment: string, sql: string) => stream<SqlRunEvent>(contract.sql.run.id, { environment, sql });

beforeAll(async () => {
  deployed = await deployDbOnlyStack({
    dockerHost: env.DOCKER_HOST,
    postgresImage: env.CLAIR_IMAGE_POSTGRES,
    prefix: 'dbsql',
  });
  home = await mkdtemp(join(tmpdir(), 'dbsql-home-'));
  await deployed.writeEnvironment('dbsqlprod', 'production');
  await deployed.writeEnvironment('dbsqldev', 'development');
  core = createTestCore({ environmentsDir: deployed.dir, env: { DOCKER_HOST: env.DOCKER_HOST, HOME: home } });
});

afterAll(async () => {
  await core?.dispose();
  await deployed?.remove();
});

describe('the SQL channels on the database of a deployed stack', () => {
  it('runs statements on a writable environment, streams the result and records the history', async () => {
    const created = await run(
      'dbsqldev',
      'CREATE TABLE notes (id serial PRIMARY KEY, body text);\nINSERT INTO notes (body) SELECT $$note $$ || g FROM generate_series(1, 25) g',
    );
    expect(created.error).toBeUndefined();
    expect(created.events.at(-1)).toMatchObject({ type: 'done', command: 'INSERT', rowCount: 25, statements: 2 });

    const read = await run('dbsqldev', 'SELECT id, body FROM notes ORDER BY id');
    expect(read.events[0]).toEqual({
      type: 'columns',
      columns: [
        { name: 'id', dataType: 'integer' },
        { name: 'body', dataType: 'text' },
      ],
    });
    expect(read.events.flatMap((e) => (e.type === 'rows' ? e.rows : []))).toHaveLength(25);

    const failed = await run('dbsqldev', 'SELECT body\n  FROM nowhere');
    expect(failed.events).toMatchObject([{ type: 'error', error: { code: '42P01', line: 2, column: 8 } }]);

    const history = await core.dispatcher.invoke(contract.sql.history.id, { environment: 'dbsqldev' });
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    const entries = (history.result as { entries: { sql: string; rowCount?: number; error?: string }[] }).entries;
    expect(entries.map((e) => e.sql)).toEqual([
      'SELECT body\n  FROM nowhere',
      'SELECT id, body FROM notes ORDER BY id',
      expect.stringMatching(/^CREATE TABLE notes/),
    ]);
    expect(entries[0]?.error).toBe('relation "nowhere" does not exist');
    expect(entries[1]?.rowCount).toBe(25);
  });

  it('cancels a long query over the bridge when unsubscribed, and the session stays usable', async () => {
    const sleeping = async () => {
      const { events } = await run('dbsqldev', `SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'`);
      return events.find((e) => e.type === 'rows');
    };
    const unsubscribe = core.dispatcher.open(
      contract.sql.run.id,
      { environment: 'dbsqldev', sql: 'SELECT pg_sleep(60)' },
      () => undefined,
    );
    await expect.poll(sleeping, { timeout: 30_000 }).toEqual({ type: 'rows', rows: [['1']] });
    unsubscribe();
    await expect.poll(sleeping, { timeout: 30_000 }).toEqual({ type: 'rows', rows: [['0']] });
    const after = await run('dbsqldev', 'SELECT 42');
    expect(after.events.find((e) => e.type === 'rows')).toEqual({ type: 'rows', rows: [['42']] });
  });

  it('asks for production’s name before reading it, then refuses writes there', async () => {
    const unopened = await run('dbsqlprod', 'SELECT 1');
    expect(unopened.error).toMatch(/type "dbsqlprod" to confirm/);
    const connected = await core.dispatcher.invoke(contract.database.connect.id, {
      environment: 'dbsqlprod',
      confirm: 'dbsqlprod',
    });
    expect(connected.ok).toBe(true);

    const refused = await run('dbsqlprod', 'INSERT INTO notes (body) VALUES ($$from the editor$$)');
    expect(refused.events).toMatchObject([{ type: 'error', error: { code: '25006', line: 1, column: 1 } }]);
    const lifted = await run('dbsqlprod', 'SET transaction_read_only = off; INSERT INTO notes (body) VALUES ($$x$$)');
    expect(lifted.events).toMatchObject([{ type: 'error', error: { code: '25001' } }]);
    const count = await run('dbsqlprod', 'SELECT count(*) FROM notes');
    expect(count.events.find((e) => e.type === 'rows')).toEqual({ type: 'rows', rows: [['25']] });
  });

  it('explains and exports through the bridge', async () => {
    const explained = await stream<{ type: string; plan?: { nodes: { nodeType: string }[] } }>(
      contract.sql.explain.id,
      {
        environment: 'dbsqlprod',
        sql: 'SELECT * FROM notes WHERE id > 3',
        analyze: true,
      },
    );
    expect(explained.events[0]?.type).toBe('plan');
    expect(explained.events[0]?.plan?.nodes.length).toBeGreaterThan(0);

    const exported = await stream<ExportEvent>(contract.sql.export.id, {
      environment: 'dbsqlprod',
      source: { type: 'table', schema: 'public', table: 'notes' },
      format: 'csv',
      path: 'notes.csv',
    });
    expect(exported.error).toBeUndefined();
    expect(exported.events.at(-1)).toMatchObject({
      type: 'done',
      path: join(home, 'Downloads', 'notes.csv'),
      rows: 25,
    });
    const lines = (await readFile(join(home, 'Downloads', 'notes.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('id,body');
    expect(lines).toHaveLength(26);
    expect(lines[25]).toBe('25,note 25');
  });
});
