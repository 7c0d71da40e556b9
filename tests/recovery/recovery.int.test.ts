import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type {
  RecoveryFetchEvent,
  RecoveryImportEvent,
  RecoveryPlan,
  RecoveryPreview,
  RecoveryReport,
} from '../../electron/contract';
import { importBatchRows } from '../../electron/core/recovery/recovery-engine';
import { loadFixture } from '../../services/fixtures/fixture-loader';
import { registerSimulatedNodes } from '../../services/ttn-simulator/node-registry';
import {
  applicationId,
  countSamples,
  createRecoveryScenario,
  keyWithoutRight,
  migratedScratchDatabase,
  type RecoveryScenario,
  type ScenarioOptions,
  scenarioRecoveryHandlers,
} from './recovery-scenario';

const hourMs = 3_600_000;
const environment = 'recovery';
const scenarios: RecoveryScenario[] = [];
afterEach(async () => {
  for (const scenario of scenarios.splice(0)) await scenario.close();
});

/** A forwarder stopped from 6 h to 4 h ago, and the first node also off the air 20 h to 19 h ago. */
const forwarderStopped = (nowMs: number): ScenarioOptions['lost'] => {
  let first: string | undefined;
  return (node) => {
    first ??= node.nodeId;
    const stopped = { fromMs: nowMs - 6 * hourMs, toMs: nowMs - 4 * hourMs };
    return node.nodeId === first ? [stopped, { fromMs: nowMs - 20 * hourMs, toMs: nowMs - 19 * hourMs }] : [stopped];
  };
};
const now = Date.parse('2026-11-23T12:00:00Z');

async function setUp(options: Partial<ScenarioOptions> = {}) {
  const scenario = await createRecoveryScenario({
    nodes: 3,
    uplinkIntervalS: 600,
    lost: forwarderStopped(now),
    ...options,
  });
  scenarios.push(scenario);
  const waits: number[] = [];
  // Waits pass on the stand-in's clock, so a rate limit's minute is over when the client has waited it out.
  const handlers = scenarioRecoveryHandlers(scenario, {
    pageLimit: 10,
    sleep: async (ms) => {
      waits.push(ms);
      scenario.clock.nowMs += ms;
    },
  });
  const never = new AbortController().signal;
  const findGaps = () => handlers.findGaps({ environment, applicationId, retentionHours: 24 });
  const fetch = async (plan: RecoveryPlan) => {
    const events: RecoveryFetchEvent[] = [];
    await handlers.fetch({ environment, runId: plan.runId }, (event) => events.push(event), never);
    const preview = events.find((event) => event.type === 'preview')?.preview;
    return { events, preview: preview! };
  };
  const importRun = async (plan: RecoveryPlan, signal = never, onEvent?: (event: RecoveryImportEvent) => void) => {
    const events: RecoveryImportEvent[] = [];
    await handlers.import(
      { environment, runId: plan.runId },
      (event) => {
        events.push(event);
        onEvent?.(event);
      },
      signal,
    );
    return { events, report: events.find((event) => event.type === 'report')?.report };
  };
  return { scenario, handlers, waits, findGaps, fetch, importRun };
}

const lostTotal = (scenario: RecoveryScenario) => [...scenario.lostSamples.values()].reduce((a, b) => a + b, 0);
const missingTotal = (preview: RecoveryPreview) => preview.devices.reduce((sum, device) => sum + device.missing, 0);

