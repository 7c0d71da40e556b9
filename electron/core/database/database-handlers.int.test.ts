import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { controlCentreLockWaits } from '../../../tests/support/lock-waits';
import { contract, type Result, type StreamMessage } from '../../contract';
import { createScratchDatabase, type ScratchDatabase } from '../../../tests/support/scratch-database';
import type { Core } from '../handlers';
import { createTestCore, streamAnswer } from '../test-core';

let scratch: ScratchDatabase;
let core: Core;
let environmentsDir: string;
const channels = contract.database;

async function call<T>(name: keyof typeof channels, payload: unknown): Promise<T> {
  const result = (await core.dispatcher.invoke(channels[name].id, payload)) as Result<T>;
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.result;
}

/** A small catalogue of what a browser meets: keys, foreign keys, JSON, timestamps, big numbers, no key, a view. */
const schema = `
  CREATE SCHEMA shop;
  CREATE TABLE shop.customers (id bigint PRIMARY KEY, name text NOT NULL, profile jsonb, joined timestamptz, balance numeric(12,2), photo bytea);
  CREATE TABLE shop.orders (id serial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES shop.customers (id), note text);
  CREATE INDEX orders_customer ON shop.orders (customer_id);
  CREATE TABLE shop.readings (sensor text, value int);
  CREATE VIEW shop.big_spenders AS SELECT * FROM shop.customers WHERE balance > 100;
  INSERT INTO shop.customers
    SELECT n, 'customer ' || n, jsonb_build_object('tier', n % 3, 'tags', jsonb_build_array('a', n)),
           timestamptz '2024-05-01 12:00:00.123456+02' + n * interval '1 day', n * 10.5,
           CASE WHEN n = 1 THEN '\\xdeadbeef'::bytea END
      FROM generate_series(1, 250) n;
  UPDATE shop.customers SET balance = NULL WHERE id % 50 = 0;
  INSERT INTO shop.orders (customer_id, note) SELECT 1 + n % 5, 'order ' || n FROM generate_series(1, 20) n;
  INSERT INTO shop.readings SELECT 's' || n % 4, n FROM generate_series(1, 30) n;
  ANALYZE;
`;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  await client.query(schema);
  await client.end();
  environmentsDir = mkdtempSync(join(tmpdir(), 'dbconn-envs-'));
  writeFileSync(join(environmentsDir, 'dbconndev.env'), 'CLAIR_ENVIRONMENT_CLASS=development\n');
  writeFileSync(
    join(environmentsDir, 'dbconnprod.env'),
    'CLAIR_ENVIRONMENT_CLASS=production\nCLAIR_ALLOW_LOCAL_CONTEXT=true\n',
  );
  core = createTestCore({ environmentsDir, databaseTarget: () => ({ connectionString: scratch.url }) });
});

afterAll(async () => {
  await core.dispose();
  await scratch.drop();
});

type Page = {
  columns: { name: string }[];
  rows: unknown[][];
  next?: (string | null)[];
  estimatedRows: number | null;
  keyColumns: string[];
};
const rows = (payload: Record<string, unknown>) =>
  streamAnswer<Page>(core, channels.rows.id, {
    environment: 'dbconndev',
    schema: 'shop',
    relation: 'customers',
    ...payload,
  });

