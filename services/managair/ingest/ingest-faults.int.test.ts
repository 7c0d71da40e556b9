import { setTimeout as sleep } from 'node:timers/promises';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { CuttableProxy } from '../../../tests/support/cuttable-proxy';
import { untilStatus } from '../../../tests/support/until-status';
import { pendingMigrations } from '../../database/migrate';
import { buildApp } from '../app';
import { createTestDatabase, fixtureNodes } from '../test-database';

const token = 'test-ingest-token-0123456789abcdef';
const silent = { logLevel: 'silent' };

function sampleDocument(timestamp: number) {
  return {
    data: {
      type: 'Sample',
      attributes: { timestamp_s: timestamp, co2_ppm: 500 },
      relationships: { node: { data: { type: 'Node', id: fixtureNodes[0] } } },
    },
  };
}

function post(app: FastifyInstance, timestamp: number): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/ingest/v1/ingest/',
    headers: { 'content-type': 'application/vnd.api+json', authorization: `Bearer ${token}` },
    payload: JSON.stringify(sampleDocument(timestamp)),
  });
}

/** Retries `attempt` until it gives `status`, for at most `ms`; returns the last response. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('ingest mode waits for the schema', () => {
  it('answers 503 until API mode has migrated, then accepts samples without a restart', async () => {
    const testDb = await createTestDatabase({ migrated: false });
    cleanups.push(() => testDb.drop());
    const { app } = buildApp({
      mode: 'ingest',
      databaseUrl: testDb.url,
      ingestToken: token,
      schemaPollMs: 100,
      ...silent,
    });
    cleanups.push(() => app.close());
    await app.ready();
    // The gate's first look at the database.
    for (let i = 0; i < 50 && !/migrations/.test((await app.inject({ url: '/health' })).body); i++) await sleep(100);

    const waiting = await post(app, 1_700_000_000);
    expect(waiting.statusCode).toBe(503);
    expect(waiting.headers['retry-after']).toBe('5');
    expect(waiting.json()).toMatchObject({ errors: [{ status: '503', code: 'schema_not_current' }] });
    expect(waiting.json<{ errors: { detail: string }[] }>().errors[0]!.detail).toMatch(/0001-initial-schema/);

    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.headers['retry-after']).toBe('5');
    expect(health.json()).toEqual({
      status: 'unavailable',
      database: 'ok',
      schema: 'pending',
      detail:
        'waiting for migrations 0001-initial-schema, 0002-accounts, 0003-sample-hours (managair in API mode applies them)',
    });
    // Waiting never migrates.
    await sleep(300);
    expect((await post(app, 1_700_000_000)).statusCode).toBe(503);
    expect(await pendingMigrations(testDb.database.db)).toEqual([
      '0001-initial-schema',
      '0002-accounts',
      '0003-sample-hours',
    ]);

    await testDb.migrate();
    const accepted = await untilStatus(201, () => post(app, 1_700_000_000));
    expect(accepted.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('ingest while the database is away', () => {
  it('answers 503 with Retry-After, then recovers by itself once the database is back', async () => {
    const testDb = await createTestDatabase();
    cleanups.push(() => testDb.drop());
    const { proxy, url: viaProxy } = await CuttableProxy.before(testDb.url);
    cleanups.push(() => proxy.cut());

    const built = buildApp({ mode: 'ingest', databaseUrl: viaProxy, ingestToken: token, ...silent });
    const { app } = built;
    cleanups.push(() => app.close());
    await built.schemaReady();
    expect((await post(app, 1_700_000_000)).statusCode).toBe(201);

    await proxy.cut();
    const during = await post(app, 1_700_000_060);
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.json()).toMatchObject({ errors: [{ status: '503', code: 'database_unavailable' }] });
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'unavailable', schema: 'current' });
    // Several attempts in the outage: every one a clean 503, none a 500.
    const statuses = await Promise.all([1, 2, 3, 4].map((i) => post(app, 1_700_000_060 + i).then((r) => r.statusCode)));
    expect(statuses).toEqual([503, 503, 503, 503]);

    await proxy.open();
    const after = await untilStatus(201, () => post(app, 1_700_000_060));
    expect(after.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const stored = await testDb.database.db
      .selectFrom('samples')
      .select('timestamp_s')
      .orderBy('timestamp_s')
      .execute();
    expect(stored.map((s) => s.timestamp_s)).toEqual([1_700_000_000, 1_700_000_060]);
  });

  it('survives connections cut in the middle of a batch', async () => {
    const testDb = await createTestDatabase();
    cleanups.push(() => testDb.drop());
    const { proxy, url: viaProxy } = await CuttableProxy.before(testDb.url);
    cleanups.push(() => proxy.cut());
    const built = buildApp({ mode: 'ingest', databaseUrl: viaProxy, ingestToken: token, ...silent });
    const { app } = built;
    cleanups.push(() => app.close());
    await built.schemaReady();

    const batch = {
      data: Array.from({ length: 3000 }, (_, i) => ({
        ...sampleDocument(1_800_000_000 + i).data,
        relationships: { node: { data: { type: 'Node', id: fixtureNodes[i % 2] } } },
      })),
    };
    const inject = () =>
      app.inject({
        method: 'POST',
        url: '/ingest/v1/ingest/',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: JSON.stringify(batch),
      });
    const cut = proxy.cutOnQueryOf(10_000);
    const inFlight = Array.from({ length: 4 }, () => inject());
    await cut;
    const statuses = (await Promise.all(inFlight)).map((r) => r.statusCode);
    // A statement is atomic: each request is done (200) or refused whole (503), and the one whose
    // connection died under it is one of the 503s.
    for (const status of statuses) expect([200, 503]).toContain(status);
    expect(statuses).toContain(503);

    await proxy.open();
    const retried = await untilStatus(200, inject);
    expect(retried.statusCode).toBe(200);
    const { count } = await testDb.database.db
      .selectFrom('samples')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(3000);
  });
});
