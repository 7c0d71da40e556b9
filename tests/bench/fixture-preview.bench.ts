/**
 * The control centre's fixture preview (issue 8, point 2) of a generated fixture of a million
 * samples (50 nodes, all stored, so every sample is looked up by key) against a migrated
 * database, next to the baseline of reading the same file with stream-json alone, measured in the
 * same run. Each run is a child process of its own, so that its peak resident memory is its own:
 * the preview streams, so its growth on a file ten times larger must stay about the same.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { loadFixture } from '../../services/fixtures/fixture-loader';
import { previewImport } from '../../services/fixtures/fixture-preview';
import { readFixtureElements } from '../../services/fixtures/fixture-reader';
import { fixtureItems } from '../../services/fixtures/import-items';
import { createEmptyDatabase } from '../support/empty-database';
import { readTestEnvironment } from '../support/test-env';
import { answerParent, runInChild } from './forked-child';
import { inventory, sample, watchResidentMemory, writeFixture } from './loaddata.bench';
import type { BenchResult } from './measure';

const largeCount = Number(process.env.CLAIR_BENCH_PREVIEW_SAMPLES ?? 1_000_000);
const smallCount = Math.round(largeCount / 10);
const childFlag = '--fixture-preview-child';
/** The database URL goes to the child in its environment: arguments are visible to every user in ps. */
const urlVariable = 'CLAIR_BENCH_PREVIEW_DATABASE_URL';

type Work = 'read' | 'preview';
interface ChildResult {
  seconds: number;
  records: number;
  peakRssGrowthMiB: number;
}

function* samples(count: number): Generator<object> {
  for (let i = 0; i < count; i++) yield { model: 'core.sample', fields: sample(i) };
}

/** In the child: one read or preview of the file, timed, with the peak growth of its resident set. */
async function runChild(work: Work, file: string, url: string): Promise<ChildResult> {
  const input = { open: () => createReadStream(file), rereadable: true };
  const memoryGrowth = watchResidentMemory();
  const started = performance.now();
  let records = 0;
  if (work === 'read') {
    // stream-json's parser: the reader's path for a stream that cannot be read again.
    for await (const elements of readFixtureElements({ ...input, rereadable: false })) records += elements.length;
  } else {
    const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c default_transaction_read_only=on' });
    const client = await pool.connect();
    try {
      const preview = await previewImport(client, fixtureItems(input), () => undefined);
      records = preview.records;
      const samples = preview.models.find((m) => m.model === 'core.sample');
      if (samples?.present !== 0 || samples.insert !== records)
        throw new Error(`unexpected preview ${JSON.stringify(preview.models)}`);
    } finally {
      client.release();
      await pool.end();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, records, peakRssGrowthMiB: Math.round(memoryGrowth() / 2 ** 20) };
}

/** The preview child's heap limit, far smaller than the large file's records. */
const heapLimitMiB = 64;

function inChild(work: Work, file: string, url: string): Promise<ChildResult> {
  return runInChild<ChildResult>(import.meta.filename, [childFlag, work, file], {
    heapLimitMiB,
    env: { [urlVariable]: url },
  });
}

function result(name: string, run: ChildResult, baseline?: BenchResult): BenchResult {
  return {
    name,
    count: run.records,
    unit: 'samples',
    seconds: run.seconds,
    perSecond: run.records / run.seconds,
    ...(baseline ? { baseline: baseline.name, ratioToBaseline: run.records / run.seconds / baseline.perSecond } : {}),
    extra: { 'peak RSS growth MiB': run.peakRssGrowthMiB },
  };
}

export async function runFixturePreviewBench(): Promise<BenchResult[]> {
  const adminUrl = readTestEnvironment().CLAIR_PG_URL;
  const scratch = await createEmptyDatabase(adminUrl, 'clair_bench_fixture_preview');
  const dir = await mkdtemp(join(tmpdir(), 'clair-fixture-preview-bench-'));
  const database = openDatabase(scratch.url, () => undefined, 1);
  try {
    await migrateToLatest(database.db);
    const inventoryFile = join(dir, 'inventory.json');
    await writeFixture(inventoryFile, inventory);
    const client = await database.pool.connect();
    await loadFixture(client, {
      name: 'inventory',
      open: () => createReadStream(inventoryFile),
      rereadable: true,
    }).finally(() => client.release());
    const largeFile = join(dir, 'large.json');
    const smallFile = join(dir, 'small.json');
    await writeFixture(largeFile, () => samples(largeCount));
    await writeFixture(smallFile, () => samples(smallCount));

    const read = result('stream-json parsing the fixture file alone', await inChild('read', largeFile, scratch.url));
    const small = await inChild('preview', smallFile, scratch.url);
    const large = await inChild('preview', largeFile, scratch.url);
    const preview = result(`fixture preview of ${largeCount} samples against PostgreSQL`, large, read);
    preview.extra = {
      ...preview.extra,
      [`peak RSS growth MiB at ${smallCount} samples`]: small.peakRssGrowthMiB,
      'RSS growth ratio large/small': large.peakRssGrowthMiB / Math.max(1, small.peakRssGrowthMiB),
      'heap limit MiB': heapLimitMiB,
    };
    return [{ ...read, baseline: read.name }, preview];
  } finally {
    await database.close();
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === childFlag) {
  const [work, file] = process.argv.slice(3) as [Work, string];
  await answerParent(() => runChild(work, file, process.env[urlVariable]!));
}
