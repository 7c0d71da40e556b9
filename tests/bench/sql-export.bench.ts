/**
 * The SQL editor's export of a large result, as CSV (COPY … TO STDOUT) and as JSON (a cursor,
 * batch by batch), against the local PostgreSQL: one million rows (CLAIR_BENCH_SQL_EXPORT_ROWS)
 * and a tenth of them. Memory must stay flat: each run reports the growth of the resident set
 * over the run (sampled), and the ratio of the large run's growth to the small one's should stay
 * near 1. The baseline, measured in the same run, is a bare `COPY (…) TO STDOUT` into /dev/null.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';

import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import type { ExportFormat } from '../../electron/contract';
import { connectDatabase } from '../../electron/core/database/connect-database';
import { DatabaseSession } from '../../electron/core/database/database-sessions';
import { exportData } from '../../electron/core/sql/export-data';
import { Workspace } from '../../electron/core/workspace/workspace';
import { createSamplesDatabase } from '../e2e/database-samples';
import { type BenchResult, measure } from './measure';

const rows = Number(process.env.CLAIR_BENCH_SQL_EXPORT_ROWS ?? 1_000_000);
const nodes = 1_000;

/** Runs `work` while sampling the resident set; the result carries the peak growth in MiB. */
async function withPeakRss(work: () => Promise<BenchResult>): Promise<BenchResult> {
  global.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { ...result, extra: { ...result.extra, rssGrowthMiB: (peak - start) / 2 ** 20 } };
  } finally {
    clearInterval(sampler);
  }
}

export async function runSqlExportBench(): Promise<BenchResult[]> {
  const database = await createSamplesDatabase(nodes, Math.ceil(rows / nodes));
  const folder = await mkdtemp(join(tmpdir(), 'dbsql-bench-'));
  await writeFile(join(folder, 'unused.env'), '');
  const workspace = new Workspace({
    root: resolve(import.meta.dirname, '../..'),
    env: process.env,
    environmentsDir: folder,
  });
  const target = { connectionString: database.url };
  const session = new DatabaseSession(
    'bench',
    await connectDatabase(workspace, target, { readOnly: true }),
    undefined,
    () => connectDatabase(workspace, target, { readOnly: false }),
  );
  const small = Math.round(rows / 10);
  const query = (limit: number) => `SELECT * FROM samples ORDER BY node_id, timestamp_s LIMIT ${limit}`;

  const exportRun = (format: ExportFormat, limit: number) =>
    withPeakRss(() => {
      const path = join(folder, `export-${limit}.${format}`);
      return measure(`sql export ${format} ${limit.toLocaleString('en')} rows`, limit, 'rows', async () => {
        await exportData(
          session,
          { source: { type: 'query', sql: query(limit) }, format, path },
          () => undefined,
          new AbortController().signal,
        );
        await rm(path);
      });
    });

  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    const baseline = await withPeakRss(() =>
      measure(`COPY TO STDOUT into /dev/null ${rows.toLocaleString('en')} rows (baseline)`, rows, 'rows', () =>
        pipeline(
          admin.query(copyTo(`COPY (${query(rows)}) TO STDOUT WITH (FORMAT csv, HEADER)`)),
          createWriteStream('/dev/null'),
        ),
      ),
    );
    const results: BenchResult[] = [baseline];
    for (const format of ['csv', 'json'] as const) {
      const few = await exportRun(format, small);
      const many = await exportRun(format, rows);
      const growth = (r: BenchResult) => r.extra?.rssGrowthMiB ?? 0;
      results.push(few, {
        ...many,
        baseline: baseline.name,
        ratioToBaseline: many.perSecond / baseline.perSecond,
        // Flat memory: ten times the rows, about the same growth (1 MiB floor against noise).
        extra: { ...many.extra, rssGrowthRatioTo10thRows: Math.max(growth(many), 1) / Math.max(growth(few), 1) },
      });
    }
    return results;
  } finally {
    await admin.end();
    await session.close();
    await workspace.dispose();
    await database.drop();
    await rm(folder, { recursive: true, force: true });
  }
}
