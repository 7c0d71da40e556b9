/**
 * The baselines later benchmarks are compared with, measured in the same run on this machine:
 * how fast PostgreSQL takes samples-shaped rows by COPY and by multi-row INSERT … ON CONFLICT DO
 * NOTHING, and how long `docker stack deploy` takes until a small stack's tasks run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { stringify } from 'yaml';

import { docker, removeStack } from '../support/docker-cli';
import { createEmptyDatabase } from '../support/empty-database';
import { readTestEnvironment } from '../support/test-env';
import { type BenchResult, measure } from './measure';

const rows = Number(process.env.CLAIR_BENCH_ROWS ?? 200_000);
const insertBatch = 1_000;
const nodes = Array.from({ length: 50 }, () => randomUUID());

/** The columns of the original's samples, keyed by (node, timestamp_s) as managair keys them. */
const samplesTable = `
  CREATE TABLE samples (
    node_id uuid NOT NULL,
    timestamp_s integer NOT NULL,
    co2_ppm real,
    temperature_celsius real,
    rel_humidity_percent real,
    lux real,
    PRIMARY KEY (node_id, timestamp_s)
  )`;

function sample(i: number): [string, number, number, number, number, number] {
  return [nodes[i % nodes.length]!, 1_600_000_000 + Math.floor(i / nodes.length) * 60, 400 + (i % 1600), 21.5, 45, 120];
}

async function withDatabase<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const database = await createEmptyDatabase(adminUrl, 'clair_bench_baseline');
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    await client.query(samplesTable);
    return await work(client);
  } finally {
    await client.end();
    await database.drop();
  }
}

async function copyRows(client: pg.Client): Promise<void> {
  // Chunks of a thousand lines: one stream chunk per row would measure the stream, not COPY.
  function* chunks(): Generator<string> {
    for (let start = 0; start < rows; start += insertBatch) {
      let chunk = '';
      for (let i = start; i < Math.min(rows, start + insertBatch); i++) chunk += `${sample(i).join('\t')}\n`;
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom('COPY samples FROM STDIN')));
}

async function insertRows(client: pg.Client): Promise<void> {
  for (let start = 0; start < rows; start += insertBatch) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = start; i < Math.min(rows, start + insertBatch); i++) {
      const base = values.length;
      values.push(...sample(i));
      tuples.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`);
    }
    await client.query(`INSERT INTO samples VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, values);
  }
}

async function deployUntilRunning(dockerHost: string, image: string, services: number): Promise<void> {
  const stack = `clairbench${Date.now().toString(36)}`;
  const compose = {
    version: '3.8',
    services: Object.fromEntries(
      Array.from({ length: services }, (_, i) => [
        `svc${i}`,
        {
          image,
          command: ['node', '-e', 'setInterval(() => {}, 1 << 30)'],
          init: true,
          deploy: { endpoint_mode: 'dnsrr', replicas: 1 },
        },
      ]),
    ),
  };
  const file = join(await mkdtemp(join(tmpdir(), 'clair-bench-')), 'stack.yml');
  await writeFile(file, stringify(compose));
  try {
    await docker(dockerHost, ['stack', 'deploy', '--resolve-image', 'never', '-c', file, stack]);
    for (;;) {
      const states = await docker(dockerHost, ['stack', 'ps', stack, '--format', '{{.CurrentState}}']);
      const running = states.split('\n').filter((s) => s.startsWith('Running')).length;
      if (running === services) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await removeStack(dockerHost, stack);
  }
}

export async function runBaselineBench(): Promise<BenchResult[]> {
  const env = readTestEnvironment();
  const copy = await withDatabase(env.CLAIR_PG_URL, (client) =>
    measure('postgres COPY samples', rows, 'rows', () => copyRows(client)),
  );
  const insert = await withDatabase(env.CLAIR_PG_URL, (client) =>
    measure(`postgres INSERT ON CONFLICT DO NOTHING, ${insertBatch} rows/statement`, rows, 'rows', () =>
      insertRows(client),
    ),
  );
  const deploy = await measure('docker stack deploy, 3 services, until all tasks run', 3, 'services', () =>
    deployUntilRunning(env.DOCKER_HOST, env.CLAIR_IMAGE_NODE, 3),
  );
  return [
    { ...copy, baseline: copy.name },
    { ...insert, baseline: copy.name, ratioToBaseline: insert.perSecond / copy.perSecond },
    deploy,
  ];
}
