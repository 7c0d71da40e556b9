import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

import pg from 'pg';
import pgCopyStreams from 'pg-copy-streams';

import { connectDatabase } from '../../electron/core/database/connect-database';
import { createRecoveryHandlers, type RecoveryHandlerOptions } from '../../electron/core/recovery/recovery-handlers';
import { Workspace } from '../../electron/core/workspace/workspace';
import { ttnUplinkDecoder } from '../../services/domain/ttn/uplink-decoding';
import { nodeIdFromDevEui } from '../../services/domain/nodes/node-id';
import type { FixtureTestDatabase } from '../../services/fixtures/fixture-test-database';
import { openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { readTestEnvironment } from '../support/test-env';
import type { ApplicationUp } from '../../services/ttn-simulator/application-up';
import { registerSimulatedNodes } from '../../services/ttn-simulator/node-registry';
import { type SimulatedNode, simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import {
  type StorageServerOptions,
  storageServer,
  trafficReadRight,
} from '../../services/ttn-simulator/storage-server';
import { modelHistory, type UplinkHistory } from '../../services/ttn-simulator/uplink-history';
import { UplinkSchedule } from '../../services/ttn-simulator/uplink-schedule';

export const applicationId = 'ers-recovery-test';
export const goodKey = 'NNSXS.RECOVERY-GOOD';
export const keyWithoutRight = 'NNSXS.RECOVERY-NORIGHT';
const hourMs = 3_600_000;

export interface ScenarioOptions {
  /** ERS CO2 nodes, each sending every `uplinkIntervalS` (default: the firmware's pace). */
  nodes: number;
  uplinkIntervalS?: number;
  /** Receive-time ranges (ms) whose uplinks the database lacks: a stopped forwarder, a device's outage. */
  lost: (node: SimulatedNode) => readonly { fromMs: number; toMs: number }[];
  /** Nodes left out of the database's nodes table. */
  unregistered?: (node: SimulatedNode) => boolean;
  /** Uplinks whose stored payload is garbage. */
  corrupt?: (message: ApplicationUp) => boolean;
  storage?: Partial<StorageServerOptions>;
  /** The API key the environment's key file holds. */
  apiKey?: string;
  /** What the environment names as the ERS application. */
  environmentApplicationId?: string;
  /** The environment's class: production asks for the typed name before an import. */
  environmentClass?: 'development' | 'production';
  /** When the loss is looked at; a fixed day unless a test runs against the real clock. */
  nowMs?: number;
}

export interface RecoveryScenario {
  nowMs: number;
  clock: { nowMs: number };
  nodes: SimulatedNode[];
  database: FixtureTestDatabase;
  environmentsDir: string;
  stateDir: string;
  storageUrl: string;
  /** Samples the database had before the recovery. */
  storedSamples: number;
  /** Samples the lost uplinks carried, by node id. */
  lostSamples: Map<string, number>;
  close: () => Promise<void>;
}

/**
 * The recovery wizard's handlers on the scenario: its environments and state folder, its scratch
 * database for every environment, its clock; `fetch` shortens the client's waits.
 */
export function scenarioRecoveryHandlers(
  scenario: RecoveryScenario,
  fetch?: RecoveryHandlerOptions['fetch'],
): ReturnType<typeof createRecoveryHandlers> {
  const workspace = new Workspace({
    root: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, CLAIR_STATE_DIR: scenario.stateDir },
    environmentsDir: scenario.environmentsDir,
  });
  return createRecoveryHandlers(workspace, {
    openDatabase: (_environment, options) =>
      connectDatabase(workspace, { connectionString: scenario.database.url }, options),
    now: () => new Date(scenario.clock.nowMs),
    ...(fetch ? { fetch } : {}),
  });
}

/** An environment file naming a Storage Integration and the ERS application with its key file. */
export async function writeRecoveryEnvironment(options: {
  storageUrl: string;
  applicationId: string;
  apiKey: string;
  environmentClass?: 'development' | 'production' | undefined;
}): Promise<{ environmentsDir: string; stateDir: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'clair-recovery-'));
  const environmentsDir = join(folder, 'environments');
  const keyFile = join(folder, 'ers_ttn_api_key');
  await writeFile(keyFile, `${options.apiKey}\n`);
  await mkdir(environmentsDir);
  await writeFile(
    join(environmentsDir, 'recovery.env'),
    [
      `CLAIR_ENVIRONMENT_CLASS=${options.environmentClass ?? 'development'}`,
      // A production environment on this machine's engine must say so (load-environment.ts).
      'CLAIR_ALLOW_LOCAL_CONTEXT=true',
      'TTN_MQTT_URL=mqtt://127.0.0.1:1883',
      `TTN_STORAGE_URL=${options.storageUrl}`,
      'CLAIRCHEN_TTN_APPLICATION_ID=clairchen-recovery-test',
      `ERS_TTN_APPLICATION_ID=${options.applicationId}`,
      `CLAIRCHEN_TTN_API_KEY_FILE=${keyFile}`,
      `ERS_TTN_API_KEY_FILE=${keyFile}`,
      '',
    ].join('\n'),
  );
  return { environmentsDir, stateDir: join(folder, 'state') };
}

/**
 * A forwarder's loss, staged: simulated ERS CO2 nodes registered in a migrated scratch database
 * holding the samples of their last 24 hours except the lost ones (decoded as the forwarder
 * decodes them), the TTN Storage Integration stand-in serving every uplink, and an environment
 * file naming both. The clock stands still at `nowMs` unless a test moves it.
 */
