/** `npm run bench`: runs every benchmark and writes build/bench/results.json. */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

import { runApiBench } from './api.bench';
import { runBaselineBench } from './baseline.bench';
import { runControlCentreStartupBench } from './control-centre-startup.bench';
import { runDatabaseBench } from './database.bench';
import { runDecodeBench } from './decode.bench';
import { runDeployBench } from './deploy.bench';
import { runFixturePreviewBench } from './fixture-preview.bench';
import { runIngestBench } from './ingest.bench';
import { runLoaddataBench } from './loaddata.bench';
import { runLogsViewBench } from './logs-view.bench';
import { runPipelineBench } from './pipeline.bench';
import { runRecoveryBench } from './recovery.bench';
import { runSqlExportBench } from './sql-export.bench';
import { runUplinksBench } from './uplinks.bench';
import type { BenchResult } from './measure';

// One after another: each benchmark needs the machine to itself.
const results: BenchResult[] = [
  ...(await runBaselineBench()),
  ...(await runIngestBench()),
  ...(await runLoaddataBench()),
  ...(await runFixturePreviewBench()),
  ...(await runDecodeBench()),
  ...(await runPipelineBench()),
  ...(await runRecoveryBench()),
  ...(await runApiBench()),
  ...(await runDeployBench()),
  ...(await runControlCentreStartupBench()),
  ...(await runLogsViewBench()),
  ...(await runUplinksBench()),
  ...(await runDatabaseBench()),
  ...(await runSqlExportBench()),
];

for (const r of results) {
  const ratio = r.ratioToBaseline === undefined ? '' : `  (${r.ratioToBaseline.toFixed(2)}× ${r.baseline})`;
  const rate = r.perSecond >= 10 ? ` = ${Math.round(r.perSecond)} ${r.unit}/s` : '';
  const p95 = r.p95Ms === undefined ? '' : `, p95 ${r.p95Ms.toFixed(1)} ms`;
  const latency = r.p50Ms === undefined ? '' : `, p50 ${r.p50Ms.toFixed(1)} ms${p95}, p99 ${r.p99Ms?.toFixed(1)} ms`;
  const extra = Object.entries(r.extra ?? {})
    .map(([key, value]) => `, ${key} ${Number.isInteger(value) ? value : value.toFixed(2)}`)
    .join('');
  console.log(`${r.name}: ${r.count} ${r.unit} in ${r.seconds.toFixed(2)} s${rate}${latency}${ratio}${extra}`);
}

await mkdir('build/bench', { recursive: true });
const report = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.versions.node },
  results,
};
await writeFile('build/bench/results.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('Wrote build/bench/results.json');