describe('the Database screen’s channels on a local PostgreSQL', () => {
  it('lists schemas, relations with estimates and sizes, and a relation’s details', async () => {
    await call('connect', { environment: 'dbconndev' });
    const { schemas } = await call<{ schemas: { name: string; relations: number }[] }>('schemas', {
      environment: 'dbconndev',
    });
    expect(schemas).toContainEqual({ name: 'shop', relations: 4 });
    expect(schemas.map((s) => s.name)).not.toContain('pg_catalog');

    const { relations } = await call<{
      relations: { name: string; kind: string; estimatedRows: number | null; totalBytes: number }[];
    }>('relations', { environment: 'dbconndev', schema: 'shop' });
    expect(relations.map((r) => [r.name, r.kind])).toEqual([
      ['big_spenders', 'view'],
      ['customers', 'table'],
      ['orders', 'table'],
      ['readings', 'table'],
    ]);
    expect(relations.find((r) => r.name === 'customers')).toMatchObject({ estimatedRows: 250 });
    expect(relations.find((r) => r.name === 'customers')!.totalBytes).toBeGreaterThan(0);

    const orders = await call<{
      columns: { name: string; dataType: string; primaryKey?: number }[];
      indexes: { name: string }[];
      constraints: { type: string }[];
      references: unknown[];
    }>('relation', { environment: 'dbconndev', schema: 'shop', relation: 'orders' });
    expect(orders.columns[0]).toMatchObject({ name: 'id', dataType: 'integer', primaryKey: 1 });
    expect(orders.indexes.map((i) => i.name)).toEqual(['orders_customer', 'orders_pkey']);
    expect(orders.constraints.map((c) => c.type)).toEqual(['foreign key', 'primary key']);
    expect(orders.references).toEqual([
      {
        name: 'orders_customer_id_fkey',
        columns: ['customer_id'],
        schema: 'shop',
        relation: 'customers',
        referencedColumns: ['id'],
      },
    ]);
    const customers = await call<{ referencedBy: unknown[] }>('relation', {
      environment: 'dbconndev',
      schema: 'shop',
      relation: 'customers',
    });
    expect(customers.referencedBy).toEqual([
      {
        name: 'orders_customer_id_fkey',
        columns: ['id'],
        schema: 'shop',
        relation: 'orders',
        referencedColumns: ['customer_id'],
      },
    ]);
  });

  it('pages by key with JSON-safe cells, and sorts with NULLs last across page boundaries', async () => {
    const first = await rows({ limit: 100 });
    expect(first.estimatedRows).toBe(250);
    expect(first.keyColumns).toEqual(['id']);
    expect(first.rows[0]).toEqual([
      '1',
      'customer 1',
      { tier: 1, tags: ['a', 1] },
      '2024-05-02T10:00:00.123456Z',
      '10.50',
      '\\xdeadbeef',
    ]);
    const second = await rows({ limit: 100, after: first.next });
    const third = await rows({ limit: 100, after: second.next });
    expect(third.next).toBeUndefined();
    expect([...first.rows, ...second.rows, ...third.rows].map((row) => Number(row[0]))).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 1),
    );

    const sorted: unknown[][] = [];
    let after: (string | null)[] | undefined;
    do {
      const page = await rows({ limit: 7, sort: { column: 'balance', direction: 'desc' }, after });
      sorted.push(...page.rows);
      after = page.next;
    } while (after);
    expect(sorted).toHaveLength(250);
    const balances = sorted.map((row) => row[4]);
    expect(balances.slice(0, 2)).toEqual(['2614.50', '2604.00']);
    expect(balances.slice(-5)).toEqual([null, null, null, null, null]);
    expect(new Set(sorted.map((row) => row[0])).size).toBe(250);
  });

  it('filters by typed values and text, and names a value that does not fit its column', async () => {
    const page = await rows({
      filters: [
        { column: 'id', operator: '<=', value: '30' },
        { column: 'name', operator: 'contains', value: 'MER 2' },
      ],
    });
    expect(page.rows.map((row) => row[0])).toEqual(['2', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29']);
    expect((await rows({ filters: [{ column: 'balance', operator: 'is null' }] })).rows).toHaveLength(5);
    await expect(rows({ filters: [{ column: 'id', operator: '=', value: 'twelve' }] })).rejects.toThrow(
      /filter value does not fit its column: invalid input syntax for type bigint: "twelve"/,
    );
    await expect(rows({ filters: [{ column: 'nope', operator: '=', value: '1' }] })).rejects.toThrow(
      /Filter 1: shop.customers has no column "nope"/,
    );
  });

  it('pages a table without a primary key by ctid, and a view by offset', async () => {
    const first = await streamAnswer<Page>(core, channels.rows.id, {
      environment: 'dbconndev',
      schema: 'shop',
      relation: 'readings',
      limit: 20,
    });
    expect(first.keyColumns).toEqual([]);
    const rest = await streamAnswer<Page>(core, channels.rows.id, {
      environment: 'dbconndev',
      schema: 'shop',
      relation: 'readings',
      limit: 20,
      after: first.next,
    });
    expect([...first.rows, ...rest.rows].map((row) => row[1]).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    // A view has no key: its pages go by offset, in the sort asked, to the end.
    const viewRows: unknown[][] = [];
    let after: Page['next'];
    do {
      const view: Page = await streamAnswer<Page>(core, channels.rows.id, {
        environment: 'dbconndev',
        schema: 'shop',
        relation: 'big_spenders',
        sort: { column: 'id', direction: 'desc' },
        limit: 100,
        ...(after ? { after } : {}),
      });
      viewRows.push(...view.rows);
      after = view.next;
    } while (after);
    // Balances are id × 10.5, NULL every 50th: ids 10 to 250 are over 100, less the five NULLs.
    const expected = Array.from({ length: 241 }, (_, i) => String(250 - i)).filter((id) => Number(id) % 50 !== 0);
    expect(viewRows.map((row) => row[0])).toEqual(expected);
  });

  it('cancels a page in PostgreSQL when the screen stops waiting for it, and the next page still comes', async () => {
    const locker = new pg.Client({ connectionString: scratch.url });
    await locker.connect();
    try {
      // The page waits on the lock as a slow page would run: until cancelled.
      await locker.query('BEGIN; LOCK TABLE shop.readings IN ACCESS EXCLUSIVE MODE');
      const request = { environment: 'dbconndev', schema: 'shop', relation: 'readings' };
      const messages: StreamMessage<unknown>[] = [];
      const stop = core.dispatcher.open(channels.rows.id, request, (message) => messages.push(message));
      const waiting = () => controlCentreLockWaits(locker);
      await expect.poll(waiting, { timeout: 30_000 }).toBe(1);
      stop();
      await expect.poll(waiting, { timeout: 30_000 }).toBe(0);
      await locker.query('ROLLBACK');
      expect(messages.filter((message) => message.type === 'event')).toEqual([]);
      expect((await streamAnswer<Page>(core, channels.rows.id, request)).rows).toHaveLength(30);
    } finally {
      await locker.end();
    }
  });

  it('previews staged edits as SQL, commits them in one transaction, and rolls all back when one fails', async () => {
    const table = { schema: 'shop', relation: 'customers' };
    const edits = [
      { ...table, kind: 'update', key: { id: '3' }, changes: { name: "O'Brien", profile: '{"tier": 9}' } },
      { ...table, kind: 'insert', values: { id: '1000', name: 'new customer', joined: '2025-01-01T00:00:00Z' } },
      { ...table, kind: 'delete', key: { id: '250' } },
      { schema: 'shop', relation: 'orders', kind: 'update', key: { id: '2' }, changes: { note: 'with the others' } },
    ];
    const base = { environment: 'dbconndev' };
    const { statements } = await call<{ statements: string[] }>('previewEdits', { ...base, edits });
    expect(statements).toEqual([
      `UPDATE "shop"."customers" SET "name" = 'O''Brien'::text, "profile" = '{"tier": 9}'::jsonb WHERE "id" = '3'::bigint;`,
      `INSERT INTO "shop"."customers" ("id", "name", "joined") VALUES ('1000'::bigint, 'new customer'::text, '2025-01-01T00:00:00Z'::timestamp with time zone);`,
      `DELETE FROM "shop"."customers" WHERE "id" = '250'::bigint;`,
      `UPDATE "shop"."orders" SET "note" = 'with the others'::text WHERE "id" = '2'::integer;`,
    ]);
    const failing = [
      ...edits.slice(0, 2),
      { ...table, kind: 'update', key: { id: '999' }, changes: { name: 'ghost' } },
    ];
    await expect(call('commitEdits', { ...base, edits: failing })).rejects.toThrow(
      /Edit 3 matched 0 rows.*Nothing was committed/,
    );
    expect((await rows({ filters: [{ column: 'id', operator: '=', value: '1000' }] })).rows).toHaveLength(0);

    expect(await call('commitEdits', { ...base, edits })).toMatchObject({ rowsAffected: 4 });
    const changed = await rows({ filters: [{ column: 'id', operator: '=', value: '3' }] });
    expect(changed.rows[0]!.slice(1, 3)).toEqual(["O'Brien", { tier: 9 }]);
    expect(
      (await rows({ filters: [{ column: 'id', operator: '>=', value: '250' }] })).rows.map((row) => row[0]),
    ).toEqual(['1000']);
  });

  it('opens an environment anew when its class changed since: made production, it asks and starts read-only', async () => {
    const file = join(environmentsDir, 'dbconnchanging.env');
    writeFileSync(file, 'CLAIR_ENVIRONMENT_CLASS=development\n');
    expect(await call('connect', { environment: 'dbconnchanging' })).toMatchObject({ readOnly: false });
    expect(await call('connect', { environment: 'dbconnchanging' })).toMatchObject({ readOnly: false });
    writeFileSync(file, 'CLAIR_ENVIRONMENT_CLASS=production\nCLAIR_ALLOW_LOCAL_CONTEXT=true\n');
    await expect(call('connect', { environment: 'dbconnchanging' })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    expect(await call('connect', { environment: 'dbconnchanging', confirm: 'dbconnchanging' })).toMatchObject({
      readOnly: true,
      readOnlyByDefault: true,
    });
  });

  it('asks production for its name, refuses writes in PostgreSQL until unlocked, and reports the state', async () => {
    await expect(call('connect', { environment: 'dbconnprod' })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    const status = await call<{ readOnly: boolean; readOnlyByDefault: boolean; label: string }>('connect', {
      environment: 'dbconnprod',
      confirm: 'dbconnprod',
    });
    expect(status).toMatchObject({ readOnly: true, readOnlyByDefault: true, state: 'connected' });
    expect(status.label).not.toContain(new URL(scratch.url).password);

    const edit = {
      environment: 'dbconnprod',
      edits: [
        {
          schema: 'shop',
          relation: 'orders',
          kind: 'update',
          key: { id: '1' },
          changes: { note: 'changed on production' },
        },
      ],
    };
    await expect(call('commitEdits', edit)).rejects.toMatchObject({ code: 'confirmation-required' });
    await expect(call('commitEdits', { ...edit, confirm: 'dbconnprod' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/read-only/),
    });

    const events: { readOnly: boolean; unlockedUntil?: string }[] = [];
    const leave = core.dispatcher.open(channels.status.id, { environment: 'dbconnprod' }, (message) => {
      if (message.type === 'event') events.push(message.event as (typeof events)[number]);
    });
    await expect(call('unlock', { environment: 'dbconnprod', minutes: 5 })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    const unlocked = await call<{ readOnly: boolean; unlockedUntil: string }>('unlock', {
      environment: 'dbconnprod',
      minutes: 5,
      confirm: 'dbconnprod',
    });
    expect(unlocked.readOnly).toBe(false);
    expect(Date.parse(unlocked.unlockedUntil) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(await call('commitEdits', { ...edit, confirm: 'dbconnprod' })).toMatchObject({ rowsAffected: 1 });

    expect(await call('lock', { environment: 'dbconnprod' })).toMatchObject({ readOnly: true });
    await expect(call('commitEdits', { ...edit, confirm: 'dbconnprod' })).rejects.toMatchObject({ code: 'forbidden' });
    leave();
    expect(events.map((event) => event.readOnly)).toEqual([true, false, true]);
  });
});
