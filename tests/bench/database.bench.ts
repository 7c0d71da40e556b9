/**
 * The Database screen's two heavy reads, through the real core (dispatcher, validation, session,
 * catalogue lookups, JSON-safe cells) against the local PostgreSQL, each against a baseline
 * measured in the same run on the same data:
 *
 * - the first page of a samples table of 10 million rows (CLAIR_BENCH_DB_ROWS) against a plain
 *   `SELECT * FROM samples LIMIT 100` (target: under 300 ms);
 * - the table list of a schema of 5,000 tables (CLAIR_BENCH_DB_TABLES), sizes and estimates
 *   included, against a bare `SELECT relname FROM pg_class` of that schema (target: under 2 s).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { contract } from '../../electron/contract';
import { createTestCore, streamAnswer } from '../../electron/core/test-core';
import { createSamplesDatabase } from '../e2e/database-samples';
import { type BenchResult, percentile } from './measure';

const rows = Number(process.env.CLAIR_BENCH_DB_ROWS ?? 10_000_000);
const tables = Number(process.env.CLAIR_BENCH_DB_TABLES ?? 5_000);
const nodes = 1_000;
const repeats = 30;

/** Latencies of `repeats` sequential runs of `work`, after one warm-up run. */
async function latencies(work: () => Promise<unknown>): Promise<number[]> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

function result(
  name: string,
  unit: string,
  times: number[],
  baseline?: { name: string; times: number[] },
): BenchResult {
  const seconds = times.reduce((a, b) => a + b, 0) / 1000;
  const p50 = percentile(times, 50);
  return {
    name,
    count: times.length,
    unit,
    seconds,
    perSecond: times.length / seconds,
    p50Ms: p50,
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    ...(baseline ? { baseline: baseline.name, ratioToBaseline: percentile(baseline.times, 50) / p50 } : {}),
  };
}

export async function runDatabaseBench(): Promise<BenchResult[]> {
  const database = await createSamplesDatabase(nodes, Math.ceil(rows / nodes));
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const environmentsDir = await mkdtemp(join(tmpdir(), 'dbconn-bench-'));
  await writeFile(join(environmentsDir, 'dbconnbench.env'), 'CLAIR_ENVIRONMENT_CLASS=development\n');
  const core = createTestCore({ environmentsDir, databaseTarget: () => ({ connectionString: database.url }) });
  const invoke = async (channel: keyof typeof contract.database, payload: unknown) => {
    const answer = await core.dispatcher.invoke(contract.database[channel].id, payload);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.result;
  };
  try {
    const environment = 'dbconnbench';
    const plainPage = await latencies(() => admin.query('SELECT * FROM samples LIMIT 100'));
    const firstPage = await latencies(() =>
      streamAnswer(core, contract.database.rows.id, { environment, schema: 'public', relation: 'samples', limit: 100 }),
    );

    await admin.query('CREATE SCHEMA wide');
    // In batches, each its own transaction: one would run out of lock slots (two locks per table).
    for (let first = 1; first <= tables; first += 250) {
      await admin.query(`DO $$ BEGIN
        FOR i IN ${first}..${Math.min(first + 249, tables)} LOOP
          EXECUTE format('CREATE TABLE wide.t%s (id bigint PRIMARY KEY, value text)', i);
        END LOOP;
      END $$`);
    }
    await admin.query('ANALYZE');
    const plainList = await latencies(() =>
      admin.query(`SELECT relname FROM pg_class WHERE relnamespace = 'wide'::regnamespace AND relkind = 'r'`),
    );
    const listing = await latencies(() => invoke('relations', { environment, schema: 'wide' }));

    const pageBaseline = `plain SELECT … LIMIT 100 (${rows.toLocaleString('en')} rows)`;
    const listBaseline = `plain pg_class names (${tables.toLocaleString('en')} tables)`;
    return [
      result(pageBaseline, 'pages', plainPage),
      result(`database: first page of samples (${rows.toLocaleString('en')} rows)`, 'pages', firstPage, {
        name: pageBaseline,
        times: plainPage,
      }),
      result(listBaseline, 'listings', plainList),
      result(`database: list a schema of ${tables.toLocaleString('en')} tables`, 'listings', listing, {
        name: listBaseline,
        times: plainList,
      }),
    ];
  } finally {
    await core.dispose();
    await admin.end();
    await database.drop();
  }
}
