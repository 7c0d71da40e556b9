import { PassThrough } from 'node:stream';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../app';
import { createTestDatabase, fixtureNodes, type TestDatabase } from '../test-database';

const token = 'test-ingest-token-0123456789abcdef';
const [node, otherNode] = fixtureNodes;
const unknownNode = 'ffffffff-0000-1111-2222-333333333333';
const jsonApi = 'application/vnd.api+json';

function resource(timestamp: number, attributes: Record<string, unknown> = {}, nodeId: string = node) {
  return {
    type: 'Sample',
    attributes: {
      timestamp_s: timestamp,
      co2_ppm: 600,
      temperature_celsius: 21.5,
      rel_humidity_percent: 45,
      ...attributes,
    },
    relationships: { node: { data: { type: 'Node', id: nodeId } } },
  };
}

let testDb: TestDatabase;
let app: FastifyInstance;
let logs = '';

function post(body: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/ingest/v1/ingest/',
    headers: { 'content-type': jsonApi, authorization: `Bearer ${token}`, ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function storedSamples(nodeId: string = node) {
  return testDb.database.db
    .selectFrom('samples')
    .selectAll()
    .where('node_id', '=', nodeId)
    .orderBy('timestamp_s')
    .execute();
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const built = buildApp({ mode: 'ingest', databaseUrl: testDb.url, ingestToken: token, logLevel: 'trace', logStream });
  app = built.app;
  await built.schemaReady();
});

afterAll(async () => {
  await app.close();
  await testDb.drop();
});

describe('POST /ingest/v1/ingest/, single documents', () => {
  it("stores the original forwarder's document as it is: 201", async () => {
    const original =
      '{"data": {"type": "Sample", "attributes": {"timestamp_s": 1632220557, "co2_ppm": 711, "temperature_celsius": 20.5, "rel_humidity_percent": 80}, "relationships": {"node": {"data": {"type": "Node", "id": "66b8ccaa-90b9-2d24-bf59-0ea9e23b3bb4"}}}}}';
    const response = await post(original, { accept: jsonApi });
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/vnd\.api\+json/);
    expect(response.json()).toEqual({
      meta: { created: 1, duplicate: 0, invalid: 0, unknown_node: 0, results: [{ index: 0, status: 'created' }] },
    });
    expect(await storedSamples()).toContainEqual({
      node_id: node,
      timestamp_s: 1632220557,
      co2_ppm: 711,
      temperature_celsius: '20.5',
      rel_humidity_percent: 80,
      measurement_status: 'M',
    });
  });

  it('answers 200 duplicate for a sample already stored and changes nothing', async () => {
    expect((await post({ data: resource(1_700_000_000, { co2_ppm: 800 }) })).statusCode).toBe(201);
    const before = await storedSamples();
    const response = await post({ data: resource(1_700_000_000, { co2_ppm: 999, temperature_celsius: null }) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      meta: { created: 0, duplicate: 1, results: [{ index: 0, status: 'duplicate' }] },
    });
    expect(await storedSamples()).toEqual(before);
  });

  it('accepts application/json as well', async () => {
    const response = await post({ data: resource(1_700_000_060) }, { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(201);
  });

  it('answers 409 when data.type is not Sample, as the original parser did', async () => {
    const response = await post({ data: { ...resource(1_700_000_120), type: 'Node' } });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      errors: [
        {
          status: '409',
          code: 'wrong_type',
          title: 'Conflict',
          detail: 'data.type must be "Sample" (got "Node").',
          source: { pointer: '/data/type' },
        },
      ],
    });
  });

  it('answers 422 naming the field of an invalid sample, and for an unknown node', async () => {
    let response = await post({ data: resource(1_700_000_180, { co2_ppm: 20_000 }) });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      errors: [
        {
          status: '422',
          code: 'invalid',
          detail: 'sample: co2_ppm must be an integer from 0 to 10000 (got 20000)',
          source: { pointer: '/data/attributes/co2_ppm' },
        },
      ],
      meta: { invalid: 1, results: [{ index: 0, status: 'invalid' }] },
    });

    response = await post({ data: resource(1_700_000_180, {}, unknownNode) });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      errors: [{ code: 'unknown_node', detail: `sample: node ${unknownNode} does not exist` }],
      meta: { unknown_node: 1 },
    });
    expect(await storedSamples(unknownNode)).toEqual([]);
  });
});

