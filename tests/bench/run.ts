/** `npm run bench`: runs every benchmark and writes build/bench/results.json. */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

import { runApiBench } from './api.bench';
import { runBaselineBench } from './baseline.bench';
import { runDecodeBench } from './decode.bench';
import { runDeployBench } from './deploy.bench';
import { runIngestBench } from './ingest.bench';
import { runLoaddataBench } from './loaddata.bench';
import { runPipelineBench } from './pipeline.bench';
import type { BenchResult } from './measure';

// One after another: each benchmark needs the machine to itself.
const results: BenchResult[] = [
  ...(await runBaselineBench()),
  ...(await runIngestBench()),
  ...(await runLoaddataBench()),
  ...(await runDecodeBench()),
  ...(await runPipelineBench()),
  ...(await runApiBench()),
  ...(await runDeployBench()),
];

for (const r of results) {
  const ratio = r.ratioToBaseline === undefined ? '' : `  (${r.ratioToBaseline.toFixed(2)}× ${r.baseline})`;
  const rate = r.perSecond >= 10 ? ` = ${Math.round(r.perSecond)} ${r.unit}/s` : '';
  const latency = r.p50Ms === undefined ? '' : `, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms?.toFixed(1)} ms`;
  console.log(`${r.name}: ${r.count} ${r.unit} in ${r.seconds.toFixed(2)} s${rate}${latency}${ratio}`);
}

await mkdir('build/bench', { recursive: true });
const report = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.versions.node },
  results,
};
await writeFile('build/bench/results.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('Wrote build/bench/results.json');
