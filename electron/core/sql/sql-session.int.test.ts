import { createReadStream, mkdtempSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { migrateToLatest } from '../../../services/database/migrate';
import type { Database } from '../../../services/database/tables';
import { createScratchDatabase, type ScratchDatabase } from '../../../tests/support/scratch-database';
import type { ExportEvent, SqlRunEvent } from '../../contract';
import { connectDatabase } from '../database/connect-database';
import { DatabaseSession } from '../database/database-sessions';
import { Workspace } from '../workspace/workspace';
import { explainStatement } from './explain-statement';
import { exportData } from './export-data';
import { runStatements } from './run-statements';
import { CancelledError } from '../database/cancel-on-abort';

const root = resolve(import.meta.dirname, '../../..');
let scratch: ScratchDatabase;
let workspace: Workspace;
let writable: DatabaseSession;
let readOnly: DatabaseSession;
let admin: pg.Pool;
const downloads = mkdtempSync(join(tmpdir(), 'dbsql-export-'));

async function session(key: string, asReadOnly: boolean): Promise<DatabaseSession> {
  const target = { connectionString: scratch.url };
  const base = await connectDatabase(workspace, target, { readOnly: asReadOnly });
  return new DatabaseSession(key, base, undefined, () => connectDatabase(workspace, target, { readOnly: false }));
}

/** Runs the SQL as the editor would and collects what it streamed. */
async function run(
  on: DatabaseSession,
  sql: string,
  options: { origin?: { line: number; column: number }; rowLimit?: number; signal?: AbortSignal } = {},
) {
  const events: SqlRunEvent[] = [];
  const summary = await runStatements(on, {
    sql,
    origin: options.origin ?? { line: 1, column: 1 },
    rowLimit: options.rowLimit ?? 10_000,
    emit: (event) => events.push(event),
    signal: options.signal ?? new AbortController().signal,
  });
  const rows = events.flatMap((e) => (e.type === 'rows' ? e.rows : []));
  const columns = events.find((e) => e.type === 'columns')?.columns;
  const done = events.find((e) => e.type === 'done');
  const error = events.find((e) => e.type === 'error')?.error;
  return { summary, rows, columns, done, error };
}

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url }) }),
  });
  await migrateToLatest(db);
  await db.destroy();
  admin = new pg.Pool({ connectionString: scratch.url, max: 2 });
  await admin.query(
    `INSERT INTO quantities (quantity, base_unit) VALUES ('CO2', 'ppm'), ('Temperature', '°C'), ('Note "quoted", with comma', E'line\\nbreak')`,
  );
  workspace = new Workspace({
    root,
    env: { ...process.env, HOME: downloads, CLAIR_STATE_DIR: mkdtempSync(join(tmpdir(), 'dbsql-state-')) },
    environmentsDir: mkdtempSync(join(tmpdir(), 'dbsql-envs-')),
  });
  writable = await session('writable', false);
  readOnly = await session('read-only', true);
});

afterAll(async () => {
  await writable?.close();
  await readOnly?.close();
  await admin?.end();
  await workspace?.dispose();
  await scratch?.drop();
});

