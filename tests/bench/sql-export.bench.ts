/**
 * The SQL editor's export of a large result, as CSV (COPY … TO STDOUT) and as JSON (a cursor,
 * batch by batch), against the local PostgreSQL: one million rows (CLAIR_BENCH_SQL_EXPORT_ROWS)
 * and a tenth of them. Each run is a child process of its own under a heap far smaller than the
 * million rows (forked-child.ts), so memory that grew with the rows would end it out of memory;
 * its peak resident and heap memory should stay about the same at ten times the rows. The
 * baseline, measured the same way in the same run, is a bare `COPY (…) TO STDOUT` into /dev/null.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';

import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import type { ExportEvent } from '../../electron/contract';
import { connectDatabase } from '../../electron/core/database/connect-database';
import { DatabaseSession } from '../../electron/core/database/database-sessions';
import { exportData } from '../../electron/core/sql/export-data';
import { Workspace } from '../../electron/core/workspace/workspace';
import { createSamplesDatabase } from '../e2e/database-samples';
import { answerParent, runInChild } from './forked-child';
import type { BenchResult } from './measure';

const rows = Number(process.env.CLAIR_BENCH_SQL_EXPORT_ROWS ?? 1_000_000);
const nodes = 1_000;
/** Each child's heap, far less than a million rows (over 150 MiB as JSON), its young generation fixed too. */
const heapLimitMiB = 64;
const semiSpaceMiB = 2;
const childFlag = '--sql-export-child';
const urlVariable = 'CLAIR_BENCH_SQL_EXPORT_DATABASE_URL';

type Work = 'copy' | 'csv' | 'json';
interface ChildResult {
  seconds: number;
  rows: number;
  bytes: number;
  peakRssGrowthMiB: number;
  peakHeapUsedMiB: number;
}

const query = (limit: number) => `SELECT * FROM samples ORDER BY node_id, timestamp_s LIMIT ${limit}`;

/** Samples memory until the returned function is called: the resident set's peak growth and the heap's peak use. */
function watchMemory(): () => Pick<ChildResult, 'peakRssGrowthMiB' | 'peakHeapUsedMiB'> {
  const start = process.memoryUsage.rss();
  let peakRss = start;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  const timer = setInterval(sample, 10);
  return () => {
    clearInterval(timer);
    sample();
    return { peakRssGrowthMiB: (peakRss - start) / 2 ** 20, peakHeapUsedMiB: peakHeap / 2 ** 20 };
  };
}

async function measured(work: () => Promise<{ rows: number; bytes: number }>): Promise<ChildResult> {
  const memory = watchMemory();
  const started = performance.now();
  const done = await work();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, ...done, ...memory() };
}

async function bareCopy(url: string, limit: number): Promise<ChildResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await measured(async () => {
      const sink = createWriteStream('/dev/null');
      await pipeline(client.query(copyTo(`COPY (${query(limit)}) TO STDOUT WITH (FORMAT csv, HEADER)`)), sink);
      return { rows: limit, bytes: sink.bytesWritten };
    });
  } finally {
    await client.end();
  }
}

async function exportRun(url: string, format: 'csv' | 'json', limit: number, folder: string): Promise<ChildResult> {
  const workspace = new Workspace({
    root: resolve(import.meta.dirname, '../..'),
    env: process.env,
    environmentsDir: folder,
  });
  const target = { connectionString: url };
  const session = new DatabaseSession(
    'bench',
    await connectDatabase(workspace, target, { readOnly: true }),
    undefined,
    () => connectDatabase(workspace, target, { readOnly: false }),
  );
  const path = join(folder, `export-${limit}.${format}`);
  try {
    return await measured(async () => {
      let done: ExportEvent | undefined;
      await exportData(
        session,
        { source: { type: 'query', sql: query(limit) }, format, path },
        (event) => (done = event.type === 'done' ? event : done),
        new AbortController().signal,
      );
      if (done?.type !== 'done' || done.rows !== limit) throw new Error(`exported ${JSON.stringify(done)} of ${limit}`);
      return { rows: done.rows, bytes: done.bytes };
    });
  } finally {
    await rm(path, { force: true });
    await session.close();
    await workspace.dispose();
  }
}

function inChild(work: Work, limit: number, folder: string, url: string): Promise<ChildResult> {
  return runInChild<ChildResult>(import.meta.filename, [childFlag, work, String(limit), folder], {
    heapLimitMiB,
    semiSpaceMiB,
    env: { [urlVariable]: url },
  });
}

function result(name: string, run: ChildResult, baseline?: BenchResult): BenchResult {
  return {
    name,
    count: run.rows,
    unit: 'rows',
    seconds: run.seconds,
    perSecond: run.rows / run.seconds,
    ...(baseline ? { baseline: baseline.name, ratioToBaseline: run.rows / run.seconds / baseline.perSecond } : {}),
    extra: {
      'MiB written': run.bytes / 2 ** 20,
      'peak RSS growth MiB': run.peakRssGrowthMiB,
      'peak heap used MiB': run.peakHeapUsedMiB,
    },
  };
}

export async function runSqlExportBench(): Promise<BenchResult[]> {
  const database = await createSamplesDatabase(nodes, Math.ceil(rows / nodes));
  const folder = await mkdtemp(join(tmpdir(), 'dbsql-bench-'));
  await writeFile(join(folder, 'unused.env'), '');
  const small = Math.round(rows / 10);
  const label = (n: number) => `${n.toLocaleString('en')} rows`;
  try {
    const copy = await inChild('copy', rows, folder, database.url);
    const baseline = result(`COPY TO STDOUT into /dev/null ${label(rows)} (baseline)`, copy);
    const results: BenchResult[] = [{ ...baseline, baseline: baseline.name }];
    for (const format of ['csv', 'json'] as const) {
      const few = await inChild(format, small, folder, database.url);
      const many = await inChild(format, rows, folder, database.url);
      const large = result(`sql export ${format} ${label(rows)}`, many, baseline);
      large.extra = {
        ...large.extra,
        // Flat memory: ten times the rows, about the same growth (1 MiB floor against noise).
        'peak RSS growth ratio to a tenth of the rows':
          Math.max(many.peakRssGrowthMiB, 1) / Math.max(few.peakRssGrowthMiB, 1),
        'heap limit MiB': heapLimitMiB,
        'semi-space MiB': semiSpaceMiB,
      };
      results.push(result(`sql export ${format} ${label(small)}`, few), large);
    }
    return results;
  } finally {
    await database.drop();
    await rm(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === childFlag) {
  const [work, limit, folder] = process.argv.slice(3) as [Work, string, string];
  const url = process.env[urlVariable]!;
  await answerParent(() =>
    work === 'copy' ? bareCopy(url, Number(limit)) : exportRun(url, work, Number(limit), folder),
  );
}
