/** `npm run bench [-- name …]`: runs every benchmark (or those named) and writes build/bench/results.json. */
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

/** Every benchmark by name; `npm run bench -- database sql-export` runs only those named. */
const benches: Record<string, () => Promise<BenchResult[]>> = {
  baseline: runBaselineBench,
  ingest: runIngestBench,
  loaddata: runLoaddataBench,
  'fixture-preview': runFixturePreviewBench,
  decode: runDecodeBench,
  pipeline: runPipelineBench,
  recovery: runRecoveryBench,
  api: runApiBench,
  deploy: runDeployBench,
  'control-centre-startup': runControlCentreStartupBench,
  'logs-view': runLogsViewBench,
  uplinks: runUplinksBench,
  database: runDatabaseBench,
  'sql-export': runSqlExportBench,
};
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}; there are: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}

// One after another: each benchmark needs the machine to itself.
const results: BenchResult[] = [];
for (const [name, run] of Object.entries(benches)) {
  if (asked.length === 0 || asked.includes(name)) results.push(...(await run()));
}

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
