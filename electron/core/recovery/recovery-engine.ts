import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';

import type pg from 'pg';

import { fixtureModels } from '../../../services/fixtures/fixture-models';
import { writeText } from '../../../services/fixtures/write-text';
import {
  ClairError,
  type RecoveryDevicePreview,
  type RecoveryFetchEvent,
  type RecoveryImportEvent,
  type RecoveryApplication,
  type RecoveryPlan,
  type RecoveryPreview,
  type RecoveryProblem,
  type RecoverySeriesPoint,
} from '../../contract';
import { findSampleGaps, rangesToFetch, usualIntervalS } from './gap-finder';
import { RecoveredSamples } from './recovered-samples';
import {
  co2Series,
  insertSamples,
  nodesOfProtocol,
  presentKeys,
  registeredNodes,
  sampleTimes,
  type SampleRow,
} from './recovery-sql';
import type { RecoveryRun, RecoveryRuns } from './recovery-runs';
import { fetchRange, type FetchRangeOptions, type StorageAccess } from './storage-client';

/** A device's interval when it has too few samples in the window to tell its own. */
const fallbackIntervalS = 300;
/** Rows per INSERT: each batch is a transaction, so progress and resume move in these steps. */
export const importBatchRows = 2_000;

/** Step 2: every device of the application, its samples in the retention window and their gaps; a new run. */
export async function planRecovery(
  db: pg.Pool,
  runs: RecoveryRuns,
  request: { environment: string; application: RecoveryApplication; retentionHours: number; now: Date },
): Promise<RecoveryPlan> {
  const toS = Math.floor(request.now.getTime() / 1000);
  const window = { fromS: toS - request.retentionHours * 3600, toS };
  const nodes = await nodesOfProtocol(db, request.application.protocol);
  const times = await sampleTimes(
    db,
    nodes.map((node) => node.id),
    window,
  );
  const devices = nodes.map((node) => {
    const own = times.get(node.id) ?? [];
    const intervalS = usualIntervalS(own, fallbackIntervalS);
    return {
      nodeId: node.id,
      alias: node.alias,
      eui: node.eui64,
      samples: own.length,
      intervalS,
      gaps: findSampleGaps(own, window, intervalS),
    };
  });
  const plan: RecoveryPlan = {
    runId: runs.newRunId(),
    environment: request.environment,
    applicationId: request.application.applicationId,
    window,
    devices,
    ranges: rangesToFetch(devices, window),
  };
  await runs.save({
    plan,
    protocol: request.application.protocol,
    createdAt: request.now.toISOString(),
    stage: 'planned',
    imported: { batches: 0, inserted: 0, alreadyPresent: 0 },
  });
  return plan;
}

/**
 * Step 3 and 4: fetches the run's ranges, decodes them, drops what the database has, keeps the
 * rest as the run's samples to import, and ends with the preview. One failed request or uplink
 * is a problem in the preview, and everything else is still recovered.
 */
export async function fetchRecovery(
  db: pg.Pool,
  runs: RecoveryRuns,
  run: RecoveryRun,
  access: StorageAccess,
  emit: (event: RecoveryFetchEvent) => void,
  options: FetchRangeOptions,
): Promise<void> {
  const recovered = new RecoveredSamples(run.protocol);
  const ranges = run.plan.ranges;
  let refused = false;
  for (const [index, range] of ranges.entries()) {
    if (refused || options.signal.aborted) break;
    for await (const event of fetchRange(access, range, options)) {
      if (event.kind === 'uplinks') {
        for (const uplink of event.uplinks) recovered.add(uplink);
      } else {
        recovered.problems.push(event.problem);
        emit({ type: 'problem', problem: event.problem });
        refused ||= event.kind === 'refused';
      }
      emit({ type: 'progress', rangesDone: index, ranges: ranges.length, uplinks: recovered.uplinks });
    }
    recovered.endRange();
    emit({ type: 'progress', rangesDone: index + 1, ranges: ranges.length, uplinks: recovered.uplinks });
  }
  if (options.signal.aborted) return;

  const rows = [...recovered.rows.values()];
  const known = await registeredNodes(db, [...recovered.devices.keys()]);
  const present = await presentKeys(
    db,
    rows.map((row) => ({ nodeId: row.node_id, timestampS: row.timestamp_s })),
  );
  const devices = new Map<string, RecoveryDevicePreview>();
  for (const tally of recovered.devices.values()) {
    devices.set(tally.nodeId, {
      ...tally,
      fetched: 0,
      present: 0,
      missing: 0,
      unknownNode: !known.has(tally.nodeId),
    });
  }
  const missing: SampleRow[] = [];
  for (const row of rows) {
    const device = devices.get(row.node_id)!;
    device.fetched += 1;
    if (present.has(`${row.node_id} ${row.timestamp_s}`)) {
      device.present += 1;
    } else {
      device.missing += 1;
      if (!device.unknownNode) missing.push(row);
    }
  }
  for (const device of devices.values()) {
    if (device.unknownNode) {
      recovered.problems.push({
        scope: 'device',
        subject: device.deviceId,
        message: `node ${device.nodeId} is not registered in this database: its ${device.missing} samples cannot be imported (register the node, then find the gaps again)`,
      });
    }
  }
  // Key order: batches then lock sample_hours rows in one order (migration 0003), and mean the same rows on a resume.
  missing.sort((a, b) => (a.node_id === b.node_id ? a.timestamp_s - b.timestamp_s : a.node_id < b.node_id ? -1 : 1));
  const preview: RecoveryPreview = {
    runId: run.plan.runId,
    uplinks: recovered.uplinks,
    devices: [...devices.values()].sort((a, b) => a.deviceId.localeCompare(b.deviceId)),
    problems: summarized(recovered.problems),
  };
  await runs.saveSamples(run, missing);
  await runs.save({ ...run, stage: 'fetched', preview, imported: { batches: 0, inserted: 0, alreadyPresent: 0 } });
  emit({ type: 'preview', preview });
}

