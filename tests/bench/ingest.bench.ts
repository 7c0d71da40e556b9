/**
 * ingestair's throughput over real HTTP on 127.0.0.1, batches of 1, 100 and 1000 samples, each
 * compared with the plain multi-row INSERT … ON CONFLICT DO NOTHING into the same samples table,
 * measured in the same run. The server is `managair serve --mode ingest` in a process of its own,
 * as in the stack, so that the client's work here does not count against it.
 */
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { insertTestInventory } from '../../services/database/test-inventory';
import { createEmptyDatabase } from '../support/empty-database';
import { readTestEnvironment } from '../support/test-env';
import { startManagair, type ManagairServer } from './managair-server';
import { type BenchResult, measure } from './measure';

const samples = Number(process.env.CLAIR_BENCH_INGEST_SAMPLES ?? 200_000);
/** Batch size → samples sent that way; one request per sample is slow, so it sends fewer. */
const runs: [number, number][] = [
  [1, Math.max(1, Math.round(samples / 60))],
  [100, Math.max(100, Math.round(samples / 4))],
  [1000, samples],
];
export const baselineRowsPerStatement = 1_000;
const token = randomBytes(24).toString('hex');
const nodes = Array.from(
  { length: 50 },
  (_, i) => `${randomBytes(4).toString('hex')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
);

/** One row of the samples table, as the baseline sends it. */
export interface Row {
  node: string;
  timestamp: number;
  co2: number;
  temperature: number | null;
  humidity: number | null;
}

function row(i: number): Row {
  return {
    node: nodes[i % nodes.length]!,
    timestamp: 1_600_000_000 + Math.floor(i / nodes.length) * 60,
    co2: 400 + (i % 1600),
    temperature: (150 + (i % 150)) / 10,
    humidity: 30 + (i % 50),
  };
}

function resource(r: Row) {
  return {
    type: 'Sample',
    attributes: {
      timestamp_s: r.timestamp,
      co2_ppm: r.co2,
      temperature_celsius: r.temperature,
      rel_humidity_percent: r.humidity,
    },
    relationships: { node: { data: { type: 'Node', id: r.node } } },
  };
}

async function prepareSchema(url: string): Promise<void> {
  const database = openDatabase(url, () => undefined, 1);
  try {
    await migrateToLatest(database.db);
    await insertTestInventory(
      database.db,
      'Bench',
      nodes.map((id) => ({ id })),
    );
  } finally {
    await database.close();
  }
}

/** The baseline: what PostgreSQL takes when a client sends the rows itself, no HTTP, no checks. */
export async function insertBaseline(client: pg.Client, rows: readonly Row[]): Promise<void> {
  for (let start = 0; start < rows.length; start += baselineRowsPerStatement) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const r of rows.slice(start, start + baselineRowsPerStatement)) {
      const b = values.length;
      values.push(r.node, r.timestamp, r.co2, r.temperature?.toFixed(1) ?? null, r.humidity);
      tuples.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`);
    }
    await client.query(
      `INSERT INTO samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent)
       VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
      values,
    );
  }
}

/** Sends `count` samples in batches of `batch`, one request after the other, as a forwarder does. */
async function sendBatches(url: string, batch: number, count: number, offset: number): Promise<void> {
  // Bodies are built before the clock starts: the client's JSON work is not ingestair's.
  const bodies: string[] = [];
  for (let start = 0; start < count; start += batch) {
    const rows = Array.from({ length: Math.min(batch, count - start) }, (_, k) => resource(row(offset + start + k)));
    bodies.push(JSON.stringify({ data: batch === 1 ? rows[0] : rows }));
  }
  const send = async (): Promise<void> => {
    for (const body of bodies) {
      const response = await fetch(`${url}/ingest/v1/ingest/`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json', authorization: `Bearer ${token}` },
        body,
      });
      const result = (await response.json()) as { meta?: { created?: number } };
      if (response.status >= 300 || !result.meta?.created) {
        throw new Error(`ingest answered ${response.status}: ${JSON.stringify(result).slice(0, 300)}`);
      }
    }
  };
  return send();
}

export async function runIngestBench(): Promise<BenchResult[]> {
  const env = readTestEnvironment();
  const database = await createEmptyDatabase(env.CLAIR_PG_URL, 'clair_bench_ingest');
  let server: ManagairServer | undefined;
  try {
    await prepareSchema(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let baseline: BenchResult;
    try {
      baseline = await measure(
        `postgres INSERT ON CONFLICT DO NOTHING into samples, ${baselineRowsPerStatement} rows/statement`,
        samples,
        'samples',
        () =>
          insertBaseline(
            client,
            Array.from({ length: samples }, (_, i) => row(i)),
          ),
      );
      await client.query('TRUNCATE samples');
    } finally {
      await client.end();
    }

    const ingestair = await startManagair('ingest', { DATABASE_URL: database.url, INGEST_TOKEN: token });
    server = ingestair;
    const results: BenchResult[] = [baseline];
    // Each run's samples follow the previous run's, so every one is created, none a duplicate.
    let offset = 0;
    for (const [batch, count] of runs) {
      const result = await measure(
        `ingestair HTTP ingest, ${batch} sample${batch === 1 ? '' : 's'}/request, 1 connection`,
        count,
        'samples',
        () => sendBatches(ingestair.url, batch, count, offset),
      );
      offset += count;
      results.push({ ...result, baseline: baseline.name, ratioToBaseline: result.perSecond / baseline.perSecond });
    }
    return results;
  } finally {
    await server?.stop();
    await database.drop();
  }
}
