import { createReadStream } from 'node:fs';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import { createScratchDatabase } from '../../../tests/support/scratch-database';
import { openDatabase } from '../../database/connection';
import type { Database } from '../../database/tables';
import { buildApp } from '../app';
import { loadFixture } from '../fixtures/fixture-loader';
import type { OpenApiDocument } from '../openapi/openapi-document';
import { ResponseValidator } from '../openapi/response-validator';
import { apiPrefix } from './api-route';
import type { Authenticator } from './authentication';

/**
 * For integration tests of the API: a scratch database with the original's three fixtures loaded
 * (users, inventory, 3,855 samples), the managair app in API mode on it, and requests made as a
 * fixture user by name. Fixture users: admin (superuser), tomTester (owner of orgs 1 and 3),
 * veraVersuch and priskaPrueferin (owners of org 2), annaAngestellte (inspector of org 1),
 * horstHilfsarbeiter (inspector of org 2), ingoInspekteur (inspector of orgs 1 and 2).
 * Installation 3 (room 4, site 3, org 2) is the one public installation.
 *
 * Every response is checked against the OpenAPI document the app serves; a mismatch fails the
 * request with the list of problems, so each API test also tests the document.
 */
export interface ApiTest {
  app: FastifyInstance;
  db: Kysely<Database>;
  /** A request to `/api/v1` + `path`, as the named fixture user or anonymously. */
  request: (options: ApiRequest) => Promise<ApiResponse>;
  userId: (username: string) => Promise<string>;
  close: () => Promise<void>;
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to /api/v1, e.g. `/sites/1/`. */
  path: string;
  as?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The parsed JSON body, undefined when empty. */
  body: unknown;
  text: string;
}

const originals = join(import.meta.dirname, '..', 'fixtures', 'original');

// Until accounts land, tests name the user in a header only this authenticator reads.
const testAuthenticator: Authenticator = async (request) => {
  const id = request.headers['x-test-user'];
  return typeof id === 'string' ? { userId: id, via: 'token' } : null;
};

export async function createApiTest(): Promise<ApiTest> {
  const scratch = await createScratchDatabase();
  const { app, schemaReady } = buildApp({
    mode: 'api',
    databaseUrl: scratch.url,
    logLevel: 'silent',
    authenticate: testAuthenticator,
  });
  await schemaReady();
  const database = openDatabase(scratch.url, () => undefined, 2);
  const client = await database.pool.connect();
  try {
    for (const name of ['user-fixtures.json', 'inventory-fixtures.json', 'data-fixtures.json'])
      await loadFixture(client, { name, open: () => createReadStream(join(originals, name)), rereadable: true });
  } finally {
    client.release();
  }
  const schema = await app.inject({ url: `${apiPrefix}/schema` });
  const validator = new ResponseValidator(JSON.parse(schema.body) as OpenApiDocument);
  const userId = async (username: string) =>
    (await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  return {
    app,
    db: database.db,
    userId,
    request: async ({ method = 'GET', path, as, body, headers = {} }) => {
      const response = await app.inject({
        method,
        url: apiPrefix + path,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/vnd.api+json' }),
          ...(as === undefined ? {} : { 'x-test-user': await userId(as) }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const problems = validator.check(
        method,
        apiPrefix + path,
        response.statusCode,
        String(response.headers['content-type'] ?? ''),
        response.body,
      );
      if (problems.length)
        throw new Error(
          `${method} ${path} → ${response.statusCode} breaks the OpenAPI document:\n${problems.join('\n')}\n${response.body.slice(0, 2000)}`,
        );
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.body === '' ? undefined : (JSON.parse(response.body) as unknown),
        text: response.body,
      };
    },
    close: async () => {
      await app.close();
      await database.close();
      await scratch.drop();
    },
  };
}
