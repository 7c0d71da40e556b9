/**
 * The recovery wizard end to end (issue 8, point 3; target under 30 s): a forwarder lost the last
 * 24 hours of 1,000 ERS CO2 devices. Gaps from the database, the Storage Integration stand-in's
 * uplinks fetched page by page, decoded, compared with the database and imported in batches,
 * through the same handlers the control centre calls. Compared with a plain COPY of the same
 * samples into the same table, measured in the same run. The stand-in builds every uplink as it
 * serves it, so its own work is part of the figure, as TTN's would be.
 */
import { mkdir } from 'node:fs/promises';

import type { RecoveryFetchEvent, RecoveryImportEvent } from '../../electron/contract';
import {
  applicationId,
  copySamples,
  countSamples,
  createRecoveryScenario,
  scenarioRecoveryHandlers,
} from '../recovery/recovery-scenario';
import { type BenchResult, measure } from './measure';

const devices = Number(process.env.CLAIR_BENCH_RECOVERY_DEVICES ?? 1000);
const environment = 'recovery';

export async function runRecoveryBench(): Promise<BenchResult[]> {
  const nowMs = Date.parse('2026-11-23T12:00:00Z');
  const scenario = await createRecoveryScenario({
    nodes: devices,
    lost: () => [{ fromMs: nowMs - 25 * 3_600_000, toMs: nowMs + 1 }],
    // Pages by time: TTN may not expose continuation tokens (ttn-formats.md §3.5), and the
    // stand-in would re-scan the day for every token.
    storage: { continuationTokens: false },
  });
  try {
    await mkdir(scenario.stateDir, { recursive: true });
    const handlers = scenarioRecoveryHandlers(scenario);
    const signal = new AbortController().signal;
    const problems: string[] = [];
    let uplinks = 0;
    const expected = [...scenario.lostSamples.values()].reduce((a, b) => a + b, 0);

    const recovery = await measure('recovery: 24 h of devices, gaps to import', expected, 'samples', async () => {
      const plan = await handlers.findGaps({ environment, applicationId, retentionHours: 24 });
      await handlers.fetch(
        { environment, runId: plan.runId },
        (event: RecoveryFetchEvent) => {
          if (event.type === 'problem') problems.push(event.problem.message);
          if (event.type === 'progress') uplinks = event.uplinks;
        },
        signal,
      );
      await handlers.import(
        { environment, runId: plan.runId },
        (event: RecoveryImportEvent) => {
          if (event.type === 'report' && event.report.inserted !== expected) {
            throw new Error(`recovered ${event.report.inserted} samples, expected ${expected}`);
          }
        },
        signal,
      );
    });
    if (problems.length > 0) throw new Error(`the recovery reported problems: ${problems.join('; ')}`);

    // The baseline: the very rows, read back, then written again by one COPY into the emptied table.
    const { rows } = await scenario.database.database.pool.query<Record<string, string | number | null>>(
      'SELECT node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status FROM samples',
    );
    const lines = rows.map(
      (row) =>
        `${Object.values(row)
          .map((value) => value ?? '\\N')
          .join('\t')}\n`,
    );
    await scenario.database.database.pool.query('TRUNCATE samples');
    const copy = await measure('recovery baseline: COPY of the same samples', lines.length, 'samples', () =>
      copySamples(scenario.database, lines),
    );
    if ((await countSamples(scenario.database)) !== expected) throw new Error('the baseline COPY lost rows');
    return [
      copy,
      {
        ...recovery,
        baseline: copy.name,
        ratioToBaseline: recovery.perSecond / copy.perSecond,
        extra: { devices, uplinks, targetSeconds: 30 },
      },
    ];
  } finally {
    await scenario.close();
  }
}
