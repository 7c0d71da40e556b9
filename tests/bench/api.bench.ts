/**
 * The managair API under load (issue 5, point 8), served by `managair serve --mode api` in a
 * process of its own and compared with the database queries behind it, measured in the same run:
 * - one node with a year of 5-minute samples (105,120), resampled hourly: p50 of sequential
 *   requests, against the same aggregation called in-process (PostgreSQL writes the buckets'
 *   JSON, so that is part of both; the number of buckets is checked once, outside the timing);
 * - the latest values of 1,000 installations with a week of samples each (`GET
 *   /installations?filter[organization]=…`, as the dashboard's overview loads them, counts and
 *   latest samples included) from 200 concurrent clients: throughput and p99, against the
 *   summary query behind it alone at the same concurrency.
 */
import { randomUUID } from 'node:crypto';

import { sql } from 'kysely';

import { openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { insertTestInventory } from '../../services/database/test-inventory';
import { hashPassword } from '../../services/managair/accounts/password-hash';
import { sampleSummaries } from '../../services/managair/timeseries/sample-summaries';
import { nodeSeries } from '../../services/managair/timeseries/node-series';
import { createEmptyDatabase } from '../support/empty-database';
import { readTestEnvironment } from '../support/test-env';
import { startManagair } from './managair-server';
import { type BenchResult, measureConcurrent } from './measure';

const installations = 1_000;
const clients = 200;
/** The pool size managair serves with (openDatabase's default). */
const poolSize = 10;
const overviewRequests = Number(process.env.CLAIR_BENCH_OVERVIEW_REQUESTS ?? 400);
const seriesRequests = 30;
const yearStart = 1_672_531_200; // 2023-01-01T00:00:00Z
const yearEnd = yearStart + 365 * 86_400;
/** The year node's 5-minute samples. */
const yearSamples = 365 * 288;
const password = 'bench-password-long-enough';

async function prepare(url: string): Promise<{ yearNode: string; organizationId: string }> {
  const database = openDatabase(url, () => undefined, 1);
  const { db } = database;
  try {
    await migrateToLatest(db);
    const nodes = Array.from({ length: installations + 1 }, () => ({ id: randomUUID() }));
    const { organizationId } = await insertTestInventory(db, 'Bench', nodes);
    const yearNode = nodes[installations]!.id;
    await sql`INSERT INTO samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent)
      SELECT ${yearNode}::uuid, t, 400 + (t / 300) % 1600, 21.5, 45
      FROM generate_series(${yearStart}::int, ${yearEnd - 300}::int, 300) AS t`.execute(db);
    const address = await db
      .insertInto('addresses')
      .values({ street1: 'Benchstraße 1', zip: '10115', city: 'Berlin' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('sites')
      .values({ name: 'Bench site', description: null, address_id: address.id, operator_id: organizationId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rooms = await db
      .insertInto('rooms')
      .values(Array.from({ length: 10 }, (_, i) => ({ name: `Room ${i}`, description: null, site_id: site.id })))
      .returning('id')
      .execute();
    await db
      .insertInto('installations')
      .values(
        nodes.slice(0, installations).map((node, i) => ({
          node_id: node.id,
          room_id: rooms[i % rooms.length]!.id,
          from_timestamp_s: yearStart,
          description: null,
        })),
      )
      .execute();
    // A week of 5-minute samples per installed node (2 million rows): the overview counts each
    // installation's samples over its whole period, so the count must not grow with the history.
    await sql`INSERT INTO samples (node_id, timestamp_s, co2_ppm)
      SELECT n.id, t, 600 FROM nodes n CROSS JOIN generate_series(${yearEnd - 7 * 86_400}::int, ${yearEnd - 300}::int, 300) AS t
      WHERE n.id <> ${yearNode}::uuid`.execute(db);
    await db
      .insertInto('users')
      .values({ username: 'bench', password: await hashPassword(password), is_superuser: true, is_staff: true })
      .execute();
    await sql`ANALYZE`.execute(db);
    return { yearNode, organizationId };
  } finally {
    await database.close();
  }
}

async function login(apiUrl: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/v1/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.api+json' },
    body: JSON.stringify({ data: { type: 'LoginView', attributes: { username: 'bench', password } } }),
  });
  const body = (await response.json()) as { data?: { attributes?: { key?: string } } };
  const key = body.data?.attributes?.key;
  if (!key) throw new Error(`login answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return key;
}

async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: { authorization: `Token ${token}`, accept: 'application/vnd.api+json' },
  });
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response.json();
}

export async function runApiBench(): Promise<BenchResult[]> {
  const env = readTestEnvironment();
  const database = await createEmptyDatabase(env.CLAIR_PG_URL, 'clair_bench_api');
  const server = { stop: async () => undefined } as { stop: () => Promise<void> };
  try {
    const { yearNode, organizationId } = await prepare(database.url);
    const direct = openDatabase(database.url, () => undefined, poolSize);
    const range = { from: yearStart, to: yearEnd };
    let seriesBaseline: BenchResult;
    let overviewBaseline: BenchResult;
    try {
      const { runs } = await nodeSeries(direct.db, yearNode, range, 'hourly');
      const hours = (JSON.parse(`[${runs.join(',')}]`) as unknown[]).length;
      if (hours !== 8760) throw new Error(`expected 8760 hours, got ${hours}`);
      seriesBaseline = await measureConcurrent(
        'hourly series of a year, the query in-process',
        1,
        seriesRequests,
        async () => {
          const { sampleCount } = await nodeSeries(direct.db, yearNode, range, 'hourly');
          if (sampleCount !== yearSamples) throw new Error(`expected ${yearSamples} samples, got ${sampleCount}`);
        },
      );
      const windows = (
        await direct.db
          .selectFrom('installations')
          .select(['id', 'node_id', 'from_timestamp_s', 'to_timestamp_s'])
          .execute()
      ).map((i) => ({ key: i.id, nodeId: i.node_id, fromS: i.from_timestamp_s, toS: i.to_timestamp_s }));
      // As many callers as the pool has connections: what the database itself sustains.
      overviewBaseline = await measureConcurrent(
        `sample summaries of ${installations} installations, the query alone, ${poolSize} concurrent`,
        poolSize,
        overviewRequests,
        async () => void (await sampleSummaries(direct.db, windows)),
      );
    } finally {
      await direct.close();
    }

    const api = await startManagair('api', { DATABASE_URL: database.url });
    server.stop = api.stop;
    const token = await login(api.url);
    const series = await measureConcurrent(
      'GET node timeseries, a year resampled hourly',
      1,
      seriesRequests,
      async () => {
        const body = (await getJson(
          `${api.url}/api/v1/nodes/${yearNode}/timeseries/?filter[resolution]=hourly&filter[from]=${yearStart}&filter[to]=${yearEnd}`,
          token,
        )) as { data: { attributes: { buckets: unknown[] } } };
        if (body.data.attributes.buckets.length !== 8760) throw new Error('expected 8760 hourly buckets');
      },
    );
    const overview = await measureConcurrent(
      `GET ${installations} installations with latest values, ${clients} concurrent clients`,
      clients,
      overviewRequests,
      async () => {
        const body = (await getJson(
          `${api.url}/api/v1/installations?filter[organization]=${organizationId}`,
          token,
        )) as {
          data: unknown[];
        };
        if (body.data.length !== installations) throw new Error(`expected ${installations} installations`);
      },
    );
    // Latency is what matters for the series: its ratio compares p50s (baseline p50 / API p50).
    return [
      seriesBaseline,
      { ...series, baseline: seriesBaseline.name, ratioToBaseline: seriesBaseline.p50Ms! / series.p50Ms! },
      overviewBaseline,
      {
        ...overview,
        baseline: overviewBaseline.name,
        ratioToBaseline: overview.perSecond / overviewBaseline.perSecond,
      },
    ];
  } finally {
    await server.stop();
    await database.drop();
  }
}
