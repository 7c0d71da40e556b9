import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pendingMigrations } from '../database/migrate';
import { buildApp, type ManagairApp } from './app';
import { createTestDatabase, type TestDatabase } from './test-database';

describe('managair in API mode', () => {
  let testDb: TestDatabase;
  let api: ManagairApp;
  const unreachable = buildApp({
    mode: 'api',
    databaseUrl: 'postgres://nobody:wrong@127.0.0.1:1/none',
    logLevel: 'silent',
  });

  beforeAll(async () => {
    testDb = await createTestDatabase({ migrated: false });
    api = buildApp({ mode: 'api', databaseUrl: testDb.url, logLevel: 'silent' });
  });
  afterAll(async () => {
    await api.app.close();
    await unreachable.app.close();
    await testDb.drop();
  });

  it('applies the pending migrations when it starts', async () => {
    expect(await pendingMigrations(testDb.database.db)).toEqual([
      '0001-initial-schema',
      '0002-accounts',
      '0003-sample-hours',
    ]);
    await api.schemaReady();
    expect(await pendingMigrations(testDb.database.db)).toEqual([]);
  });

  it('reports ok on /health when the database answers and the schema is current', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', schema: 'current' });
  });

  it('answers 503 with Retry-After while the database is unreachable', async () => {
    const response = await unreachable.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ status: 'unavailable', database: 'unavailable', schema: 'pending' });
    expect(response.json<{ detail: string }>().detail).toMatch(
      /^(waiting for the database|the schema has not been checked)/,
    );
  });

  it('serves /metrics and has no ingest route', async () => {
    const metrics = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^clair_http_requests_total\{method="GET",route="\/health",status="200"\} 1$/m);
    const ingest = await api.app.inject({ method: 'POST', url: '/ingest/v1/ingest/', payload: {} });
    expect(ingest.statusCode).toBe(404);
    expect(ingest.json()).toMatchObject({ errors: [{ status: '404', code: 'not_found' }] });
  });
});

describe('managair behind a trusted reverse proxy', () => {
  let testDb: TestDatabase;
  let proxied: ManagairApp;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    proxied = buildApp({ mode: 'api', databaseUrl: testDb.url, logLevel: 'silent', trustProxy: ['127.0.0.1'] });
    await proxied.schemaReady();
  });
  afterAll(async () => {
    await proxied.app.close();
    await testDb.drop();
  });

  it('builds links from the forwarded protocol and host, as the browser reached it', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'clair.example' };
    const root = await proxied.app.inject({ url: '/api/v1/', headers, remoteAddress: '127.0.0.1' });
    expect(root.json<Record<string, string>>()['sites']).toBe('https://clair.example/api/v1/sites/');
    const untrusted = await proxied.app.inject({ url: '/api/v1/', headers, remoteAddress: '192.0.2.7' });
    expect(untrusted.json<Record<string, string>>()['sites']).toBe('http://localhost:80/api/v1/sites/');
  });
});
