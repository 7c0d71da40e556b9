/**
 * `managair loaddata` of a generated fixture of a million samples (for 50 nodes of a small
 * inventory) into a fresh, migrated database, compared with a raw COPY of the same rows into the
 * same samples table, measured in the same run. It also reports how much the process's resident
 * memory grew during the load: the loader streams, so the growth must not scale with the file.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { captureIo } from '../../services/managair/cli/capture-io';
import { runManagair } from '../../services/managair/cli/run-managair';
import { nodeIdFromDevEui } from '../../services/domain/nodes/node-id';
import { readTestEnvironment } from '../support/test-env';
import { type BenchResult, measure } from './measure';

const sampleCount = Number(process.env.CLAIR_BENCH_FIXTURE_SAMPLES ?? 1_000_000);
const nodes = Array.from({ length: 50 }, (_, i) => ({
  eui: `A81758FFFE06${i.toString(16).toUpperCase().padStart(4, '0')}`,
  id: nodeIdFromDevEui('ELSYSERS', `A81758FFFE06${i.toString(16).toUpperCase().padStart(4, '0')}`),
}));

export interface LoaddataBenchResult extends BenchResult {
  /** The largest growth of the process's resident set during the load, over its size before. */
  peakRssGrowthMiB: number;
}

/** Sample i: the nodes take turns, each reporting once a minute. */
export function sample(i: number) {
  return {
    node: nodes[i % nodes.length]!.id,
    timestamp_s: 1_600_000_000 + Math.floor(i / nodes.length) * 60,
    co2_ppm: 400 + (i % 1600),
    temperature_celsius: (18 + (i % 70) / 10).toFixed(1),
    rel_humidity_percent: 30 + (i % 40),
    measurement_status: 'M',
  };
}

export function inventory(): object[] {
  return [
    { model: 'core.organization', pk: 1, fields: { name: 'Bench school' } },
    { model: 'core.nodeprotocol', pk: 1, fields: { identifier: 'ELSYSERSPROT_V01' } },
    {
      model: 'core.nodemodel',
      pk: 1,
      fields: { name: 'ELSYS_ERS_CO2', trade_name: 'ERS CO2', manufacturer: 'Elsys', sensor_type: 'LP8' },
    },
    ...nodes.map(({ eui, id }) => ({
      model: 'core.node',
      pk: id,
      fields: { eui64: eui, alias: `Room ${eui.slice(-4)}`, protocol: 1, model: 1, owner: 1 },
    })),
  ];
}

/** Writes the fixture a thousand records at a time, as dumpdata would: one record a line. */
export async function writeFixture(path: string, records: () => Iterable<object>): Promise<void> {
  function* chunks(): Generator<string> {
    let chunk = '[';
    let separator = '\n';
    for (const record of records()) {
      chunk += `${separator}${JSON.stringify(record)}`;
      separator = ',\n';
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}\n]\n`;
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
}

function* samples(): Generator<object> {
  for (let i = 0; i < sampleCount; i++) yield { model: 'core.sample', fields: sample(i) };
}

async function copySamples(pool: pg.Pool): Promise<void> {
  function* chunks(): Generator<string> {
    for (let start = 0; start < sampleCount; start += 1_000) {
      let chunk = '';
      for (let i = start; i < Math.min(sampleCount, start + 1_000); i++) {
        const s = sample(i);
        chunk += `${s.node}\t${s.timestamp_s}\t${s.co2_ppm}\t${s.temperature_celsius}\t${s.rel_humidity_percent}\t${s.measurement_status}\n`;
      }
      yield chunk;
    }
  }
  const client = await pool.connect();
  try {
    await pipeline(
      Readable.from(chunks()),
      client.query(
        copyFrom(
          'COPY samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status) FROM STDIN',
        ),
      ),
    );
  } finally {
    client.release();
  }
}

/** The peak resident set, sampled every 100 ms, above what it was when sampling started. */
export function watchResidentMemory(): () => number {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss()) - start;
  };
}

async function loaddata(url: string, file: string): Promise<void> {
  const io = captureIo({ DATABASE_URL: url });
  if ((await runManagair(['loaddata', file], io)) !== 0) throw new Error(`loaddata failed: ${io.errors()}`);
}

export async function runLoaddataBench(): Promise<BenchResult[]> {
  const adminUrl = readTestEnvironment().CLAIR_PG_URL;
  const name = `clair_bench_${randomBytes(4).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'clair-loaddata-bench-'));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), () => undefined, 1);
  try {
    await migrateToLatest(database.db);
    const inventoryFile = join(dir, 'inventory.json');
    const samplesFile = join(dir, 'samples.json');
    await writeFixture(inventoryFile, inventory);
    await writeFixture(samplesFile, samples);
    await loaddata(url.toString(), inventoryFile);

    const copy = await measure('postgres COPY into samples (keyed, checked, node FK)', sampleCount, 'samples', () =>
      copySamples(database.pool),
    );
    await database.pool.query('TRUNCATE samples');

    const memoryGrowth = watchResidentMemory();
    const load = await measure('managair loaddata, fixture file of samples', sampleCount, 'samples', () =>
      loaddata(url.toString(), samplesFile),
    );
    const peakRssGrowthMiB = Math.round(memoryGrowth() / 2 ** 20);
    const { rows } = await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM samples');
    if (rows[0]?.count !== sampleCount) throw new Error(`loaddata stored ${rows[0]?.count} of ${sampleCount} samples`);

    const loadResult: LoaddataBenchResult = {
      ...load,
      name: `${load.name} (peak RSS growth ${peakRssGrowthMiB} MiB)`,
      baseline: copy.name,
      ratioToBaseline: load.perSecond / copy.perSecond,
      peakRssGrowthMiB,
    };
    return [{ ...copy, baseline: copy.name }, loadResult];
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
}
