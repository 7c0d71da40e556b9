import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CuttableProxy } from '../../../tests/support/cuttable-proxy';
import { untilStatus } from '../../../tests/support/until-status';
import { issueToken } from '../accounts/tokens';
import { buildApp, type ManagairApp } from '../app';
import { createTestDatabase, type TestDatabase } from '../test-database';

/** The API while its database goes away and comes back (issue 5, "Bad input and faults"). */
describe('the API while the database is away', () => {
  let testDb: TestDatabase;
  let proxy: CuttableProxy;
  let managair: ManagairApp;
  let token: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const proxied = await CuttableProxy.before(testDb.url);
    proxy = proxied.proxy;
    managair = buildApp({ mode: 'api', databaseUrl: proxied.url, logLevel: 'silent' });
    await managair.schemaReady();
    const { id } = await testDb.database.db
      .insertInto('users')
      .values({ username: 'operator', password: '!', is_superuser: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    token = (await issueToken(testDb.database.db, id, new Date())).key;
  });
  afterAll(async () => {
    await managair.app.close();
    await proxy.cut();
    await testDb.drop();
  });

  const listNodes = () => managair.app.inject({ url: '/api/v1/nodes', headers: { authorization: `Token ${token}` } });

  it('answers 503 with Retry-After and a JSON:API error, never a stack, then recovers by itself', async () => {
    expect((await listNodes()).statusCode).toBe(200);

    await proxy.cut();
    const answers = await Promise.all([listNodes(), listNodes(), managair.app.inject({ url: '/api/v1/sites' })]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.json()).toEqual({
        errors: [expect.objectContaining({ status: '503', code: 'database_unavailable' })],
      });
      expect(answer.body).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED|SELECT/);
    }

    await proxy.open();
    const after = await untilStatus(200, listNodes);
    expect(after.statusCode).toBe(200);
    expect(after.json<{ data: unknown[] }>().data).toHaveLength(2);
  });
});