describe('running the editor text', () => {
  it('runs every statement in one transaction and streams the last one’s columns and rows as text', async () => {
    const result = await run(
      writable,
      `CREATE TEMP TABLE t (n int, at timestamptz);\nINSERT INTO t VALUES (1, '2026-01-02T03:04:05Z'), (2, NULL);\nSELECT n, at FROM t ORDER BY n`,
    );
    expect(result.columns).toEqual([
      { name: 'n', dataType: 'integer' },
      { name: 'at', dataType: 'timestamp with time zone' },
    ]);
    expect(result.rows).toEqual([
      ['1', '2026-01-02 03:04:05+00'],
      ['2', null],
    ]);
    expect(result.done).toMatchObject({ command: 'SELECT', rowCount: 2, shownRows: 2, statements: 3 });
  });

  it('sends only the first rows of a large result and counts all of them', async () => {
    const result = await run(readOnly, 'SELECT g FROM generate_series(1, 2500) AS g', { rowLimit: 1200 });
    expect(result.rows).toHaveLength(1200);
    expect(result.rows.at(-1)).toEqual(['1200']);
    expect(result.done).toMatchObject({ rowCount: 2500, shownRows: 1200 });
    expect(result.summary.rowCount).toBe(2500);
  });

  it('reports the rows a write changed, and commits it on a writable session', async () => {
    const result = await run(
      writable,
      `INSERT INTO protocols (identifier) VALUES ('dbsql-a'), ('dbsql-b') RETURNING identifier`,
    );
    expect(result.done).toMatchObject({ command: 'INSERT', rowCount: 2 });
    expect(result.rows).toEqual([['dbsql-a'], ['dbsql-b']]);
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM protocols WHERE identifier LIKE 'dbsql-%'`,
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('gives an error’s position as line and column of the editor, also for a selection that starts mid-line', async () => {
    const whole = await run(readOnly, 'SELECT 1;\n\nSELECT quantity, nope\n  FROM quantities');
    expect(whole.error).toMatchObject({ code: '42703', line: 3, column: 18 });
    expect(whole.error?.message).toMatch(/column "nope" does not exist/);

    const selection = await run(readOnly, 'SELEC 1', { origin: { line: 7, column: 5 } });
    expect(selection.error).toMatchObject({ code: '42601', line: 7, column: 5 });

    const statementAfter = await run(readOnly, 'SELECT 1;\n  INSERT INTO nowhere VALUES (1)', {
      origin: { line: 2, column: 3 },
    });
    expect(statementAfter.error).toMatchObject({ code: '42P01', line: 3, column: 15 });
    expect(whole.summary.error).toMatch(/nope/);
  });

  it('cancels long queries promptly, even with every pooled connection busy, and leaves the session usable', async () => {
    // As many runs as the pool has connections: the cancel cannot borrow one of them.
    const stops = Array.from({ length: readOnly.pool.options.max }, () => new AbortController());
    const running = stops.map((stop) => run(readOnly, 'SELECT pg_sleep(60)', { signal: stop.signal }));
    const sleeping = async () =>
      (
        await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`,
        )
      ).rows[0]!.n;
    await expect.poll(sleeping, { timeout: 30_000 }).toBe(stops.length);
    stops[0]!.abort();
    await expect(running[0]).rejects.toBeInstanceOf(CancelledError);
    await expect.poll(sleeping, { timeout: 30_000 }).toBe(stops.length - 1);
    for (const stop of stops.slice(1)) stop.abort();
    const others = await Promise.allSettled(running.slice(1));
    expect(others.map((each) => each.status === 'rejected' && each.reason instanceof CancelledError)).not.toContain(
      false,
    );
    expect(await sleeping()).toBe(0);
    expect((await run(readOnly, 'SELECT 42')).rows).toEqual([['42']]);
  });
});

describe('a lost connection', () => {
  const dropSessions = () =>
    admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'clair-control-centre' AND datname = current_database()`,
    );

  it('is noticed while idle and re-established by the next run', async () => {
    expect((await run(readOnly, 'SELECT 1')).rows).toEqual([['1']]);
    await dropSessions();
    await expect.poll(() => readOnly.status().state, { timeout: 30_000 }).toBe('lost');
    expect((await run(readOnly, 'SELECT 2')).rows).toEqual([['2']]);
    expect(readOnly.status()).toMatchObject({ state: 'connected', notice: 'Reconnected' });
  });

  it('is reported for a run that may write, which is not repeated, and the next run reconnects', async () => {
    const running = run(writable, 'SELECT pg_sleep(30)');
    await expect
      .poll(
        async () =>
          (
            await admin.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`,
            )
          ).rows[0]!.n,
        { timeout: 30_000 },
      )
      .toBe(1);
    await dropSessions();
    await expect(running).rejects.toThrow(/connection to .* was lost .*re-established on the next try/);
    expect((await run(writable, 'SELECT 4')).rows).toEqual([['4']]);
  });
});

describe('a read-only session', () => {
  it('refuses INSERT', async () => {
    const result = await run(readOnly, `INSERT INTO protocols (identifier) VALUES ('ro')`);
    expect(result.error).toMatchObject({ code: '25006', line: 1, column: 1 });
    expect(result.error?.message).toMatch(/read-only transaction/);
    expect(result.error?.hint).toMatch(/unlock writes/);
  });

  it('refuses SET transaction_read_only = off before INSERT, and a changed default does not outlive the run', async () => {
    const lifted = await run(
      readOnly,
      `SET transaction_read_only = off;\nINSERT INTO protocols (identifier) VALUES ('ro')`,
    );
    expect(lifted.error).toMatchObject({ code: '25001', line: 1, column: 1 });

    await run(readOnly, 'SET default_transaction_read_only = off');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      // Every pooled connection: none kept the setting.
      expect((await run(readOnly, 'SHOW default_transaction_read_only')).rows).toEqual([['on']]);
    }
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM protocols WHERE identifier = 'ro'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses statements that would end the editor’s transaction, before running anything', async () => {
    const result = await run(readOnly, `SELECT 1;\nCOMMIT;\nSET default_transaction_read_only = off`);
    expect(result.error).toMatchObject({ line: 2, column: 1 });
    expect(result.error?.message).toMatch(/COMMIT is not run here/);
  });

  it('refuses two statements smuggled into one that the splitter cannot see', async () => {
    // A dollar-quoted body is one statement for the splitter; PostgreSQL still sees only its text.
    const result = await run(readOnly, `SELECT $$x$$`);
    expect(result.rows).toEqual([['x']]);
  });
});

