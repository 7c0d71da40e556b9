import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import { createScratchDatabase } from '../../../tests/support/scratch-database';
import { openDatabase } from '../../database/connection';
import type { Database } from '../../database/tables';
import { issueToken } from '../accounts/tokens';
import { buildApp } from '../app';
import { loadFixture } from '../../fixtures/fixture-loader';
import type { OpenApiDocument } from '../openapi/openapi-document';
import { ResponseValidator } from '../openapi/response-validator';
import { apiPrefix } from './api-route';

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
  /** The temporary media directory, unless created with `media: false`. */
  mediaRoot: string | undefined;
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
  /** A JSON:API document, sent as application/vnd.api+json. */
  body?: unknown;
  /** Any other body (an upload); give its content-type in `headers`. */
  rawBody?: Buffer;
  headers?: Record<string, string>;
}

const isJson = (contentType: unknown) => typeof contentType === 'string' && /json/.test(contentType);

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The parsed body of a JSON answer, else undefined. */
  body: unknown;
  text: string;
  raw: Buffer;
}

const originals = join(import.meta.dirname, '..', '..', 'fixtures', 'original');

export interface ApiTestOptions {
  /** Whether uploads have a media directory (a temporary one); true unless told. */
  media?: boolean;
}

export async function createApiTest({ media = true }: ApiTestOptions = {}): Promise<ApiTest> {
  const scratch = await createScratchDatabase();
  const mediaRoot = media ? await mkdtemp(join(tmpdir(), 'clair-media-')) : undefined;
  const { app, schemaReady } = buildApp({
    mode: 'api',
    databaseUrl: scratch.url,
    logLevel: 'silent',
    ...(mediaRoot === undefined ? {} : { mediaRoot }),
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
  // Requests as a user carry a real token, as issued at login, so the real authenticator runs.
  const tokens = new Map<string, string>();
  const tokenOf = async (username: string) => {
    let key = tokens.get(username);
    if (key === undefined) {
      key = (await issueToken(database.db, await userId(username), new Date())).key;
      tokens.set(username, key);
    }
    return key;
  };

  return {
    app,
    db: database.db,
    mediaRoot,
    userId,
    request: async ({ method = 'GET', path, as, body, rawBody, headers = {} }) => {
      const response = await app.inject({
        method,
        url: apiPrefix + path,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/vnd.api+json' }),
          ...(as === undefined ? {} : { authorization: `Token ${await tokenOf(as)}` }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        ...(rawBody === undefined ? {} : { payload: rawBody }),
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
        body: isJson(response.headers['content-type']) ? (JSON.parse(response.body) as unknown) : undefined,
        text: response.body,
        raw: response.rawPayload,
      };
    },
    close: async () => {
      await app.close();
      await database.close();
      await scratch.drop();
      if (mediaRoot !== undefined) await rm(mediaRoot, { recursive: true, force: true });
    },
  };
}