describe('recovery from the Storage Integration', () => {
  it('finds the gaps per device, fetches them page by page, imports the missing samples once, and writes a loadable fixture', async () => {
    const { scenario, handlers, findGaps, fetch, importRun } = await setUp();
    const plan = await findGaps();
    expect(plan.devices).toHaveLength(3);
    const [first, ...others] = plan.devices.sort((a, b) => b.gaps.length - a.gaps.length);
    // Every device lost the forwarder's two hours; one also its own hour.
    expect(first!.gaps).toHaveLength(2);
    for (const device of others) expect(device.gaps).toHaveLength(1);
    const stopped = others[0]!.gaps[0]!;
    expect(stopped.fromS).toBeLessThanOrEqual((now - 6 * hourMs) / 1000);
    // The first uplink after the outage carries samples from up to two intervals before it.
    expect(stopped.toS).toBeGreaterThan((now - 4 * hourMs) / 1000 - 1200);
    expect(stopped.expectedSamples).toBeGreaterThan(10);
    expect(plan.ranges).toHaveLength(2);

    const { events, preview } = await fetch(plan);
    // 10 results a page: two hours of three nodes every ten minutes take more than one.
    expect(events.filter((event) => event.type === 'progress').length).toBeGreaterThan(3);
    expect(preview.problems).toEqual([]);
    for (const [nodeId, lost] of scenario.lostSamples) {
      const device = preview.devices.find((candidate) => candidate.nodeId === nodeId)!;
      expect(device.missing).toBe(lost);
      expect(device.unknownNode).toBe(false);
      expect(device.lostFrames).toBe(0);
    }

    const series = await handlers.series({ environment, runId: plan.runId, nodeId: first!.nodeId });
    expect(series.filter((point) => point.recovered)).toHaveLength(scenario.lostSamples.get(first!.nodeId)!);
    expect(series.filter((point) => !point.recovered).length).toBeGreaterThan(100);

    const { report } = await importRun(plan);
    expect(report).toMatchObject({ inserted: lostTotal(scenario), alreadyPresent: 0, skipped: 0 });
    expect(await countSamples(scenario.database)).toBe(scenario.storedSamples + lostTotal(scenario));

    // The same run again, and a new run: nothing more is written.
    const again = await importRun(plan);
    expect(again.report).toMatchObject({ inserted: lostTotal(scenario) });
    const rerun = await findGaps();
    expect(rerun.ranges).toEqual([]);
    expect(await countSamples(scenario.database)).toBe(scenario.storedSamples + lostTotal(scenario));

    const fixture = await handlers.writeFixture({ environment, runId: plan.runId });
    expect(fixture.records).toBe(lostTotal(scenario));
    const records = JSON.parse(await readFile(fixture.path, 'utf8')) as { model: string; fields: { node: string } }[];
    expect(records[0]).toMatchObject({ model: 'core.sample', fields: { measurement_status: 'M' } });
    // Loaded into a database that has the nodes but none of the samples, it gives exactly the recovered samples.
    const other = await migratedScratchDatabase();
    try {
      await registerSimulatedNodes(other.database.db, scenario.nodes);
      const client = await other.database.pool.connect();
      try {
        const loaded = await loadFixture(client, {
          name: fixture.path,
          open: () => createReadStream(fixture.path),
          rereadable: true,
        });
        expect(loaded.models.get('core.sample')).toMatchObject({ loaded: lostTotal(scenario), duplicates: 0 });
      } finally {
        client.release();
      }
    } finally {
      await other.drop();
    }
  });

  it('waits out a 429 storm as X-Rate-Limit-Retry asks, and recovers everything', async () => {
    const { scenario, waits, findGaps, fetch } = await setUp({ storage: { rateLimitPerMinute: 1 } });
    const plan = await findGaps();
    const { preview } = await fetch(plan);
    expect(waits.length).toBeGreaterThan(2);
    // Each wait is what the server said was left of its minute, never a blind retry.
    for (const wait of waits) expect(wait % 1000).toBe(0);
    expect(waits.every((wait) => wait >= 1000 && wait <= 60_000)).toBe(true);
    expect(preview.problems).toEqual([]);
    expect(missingTotal(preview)).toBe(lostTotal(scenario));
  });

  it.each([
    [
      'a late error object',
      { errorAfterResults: 7, faultyStreams: 2 },
      /TTN ended the stream with an error after 7 messages: error:.*storage unavailable/,
    ],
    ['a truncated stream', { truncateAfterResults: 7, faultyStreams: 2 }, /the stream broke off after 7 messages/],
  ])('reports %s per request and still recovers everything', async (_name, storage, message) => {
    const { scenario, findGaps, fetch } = await setUp({ storage });
    const plan = await findGaps();
    const { preview } = await fetch(plan);
    expect(preview.problems).toHaveLength(2);
    for (const problem of preview.problems) {
      expect(problem.scope).toBe('request');
      expect(problem.message).toMatch(message);
      expect(problem.message).toMatch(/fetching the rest again/);
    }
    expect(missingTotal(preview)).toBe(lostTotal(scenario));
  });

  it('reports a key without the right and a wrong application id in words, and imports nothing', async () => {
    const noRight = await setUp({ apiKey: keyWithoutRight });
    const { preview } = await noRight.fetch(await noRight.findGaps());
    expect(preview.devices).toEqual([]);
    // Refused once: the other range is not asked again.
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]!.message).toMatch(
      /TTN refused to read the stored uplinks of application "ers-recovery-test" \(403: .*no rights.*\): check the application id, and that the API key belongs to it and has the right RIGHT_APPLICATION_TRAFFIC_READ/,
    );
    expect(JSON.stringify(preview)).not.toContain(keyWithoutRight);

    const wrongApp = await setUp({ environmentApplicationId: 'ers-typo' });
    const wrongPlan = await wrongApp.handlers.findGaps({ environment, applicationId: 'ers-typo', retentionHours: 24 });
    const wrong = await wrongApp.fetch(wrongPlan);
    expect(wrong.preview.problems[0]!.message).toMatch(
      /application "ers-typo" \(403: .*no rights for application `ers-typo`/,
    );
    const { report } = await wrongApp.importRun(wrongPlan);
    expect(report).toMatchObject({ inserted: 0 });
    expect(await countSamples(wrongApp.scenario.database)).toBe(wrongApp.scenario.storedSamples);
  });

  it('reports payloads that do not decode per uplink, and samples of unregistered nodes per device', async () => {
    let unregistered: string | undefined;
    const { scenario, findGaps, fetch, importRun } = await setUp({
      corrupt: (message) => message.uplink_message.f_cnt !== undefined && message.uplink_message.f_cnt % 10 === 3,
      unregistered: (node) => (unregistered ??= node.nodeId) === node.nodeId,
    });
    const plan = await findGaps();
    const { preview } = await fetch(plan);
    const uplinkProblems = preview.problems.filter((problem) => problem.scope === 'uplink');
    expect(uplinkProblems.length).toBeGreaterThan(0);
    for (const problem of uplinkProblems) {
      expect(problem.subject).toMatch(/^uplink f_cnt \d*3 of eui-[0-9a-f]{16} at 2026-11-23T/);
      expect(problem.message).toBe('does not decode: unsupported Elsys type 0xFF at byte offset 0');
    }
    const deviceProblems = preview.problems.filter((problem) => problem.scope === 'device');
    expect(deviceProblems).toHaveLength(1);
    expect(deviceProblems[0]!.message).toMatch(/is not registered in this database/);
    const { report } = await importRun(plan);
    const skipped = preview.devices.find((device) => device.unknownNode)!;
    expect(report!.skipped).toBe(skipped.missing);
    // The undecodable uplinks' samples stay lost; everything else of the registered nodes is back.
    const recovered = await countSamples(scenario.database);
    const decodable = preview.devices.filter((d) => !d.unknownNode).reduce((sum, d) => sum + d.missing, 0);
    expect(recovered).toBe(scenario.storedSamples + decodable);
    expect(decodable).toBeLessThan(lostTotal(scenario) - skipped.missing);
  });

  it('lists a few hundred undecodable uplinks one by one and counts the rest', async () => {
    const { findGaps, fetch } = await setUp({
      nodes: 30,
      lost: () => [{ fromMs: now - 3 * hourMs, toMs: now - hourMs }],
      corrupt: () => true,
    });
    const { preview } = await fetch(await findGaps());
    const uplinkProblems = preview.problems.filter((problem) => problem.scope === 'uplink');
    expect(uplinkProblems).toHaveLength(201);
    expect(uplinkProblems.at(-1)).toEqual({
      scope: 'uplink',
      subject: expect.stringMatching(/^\d+ more uplinks$/),
      message: 'have problems too (not listed one by one)',
    });
    expect(preview.devices.every((device) => device.missing === 0)).toBe(true);
  });

  it('resumes a cancelled import, and a crashed one, without duplicates', async () => {
    const { scenario, findGaps, fetch, importRun, handlers } = await setUp({
      nodes: 30,
      lost: () => [{ fromMs: now - 10 * hourMs, toMs: now - 2 * hourMs }],
    });
    const plan = await findGaps();
    const { preview } = await fetch(plan);
    const total = missingTotal(preview);
    expect(total).toBeGreaterThan(2 * importBatchRows);

    // Cancel after the first batch: the import stops there and says how far it got.
    const cancel = new AbortController();
    await importRun(plan, cancel.signal, (event) => {
      if (event.type === 'progress' && event.done > 0) cancel.abort();
    });
    const afterCancel = await countSamples(scenario.database);
    expect(afterCancel).toBe(scenario.storedSamples + importBatchRows);
    const [summary] = await handlers.runs({ environment });
    expect(summary).toMatchObject({ runId: plan.runId, stage: 'importing', done: importBatchRows, total });

    // A crash after writing a batch but before recording it: the run file still says one batch.
    const runFile = join(scenario.stateDir, 'recovery', environment, plan.runId, 'run.json');
    const recorded = await readFile(runFile, 'utf8');
    await importRun(plan, cancel.signal);
    const second = new AbortController();
    await importRun(plan, second.signal, (event) => {
      if (event.type === 'progress' && event.done > importBatchRows) second.abort();
    });
    await writeFile(runFile, recorded);

    const { report } = await importRun(plan);
    const final: RecoveryReport = report!;
    expect(final.inserted + final.alreadyPresent).toBe(total);
    expect(final.alreadyPresent).toBe(importBatchRows);
    expect(await countSamples(scenario.database)).toBe(scenario.storedSamples + total);
    const { rows } = await scenario.database.database.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM (SELECT node_id, timestamp_s FROM samples GROUP BY 1, 2 HAVING count(*) > 1) d',
    );
    expect(rows[0]!.n).toBe('0');
  });
});