/** Uplink problems listed one by one up to this many; a broken device can send thousands. */
const listedUplinkProblems = 200;

/** The problems, with uplink problems past the first few hundred counted in one line. */
function summarized(problems: readonly RecoveryProblem[]): RecoveryProblem[] {
  const uplinks = problems.filter((problem) => problem.scope === 'uplink');
  if (uplinks.length <= listedUplinkProblems) return [...problems];
  const kept = new Set(uplinks.slice(0, listedUplinkProblems));
  return [
    ...problems.filter((problem) => problem.scope !== 'uplink' || kept.has(problem)),
    {
      scope: 'uplink',
      subject: `${uplinks.length - listedUplinkProblems} more uplinks`,
      message: 'have problems too (not listed one by one)',
    },
  ];
}

/**
 * Step 5 and 6: imports the run's samples a batch at a time, each its own transaction, recording
 * after each batch how far it got. Cancelling stops after the batch in flight; importing again
 * continues after the last recorded batch, and a batch written but not recorded (a crash) is
 * written again harmlessly, since samples already there are skipped.
 */
export async function importRecovery(
  db: pg.Pool,
  runs: RecoveryRuns,
  run: RecoveryRun,
  emit: (event: RecoveryImportEvent) => void,
  signal: AbortSignal,
  now: () => Date = () => new Date(),
): Promise<void> {
  if (run.stage === 'planned' || !run.preview) {
    throw new ClairError({
      code: 'bad-request',
      message: 'Fetch the stored uplinks first: the run has nothing to import yet',
    });
  }
  const rows = await runs.loadSamples(run);
  const batches = Math.ceil(rows.length / importBatchRows);
  const state = { ...run, stage: 'importing' as const, imported: { ...run.imported } };
  const progress = () =>
    emit({
      type: 'progress',
      done: Math.min(rows.length, state.imported.batches * importBatchRows),
      total: rows.length,
      inserted: state.imported.inserted,
    });
  progress();
  while (state.imported.batches < batches) {
    if (signal.aborted) {
      await runs.save(state);
      return;
    }
    const start = state.imported.batches * importBatchRows;
    const batch = rows.slice(start, start + importBatchRows);
    const inserted = await insertSamples(db, batch);
    state.imported.batches += 1;
    state.imported.inserted += inserted;
    state.imported.alreadyPresent += batch.length - inserted;
    await runs.save(state);
    progress();
  }
  const preview = run.preview;
  const report = {
    runId: run.plan.runId,
    environment: run.plan.environment,
    applicationId: run.plan.applicationId,
    inserted: state.imported.inserted,
    alreadyPresent: state.imported.alreadyPresent,
    skipped: preview.devices.filter((device) => device.unknownNode).reduce((sum, device) => sum + device.missing, 0),
    devices: preview.devices,
    problems: preview.problems,
    finishedAt: now().toISOString(),
  };
  await runs.save({ ...state, stage: 'imported', report });
  emit({ type: 'report', report });
}

/** One device's CO2 in the run's window: the database's samples, and the run's recovered ones marked. */
export async function recoverySeries(
  db: pg.Pool,
  runs: RecoveryRuns,
  run: RecoveryRun,
  nodeId: string,
): Promise<RecoverySeriesPoint[]> {
  const stored = await co2Series(db, nodeId, run.plan.window);
  const recovered =
    run.stage === 'planned' ? [] : (await runs.loadSamples(run)).filter((row) => row.node_id === nodeId);
  const recoveredTimes = new Set(recovered.map((row) => row.timestamp_s));
  // After an import the recovered samples are stored too: they stay marked, and are listed once.
  const points = new Map<number, RecoverySeriesPoint>();
  for (const row of stored) {
    points.set(row.timestamp_s, {
      t: row.timestamp_s,
      co2: row.co2_ppm,
      recovered: recoveredTimes.has(row.timestamp_s),
    });
  }
  for (const row of recovered) {
    if (!points.has(row.timestamp_s))
      points.set(row.timestamp_s, { t: row.timestamp_s, co2: row.co2_ppm, recovered: true });
  }
  return [...points.values()].sort((a, b) => a.t - b.t);
}

const sampleModel = fixtureModels.find((model) => model.label === 'core.sample')!;

/**
 * Writes the run's recovered samples as the original's clair-generate-fixtures-from-storage did
 * (original-clair.md §4.8): a Django fixture of `core.sample` records without pk, in time order,
 * which `loaddata` (or the control centre's fixture import) loads; samples already stored are skipped there.
 */
export async function writeRecoveryFixture(runs: RecoveryRuns, run: RecoveryRun) {
  if (run.stage === 'planned') {
    throw new ClairError({
      code: 'bad-request',
      message: 'Fetch the stored uplinks first: the run has no samples yet',
    });
  }
  const rows = [...(await runs.loadSamples(run))].sort((a, b) => a.timestamp_s - b.timestamp_s);
  const path = join(runs.folder(run.plan.environment, run.plan.runId), `${run.plan.applicationId}-samples.json`);
  const out = createWriteStream(path);
  let separator = '\n';
  await writeText(out, '[');
  for (const row of rows) {
    const fields: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(sampleModel.fields)) fields[name] = row[field.column as keyof SampleRow];
    await writeText(out, `${separator}${JSON.stringify({ model: sampleModel.label, fields })}`);
    separator = ',\n';
  }
  await writeText(out, `${rows.length === 0 ? '' : '\n'}]\n`);
  out.end();
  await finished(out);
  return { path, records: rows.length };
}