describe('EXPLAIN', () => {
  it('gives the plan as a tree with measured rows, time and loops', async () => {
    const result = await explainStatement(
      readOnly,
      {
        sql: 'SELECT q.quantity FROM quantities q JOIN node_model_quantities m ON m.quantity_id = q.id',
        origin: { line: 1, column: 1 },
        analyze: true,
      },
      new AbortController().signal,
    );
    expect(result.type).toBe('plan');
    if (result.type !== 'plan') return;
    expect(result.plan.analyzed).toBe(true);
    expect(result.plan.nodes.length).toBeGreaterThan(1);
    expect(result.plan.nodes[0]?.depth).toBe(0);
    expect(result.plan.nodes.some((n) => n.target.includes('quantities'))).toBe(true);
    expect(result.plan.nodes.every((n) => n.loops !== undefined && n.actualRows !== undefined)).toBe(true);
    expect(result.plan.executionMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses ANALYZE of a write on a read-only session in words, and rolls back ANALYZE of a write elsewhere', async () => {
    const sql = `INSERT INTO protocols (identifier) VALUES ('explained')`;
    const refused = await explainStatement(
      readOnly,
      { sql, origin: { line: 1, column: 1 }, analyze: true },
      new AbortController().signal,
    );
    expect(refused.type).toBe('error');
    if (refused.type === 'error')
      expect(refused.error.message).toMatch(/EXPLAIN ANALYZE executes the statement, and this session is read-only/);

    const planned = await explainStatement(
      writable,
      { sql, origin: { line: 1, column: 1 }, analyze: true },
      new AbortController().signal,
    );
    expect(planned.type).toBe('plan');
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM protocols WHERE identifier = 'explained'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('maps an error inside the explained statement to the editor', async () => {
    const result = await explainStatement(
      readOnly,
      { sql: '\nSELECT nope FROM quantities', origin: { line: 1, column: 1 }, analyze: false },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ type: 'error', error: { code: '42703', line: 2, column: 8 } });
  });
});

describe('export', () => {
  async function exported(
    source: Parameters<typeof exportData>[1]['source'],
    format: 'csv' | 'json',
    name: string,
    signal = new AbortController().signal,
  ) {
    const events: ExportEvent[] = [];
    const path = join(downloads, name);
    await exportData(readOnly, { source, format, path }, (event) => events.push(event), signal);
    return { path, events, done: events.find((e) => e.type === 'done') };
  }

  it('writes a table as CSV that PostgreSQL reads back to the same rows', async () => {
    const { path, done } = await exported(
      { type: 'table', schema: 'public', table: 'quantities' },
      'csv',
      'quantities.csv',
    );
    expect(done).toMatchObject({ rows: 3, bytes: (await stat(path)).size });
    await admin.query('CREATE TABLE quantities_back (LIKE quantities)');
    const client = await admin.connect();
    try {
      await pipeline(
        createReadStream(path),
        client.query(copyFrom('COPY quantities_back FROM STDIN WITH (FORMAT csv, HEADER)')),
      );
    } finally {
      client.release();
    }
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ((TABLE quantities EXCEPT TABLE quantities_back) UNION ALL (TABLE quantities_back EXCEPT TABLE quantities)) d',
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('writes a query as a JSON array equal to the query’s rows', async () => {
    const sql = 'SELECT id, quantity, base_unit, now() - now() AS zero, 1.5::numeric AS n FROM quantities ORDER BY id';
    const { path, done } = await exported({ type: 'query', sql }, 'json', 'quantities.json');
    const expected = (await admin.query(sql)).rows;
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(done).toMatchObject({ rows: 3 });
  });

  it('writes a JSON array across several cursor batches, counting every row and byte', async () => {
    // More rows than two of the export's 2,000-row batches, so that batches join in the middle.
    const sql = `SELECT g AS n, repeat('é', g % 5) AS s FROM generate_series(1, 4500) g`;
    const { path, done } = await exported({ type: 'query', sql }, 'json', 'batches.json');
    const expected = Array.from({ length: 4500 }, (_, i) => ({ n: i + 1, s: 'é'.repeat((i + 1) % 5) }));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(expected);
    expect(done).toMatchObject({ rows: 4500, bytes: (await stat(path)).size });
  });

  it('stops when cancelled and removes the partial file', async () => {
    const stop = new AbortController();
    const path = join(downloads, 'cancelled.csv');
    const events: ExportEvent[] = [];
    const running = exportData(
      readOnly,
      {
        source: { type: 'query', sql: 'SELECT g, pg_sleep(0.01) FROM generate_series(1, 100000) g' },
        format: 'csv',
        path,
      },
      (event) => {
        events.push(event);
        if (event.type === 'started') setImmediate(() => stop.abort());
      },
      stop.signal,
    );
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
  });

  it('refuses to overwrite a file and names it', async () => {
    await expect(
      exported({ type: 'table', schema: 'public', table: 'quantities' }, 'csv', 'quantities.csv'),
    ).rejects.toThrow(`${join(downloads, 'quantities.csv')} exists already`);
  });
});
