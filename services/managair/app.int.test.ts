import { afterAll, describe, expect, it } from 'vitest';

import { testDatabaseUrl } from '../../tests/support/context';
import { buildApp } from './app';

describe('managair /health against PostgreSQL', () => {
  const app = buildApp({ DATABASE_URL: testDatabaseUrl() });
  const unreachable = buildApp({ DATABASE_URL: 'postgres://nobody:wrong@127.0.0.1:1/none' });
  afterAll(async () => {
    await app.close();
    await unreachable.close();
  });

  it('reports ok when the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 with Retry-After when the database is unreachable', async () => {
    const response = await unreachable.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ database: 'unavailable' });
  });
});