export async function createRecoveryScenario(options: ScenarioOptions): Promise<RecoveryScenario> {
  const nowMs = options.nowMs ?? Date.parse('2026-11-23T12:00:00Z');
  const clock = { nowMs };
  const seed = 17;
  const nodes = simulatedInventory(seed, options.nodes).filter((node) => node.protocol === 'ELSYSERS');
  const schedule = new UplinkSchedule(nodes, {
    seed,
    epoch: new Date(nowMs - 40 * 24 * hourMs),
    ...(options.uplinkIntervalS ? { uplinkIntervalS: options.uplinkIntervalS } : {}),
  });
  const model = modelHistory(schedule, { seed, applicationId });
  // The day's uplinks built once, as TTN keeps them stored: serving them then costs what TTN's does.
  const day = [...model.between(nowMs - 24 * hourMs, nowMs, 'ascending')];
  const history = recordedHistory(
    day.map((message) =>
      options.corrupt?.(message)
        ? { ...message, uplink_message: { ...message.uplink_message, frm_payload: '/w==' } }
        : message,
    ),
  );

  const database = await migratedScratchDatabase();
  const registered = nodes.filter((node) => !options.unregistered?.(node));
  await registerSimulatedNodes(database.database.db, registered);
  const registeredIds = new Set(registered.map((node) => node.nodeId));
  const decode = ttnUplinkDecoder('ELSYSERS');
  const lostSamples = new Map<string, number>();
  const rows: string[] = [];
  const keys = new Set<string>();
  const byDevice = new Map(nodes.map((node) => [node.deviceId, node]));
  // The forwarder got every payload intact; only some of TTN's stored copies are garbage.
  for (const message of day) {
    const node = byDevice.get(message.end_device_ids.device_id)!;
    const decoded = decode(message);
    if (!decoded.ok) throw new Error(`the simulator's uplink does not decode: ${decoded.detail}`);
    const receivedMs = Date.parse(message.received_at);
    const lost = options.lost(node).some((range) => receivedMs >= range.fromMs && receivedMs < range.toMs);
    const nodeId = nodeIdFromDevEui('ELSYSERS', decoded.devEui!);
    for (const sample of decoded.samples) {
      const key = `${nodeId} ${sample.timestampS}`;
      if (lost) {
        lostSamples.set(nodeId, (lostSamples.get(nodeId) ?? 0) + 1);
      } else if (registeredIds.has(nodeId) && !keys.has(key)) {
        keys.add(key);
        rows.push(
          `${nodeId}\t${sample.timestampS}\t${sample.co2Ppm}\t${sample.temperatureCelsius ?? '\\N'}\t${sample.relHumidityPercent ?? '\\N'}\tM\n`,
        );
      }
    }
  }
  await copySamples(database, rows);

  const server = storageServer({
    applicationId,
    history,
    apiKeys: [
      { key: goodKey, applicationId, rights: [trafficReadRight] },
      { key: keyWithoutRight, applicationId, rights: ['RIGHT_APPLICATION_INFO'] },
    ],
    now: () => new Date(clock.nowMs),
    ...options.storage,
  });
  const storageUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  const { environmentsDir, stateDir } = await writeRecoveryEnvironment({
    storageUrl,
    applicationId: options.environmentApplicationId ?? applicationId,
    apiKey: options.apiKey ?? goodKey,
    environmentClass: options.environmentClass,
  });
  return {
    nowMs,
    clock,
    nodes,
    database,
    environmentsDir,
    stateDir,
    storageUrl,
    storedSamples: rows.length,
    lostSamples,
    close: async () => {
      await server.close();
      await database.drop();
    },
  };
}

/** Writes samples rows (COPY text format) in one COPY: also the benchmark's baseline. */
export async function copySamples(database: FixtureTestDatabase, rows: readonly string[]): Promise<void> {
  const client = await database.database.pool.connect();
  try {
    await pipeline(
      Readable.from(rows),
      client.query(
        pgCopyStreams.from(
          'COPY samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent, measurement_status) FROM STDIN',
        ),
      ),
    );
  } finally {
    client.release();
  }
}

export async function countSamples(database: FixtureTestDatabase): Promise<number> {
  const { rows } = await database.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM samples');
  return Number(rows[0]!.n);
}

/**
 * A migrated scratch database on the test cluster. Made here rather than by the integration
 * project's global setup, which the end-to-end project does not run: both use this scenario.
 */
export async function migratedScratchDatabase(): Promise<FixtureTestDatabase> {
  const admin = readTestEnvironment().CLAIR_PG_URL;
  const name = `clair_recovery_${randomBytes(5).toString('hex')}`;
  const asAdmin = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), () => undefined, 4);
  await migrateToLatest(database.db);
  return {
    url: url.toString(),
    database,
    drop: async () => {
      await database.close();
      await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Stored uplinks (ascending by `received_at`) as the stand-in's history. */
export function recordedHistory(messages: readonly ApplicationUp[]): UplinkHistory {
  const times = messages.map((message) => Date.parse(message.received_at));
  const firstAtOrAfter = (ms: number) => {
    let low = 0;
    let high = times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (times[middle]! < ms) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    *between(fromMs, toMs, order) {
      const slice = messages.slice(firstAtOrAfter(fromMs), firstAtOrAfter(toMs));
      yield* order === 'ascending' ? slice : slice.reverse();
    },
  };
}