describe('POST /ingest/v1/ingest/, batches', () => {
  it('stores the valid samples of a mixed batch and reports each one', async () => {
    expect((await post({ data: resource(1_710_000_000) })).statusCode).toBe(201);
    const response = await post({
      data: [
        resource(1_710_000_060),
        resource(1_710_000_120, { co2_ppm: -1 }),
        resource(1_710_000_000),
        resource(1_710_000_180, {}, unknownNode),
        resource(1_710_000_240, { temperature_celsius: 19.25 }),
        resource(1_710_000_300, {}, otherNode),
        resource(1_710_000_060, { co2_ppm: 1234 }),
        'garbage',
      ],
    });
    expect(response.statusCode).toBe(422);
    const body = response.json<{
      errors: { detail: string; source: { pointer: string } }[];
      meta: Record<string, unknown>;
    }>();
    expect(body.meta).toEqual({
      created: 2,
      duplicate: 2,
      invalid: 3,
      unknown_node: 1,
      results: [
        { index: 0, status: 'created' },
        {
          index: 1,
          status: 'invalid',
          reason: 'sample 1: co2_ppm must be an integer from 0 to 10000 (got -1)',
          pointer: '/data/1/attributes/co2_ppm',
        },
        { index: 2, status: 'duplicate' },
        {
          index: 3,
          status: 'unknown_node',
          reason: `sample 3: node ${unknownNode} does not exist`,
          pointer: '/data/3/relationships/node/data/id',
        },
        {
          index: 4,
          status: 'invalid',
          reason:
            'sample 4: temperature_celsius must be a number from -20 to 40 with at most one decimal, or null (got 19.25)',
          pointer: '/data/4/attributes/temperature_celsius',
        },
        { index: 5, status: 'created' },
        { index: 6, status: 'duplicate' },
        {
          index: 7,
          status: 'invalid',
          reason: 'sample 7: must be a Sample resource object (got "garbage")',
          pointer: '/data/7',
        },
      ],
    });
    expect(body.errors.map((e) => e.source.pointer)).toEqual([
      '/data/1/attributes/co2_ppm',
      '/data/3/relationships/node/data/id',
      '/data/4/attributes/temperature_celsius',
      '/data/7',
    ]);

    const stored = (await storedSamples()).filter((s) => s.timestamp_s >= 1_710_000_000);
    expect(stored.map((s) => [s.timestamp_s, s.co2_ppm])).toEqual([
      [1_710_000_000, 600],
      [1_710_000_060, 600], // the first of the two in the batch
    ]);
    expect((await storedSamples(otherNode)).map((s) => s.timestamp_s)).toEqual([1_710_000_300]);
  });

  it('answers 200 when every sample is stored or already there; sending it again changes nothing', async () => {
    const batch = {
      data: Array.from({ length: 1000 }, (_, i) => resource(1_720_000_000 + i * 60, { co2_ppm: 400 + i })),
    };
    let response = await post(batch);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ meta: { created: 1000, duplicate: 0 } });
    response = await post(batch);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ meta: { created: 0, duplicate: 1000 } });
    const stored = (await storedSamples()).filter((s) => s.timestamp_s >= 1_720_000_000);
    expect(stored).toHaveLength(1000);
    expect(stored[999]).toMatchObject({ timestamp_s: 1_720_000_000 + 999 * 60, co2_ppm: 1399 });
  });

  it('refuses more than 5000 samples at once with 413', async () => {
    const response = await post({ data: Array.from({ length: 5001 }, (_, i) => resource(1_730_000_000 + i)) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ errors: [{ code: 'too_many_samples' }] });
  });
});

describe('ingest authentication', () => {
  it('answers 401 without the token or with a wrong one, and stores nothing', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${token}`, token]) {
      const headers: Record<string, string> = { 'content-type': jsonApi };
      if (authorization) headers.authorization = authorization;
      const response = await app.inject({
        method: 'POST',
        url: '/ingest/v1/ingest/',
        headers,
        payload: JSON.stringify({ data: resource(1_740_000_000) }),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="ingest"');
      expect(response.json()).toMatchObject({ errors: [{ status: '401', code: 'unauthorized' }] });
    }
    expect((await storedSamples()).filter((s) => s.timestamp_s === 1_740_000_000)).toEqual([]);
  });

  it('never writes the token to the log, even at trace level or when headers are logged', () => {
    app.log.info({ headers: { authorization: `Bearer ${token}` } }, 'a handler logging its headers');
    expect(logs).toContain('incoming request');
    expect(logs).toContain('"authorization":"[redacted]"');
    expect(logs).not.toContain(token);
  });
});

describe('garbage', () => {
  it.each([
    ['malformed JSON', '{"data": {"type": "Sample",', jsonApi, 400, 'malformed_json'],
    ['an empty body', '', jsonApi, 400, 'empty_body'],
    ['JSON that is no JSON:API document', '[1, 2, 3]', jsonApi, 400, 'not_jsonapi'],
    ['a document without data', '{"meta": {}}', 'application/json', 400, 'not_jsonapi'],
    ['an empty batch', '{"data": []}', jsonApi, 400, 'empty_batch'],
    ['another media type', 'timestamp_s=1', 'text/plain', 415, 'unsupported_media_type'],
    ['a body over the limit', `{"data": "${'x'.repeat(9 * 1024 * 1024)}"}`, jsonApi, 413, 'body_too_large'],
  ])('answers %s with a reason', async (_what, payload, contentType, status, code) => {
    const response = await post(payload, { 'content-type': contentType });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ errors: [{ status: String(status), code, detail: expect.any(String) }] });
  });

  it('stays healthy afterwards', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', schema: 'current' });
  });
});

describe('GET /metrics', () => {
  it('counts samples by outcome, requests by status, and batch sizes', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    const value = (line: string) =>
      Number(new RegExp(`^${line.replace(/[{}"+.]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('clair_ingest_samples_total{outcome="created"}')).toBeGreaterThanOrEqual(1005);
    expect(value('clair_ingest_samples_total{outcome="duplicate"}')).toBeGreaterThanOrEqual(1003);
    expect(value('clair_ingest_samples_total{outcome="invalid"}')).toBeGreaterThanOrEqual(4);
    expect(value('clair_ingest_samples_total{outcome="unknown_node"}')).toBeGreaterThanOrEqual(2);
    expect(value('clair_http_requests_total{method="POST",route="/ingest/v1/ingest/",status="401"}')).toBe(4);
    expect(
      value('clair_http_requests_total{method="POST",route="/ingest/v1/ingest/",status="201"}'),
    ).toBeGreaterThanOrEqual(4);
    expect(value('clair_ingest_batch_samples_bucket{le="1000"}')).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^clair_http_request_duration_seconds_count\{route="\/ingest\/v1\/ingest\/"\} \d+$/m);
  });
});
