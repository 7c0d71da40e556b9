import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { testEnvironment } from '../../tests/support/context';
import { CuttableProxy } from '../../tests/support/cuttable-proxy';
import { nodeIdFromDevEui } from '../domain/nodes/node-id';
import { buildApp } from '../managair/app';
import { createTestDatabase, fixtureNodes, type TestDatabase } from '../managair/test-database';
import { deadLettersCommand } from './dead-letters-command';
import { ForwarderEnv } from './env';
import { type Forwarder, startForwarder } from './forwarder';
import { silentLog } from './log';
import { Spool } from './spool';
import { ttnUplinkDecoder } from '../domain/ttn/uplink-decoding';

const token = 'forwarder-test-token-0123456789abcdef';
const knownEuis = ['A81758FFFE052B01', 'A81758FFFE052B02'] as const;
const unknownEui = 'A81758FFFE05FFFF';
/** ERS CO2 Lite: 22.6 °C, 41 %, 776 ppm (ttn-formats.md §4.3, vector 2). */
const ersPayload = 'AQDiAikGAwg=';
/** The same records with 50.0 °C (0x01F4): decodes, but ingest refuses it as out of range. */
const tooHotPayload = Buffer.from([0x01, 0x01, 0xf4, 0x02, 0x29, 0x06, 0x03, 0x08]).toString('base64');

/** Retries wait for Retry-After (5 s from ingestair) and growing backoffs: limits, not targets. */
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 30_000, interval: 100 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

let testDb: TestDatabase;
let publisher: MqttClient;
beforeAll(async () => {
  testDb = await createTestDatabase();
  // Nodes whose ids are those of ERS devices, in the fixture organization.
  const template = await testDb.database.db
    .selectFrom('nodes')
    .select(['protocol_id', 'model_id', 'owner_id'])
    .where('id', '=', fixtureNodes[0])
    .executeTakeFirstOrThrow();
  await testDb.database.db
    .insertInto('nodes')
    .values(
      knownEuis.map((eui) => ({
        ...template,
        id: nodeIdFromDevEui('ELSYSERS', eui),
        eui64: eui,
        alias: `ERS ${eui}`,
        description: null,
      })),
    )
    .execute();
  publisher = await mqtt.connectAsync(testEnvironment().CLAIR_MQTT_URL);
});
afterAll(async () => {
  await publisher.endAsync();
  await testDb.drop();
});

/** An in-process ingestair; `close` and `start` again on the same port simulate an outage. */
async function startIngest(databaseUrl = testDb.url, port = 0) {
  const built = buildApp({ mode: 'ingest', databaseUrl, ingestToken: token, logLevel: 'silent', schemaPollMs: 100 });
  await built.app.listen({ host: '127.0.0.1', port });
  await built.schemaReady();
  const { port: actual } = built.app.server.address() as { port: number };
  return { app: built.app, port: actual, close: () => built.app.close() };
}

interface TestForwarder extends Forwarder {
  applicationId: string;
  get: (path: string) => Promise<{ status: number; body: unknown; text: string }>;
}

async function startTestForwarder(
  spoolDir: string,
  ingestPort: number,
  applicationId?: string,
): Promise<TestForwarder> {
  const env = ForwarderEnv.parse({
    TTN_MQTT_URL: testEnvironment().CLAIR_MQTT_URL,
    TTN_APPLICATION_ID: applicationId ?? `fwd-${randomUUID().slice(0, 8)}`,
    TTN_API_KEY: 'NNSXS.TEST',
    FORWARDER_PROTOCOL: 'ELSYSERS',
    INGEST_URL: `http://127.0.0.1:${ingestPort}/ingest/v1/ingest/`,
    INGEST_TOKEN: token,
    SPOOL_DIR: spoolDir,
    HOST: '127.0.0.1',
    PORT: '0',
    BATCH_LINGER_MS: '0',
  });
  const forwarder = await startForwarder(env, {
    decode: ttnUplinkDecoder('ELSYSERS'),
    log: silentLog,
    minBackoffMs: 50,
    minReconnectMs: 50,
  });
  let closed = false;
  const close = async (flushMs: number) => {
    if (closed) return;
    closed = true;
    await forwarder.close(flushMs);
  };
  cleanups.push(() => close(0));
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${forwarder.port}${path}`);
    const text = await response.text();
    return { status: response.status, text, body: text.startsWith('{') ? (JSON.parse(text) as unknown) : undefined };
  };
  const forwarderHealth = async () => (await get('/health')).body as { mqtt: { connected: boolean } };
  await eventually(async () => (await forwarderHealth()).mqtt.connected).toBe(true);
  return { ...forwarder, close, applicationId: env.TTN_APPLICATION_ID, get };
}

async function spoolDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'clair-forwarder-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

function uplink(devEui: string, receivedAt: number, frmPayload: string): string {
  const at = new Date(receivedAt * 1000).toISOString();
  return JSON.stringify({
    end_device_ids: {
      device_id: `eui-${devEui.toLowerCase()}`,
      application_ids: { application_id: 'ignored-here' },
      dev_eui: devEui,
    },
    received_at: at,
    uplink_message: { f_port: 5, f_cnt: 7, frm_payload: frmPayload, settings: { data_rate: {} }, received_at: at },
  });
}

async function publish(forwarder: TestForwarder, devEui: string, body: string): Promise<void> {
  await publisher.publishAsync(`v3/${forwarder.applicationId}@ttn/devices/eui-${devEui.toLowerCase()}/up`, body, {
    qos: 1,
  });
}

async function storedTimestamps(devEui: string): Promise<number[]> {
  const rows = await testDb.database.db
    .selectFrom('samples')
    .select('timestamp_s')
    .where('node_id', '=', nodeIdFromDevEui('ELSYSERS', devEui))
    .orderBy('timestamp_s')
    .execute();
  return rows.map((row) => row.timestamp_s);
}

async function spooled(forwarder: TestForwarder): Promise<number> {
  return ((await forwarder.get('/health')).body as { spool: { samples: number } }).spool.samples;
}

async function ingestMetric(
  ingest: { app: { inject: (o: { url: string }) => Promise<{ body: string }> } },
  outcome: string,
) {
  const text = (await ingest.app.inject({ url: '/metrics' })).body;
  return Number(new RegExp(`clair_ingest_samples_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
}

describe('forwarder: TTN uplinks to ingestair', () => {
  it('stores the samples of uplinks published to the broker, and says so in /health and /metrics', async () => {
    const ingest = await startIngest();
    cleanups.push(ingest.close);
    const forwarder = await startTestForwarder(await spoolDirectory(), ingest.port);

    await publish(forwarder, knownEuis[0], uplink(knownEuis[0], 1_700_000_000, ersPayload));
    await publish(forwarder, knownEuis[1], uplink(knownEuis[1], 1_700_000_010, ersPayload));

    await eventually(() => storedTimestamps(knownEuis[0])).toEqual([1_700_000_000]);
    await eventually(() => storedTimestamps(knownEuis[1])).toEqual([1_700_000_010]);
    const row = await testDb.database.db
      .selectFrom('samples')
      .select(['co2_ppm', 'temperature_celsius', 'rel_humidity_percent'])
      .where('node_id', '=', nodeIdFromDevEui('ELSYSERS', knownEuis[0]))
      .executeTakeFirstOrThrow();
    expect({ ...row, temperature_celsius: Number(row.temperature_celsius) }).toEqual({
      co2_ppm: 776,
      temperature_celsius: 22.6,
      rel_humidity_percent: 41,
    });

    const health = await forwarder.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', mqtt: { connected: true }, spool: { samples: 0 } });
    // Counted once ingestair's answer is handled, which may come after the rows are visible.
    await eventually(async () => (await forwarder.get('/metrics')).text).toContain(
      'clair_forwarder_samples_forwarded_total 2',
    );
    const metrics = (await forwarder.get('/metrics')).text;
    expect(metrics).toContain('clair_forwarder_uplinks_received_total 2');
    expect(metrics).toContain('clair_forwarder_uplinks_decoded_total 2');
    expect(metrics).toContain('clair_forwarder_spool_samples 0');
    expect(metrics).toContain('clair_forwarder_mqtt_connected 1');
  });

  it('spools while ingestair is down and delivers each sample exactly once when it is back', async () => {
    const first = await startIngest();
    const port = first.port;
    await first.close();
    const forwarder = await startTestForwarder(await spoolDirectory(), port);
    const eui = knownEuis[0];

    for (const t of [1_700_100_000, 1_700_100_060, 1_700_100_120])
      await publish(forwarder, eui, uplink(eui, t, ersPayload));
    await eventually(() => spooled(forwarder)).toBe(3);
    expect((await forwarder.get('/health')).body).toMatchObject({
      status: 'ok',
      ingest: { failing: expect.stringContaining('ECONNREFUSED') },
    });
    expect(await storedTimestamps(eui)).not.toContain(1_700_100_000);

    const back = await startIngest(testDb.url, port);
    cleanups.push(back.close);
    await eventually(() => spooled(forwarder)).toBe(0);
    expect((await storedTimestamps(eui)).filter((t) => t >= 1_700_100_000 && t < 1_700_200_000)).toEqual([
      1_700_100_000, 1_700_100_060, 1_700_100_120,
    ]);
    expect(await ingestMetric(back, 'created')).toBe(3);
    expect(await ingestMetric(back, 'duplicate')).toBe(0);
  });

  it('keeps samples through a database outage (503) and delivers them after it', async () => {
    const { proxy, url: viaProxy } = await CuttableProxy.before(testDb.url);
    cleanups.push(() => proxy.cut());
    const ingest = await startIngest(viaProxy);
    cleanups.push(ingest.close);
    const forwarder = await startTestForwarder(await spoolDirectory(), ingest.port);
    const eui = knownEuis[1];

    await proxy.cut();
    await publish(forwarder, eui, uplink(eui, 1_700_200_000, ersPayload));
    await eventually(async () => (await forwarder.get('/health')).body).toMatchObject({
      spool: { samples: 1 },
      ingest: { failing: 'HTTP 503' },
    });

    await proxy.open();
    await eventually(() => spooled(forwarder)).toBe(0);
    expect(await storedTimestamps(eui)).toContain(1_700_200_000);
    expect((await forwarder.get('/health')).body).toMatchObject({ ingest: { failing: null } });
  });

  it('delivers what an earlier run left in the spool', async () => {
    const spoolDir = await spoolDirectory();
    const ingest = await startIngest();
    const port = ingest.port;
    await ingest.close();
    const eui = knownEuis[0];
    const before = await startTestForwarder(spoolDir, port);
    await publish(before, eui, uplink(eui, 1_700_300_000, ersPayload));
    await publish(before, eui, uplink(eui, 1_700_300_060, ersPayload));
    await eventually(() => spooled(before)).toBe(2);
    await before.close(0);

    const back = await startIngest(testDb.url, port);
    cleanups.push(back.close);
    const after = await startTestForwarder(spoolDir, port);
    await eventually(() => spooled(after)).toBe(0);
    expect((await storedTimestamps(eui)).filter((t) => t >= 1_700_300_000 && t < 1_700_400_000)).toEqual([
      1_700_300_000, 1_700_300_060,
    ]);
  });

  it('flushes the spool to ingestair when it shuts down', async () => {
    const spoolDir = await spoolDirectory();
    const ingest = await startIngest();
    const port = ingest.port;
    await ingest.close();
    const eui = knownEuis[1];
    const forwarder = await startTestForwarder(spoolDir, port);
    await publish(forwarder, eui, uplink(eui, 1_700_500_000, ersPayload));
    await eventually(() => spooled(forwarder)).toBe(1);

    const back = await startIngest(testDb.url, port);
    cleanups.push(back.close);
    // The sender may be waiting out a backoff: shutting down cuts the wait short and sends.
    await forwarder.close(20_000);
    expect(await storedTimestamps(eui)).toContain(1_700_500_000);
    expect((await Spool.open(spoolDir)).size).toBe(0);
  });

  it('sets bad messages aside with their reasons, stays healthy, and replays them once fixed', async () => {
    const ingest = await startIngest();
    cleanups.push(ingest.close);
    const forwarder = await startTestForwarder(await spoolDirectory(), ingest.port);
    const eui = knownEuis[0];

    await publish(forwarder, eui, '{"end_device_ids": ');
    await publish(forwarder, eui, uplink(eui, 1_700_400_000, '%%% not base64 %%%'));
    await publish(forwarder, eui, uplink(eui, 1_700_400_010, 'AQDi'));
    await publish(forwarder, unknownEui, uplink(unknownEui, 1_700_400_020, ersPayload));
    await publish(forwarder, eui, uplink(eui, 1_700_400_030, tooHotPayload));
    await publish(forwarder, eui, uplink(eui, 1_700_400_040, ersPayload));

    await eventually(() => storedTimestamps(eui)).toContain(1_700_400_040);
    await eventually(
      async () => ((await forwarder.get('/dead-letters')).body as { deadLetters: unknown[] }).deadLetters.length,
    ).toBe(5);
    const { deadLetters } = (await forwarder.get('/dead-letters')).body as {
      deadLetters: { reason: string; deviceId: string; detail: string; message?: string }[];
    };
    expect(deadLetters.map((letter) => letter.reason).sort()).toEqual(
      ['bad_json', 'bad_uplink', 'decode_error', 'invalid_sample', 'unknown_node'].sort(),
    );
    expect(deadLetters.find((letter) => letter.reason === 'bad_json')).toMatchObject({
      deviceId: `eui-${eui.toLowerCase()}`,
      message: Buffer.from('{"end_device_ids": ').toString('base64'),
    });
    expect(deadLetters.find((letter) => letter.reason === 'invalid_sample')?.detail).toContain('temperature_celsius');
    expect(deadLetters.find((letter) => letter.reason === 'unknown_node')?.deviceId).toBe(
      `eui-${unknownEui.toLowerCase()}`,
    );
    expect((await forwarder.get('/health')).status).toBe(200);
    const metrics = (await forwarder.get('/metrics')).text;
    expect(metrics).toContain('clair_forwarder_dead_letters_total{reason="unknown_node"} 1');
    expect(metrics).toContain('clair_forwarder_uplinks_rejected_total{reason="bad_json"} 1');

    // The admin's view, as `forwarder dead-letters list --reason unknown_node` prints it.
    const printed: string[] = [];
    const print = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    cleanups.push(async () => print.mockRestore());
    const env = { PORT: String(forwarder.port) };
    expect(await deadLettersCommand(['list', '--reason', 'unknown_node'], env)).toBe(0);
    expect(printed.map((line) => (JSON.parse(line) as { reason: string }).reason)).toEqual(['unknown_node']);

    // The cause fixed: the node registered. Replay stores the sample and empties that reason.
    const template = await testDb.database.db
      .selectFrom('nodes')
      .select(['protocol_id', 'model_id', 'owner_id'])
      .where('id', '=', fixtureNodes[0])
      .executeTakeFirstOrThrow();
    await testDb.database.db
      .insertInto('nodes')
      .values({
        ...template,
        id: nodeIdFromDevEui('ELSYSERS', unknownEui),
        eui64: unknownEui,
        alias: 'late',
        description: null,
      })
      .execute();
    expect(await deadLettersCommand(['replay', '--reason', 'unknown_node'], env)).toBe(0);
    expect(JSON.parse(printed.at(-1)!)).toEqual({ replayed: 1, failedAgain: 0 });
    await eventually(() => storedTimestamps(unknownEui)).toEqual([1_700_400_020]);
    await eventually(() => spooled(forwarder)).toBe(0);
    const left = ((await forwarder.get('/dead-letters')).body as { deadLetters: { reason: string }[] }).deadLetters;
    expect(left.map((letter) => letter.reason).sort()).toEqual([
      'bad_json',
      'bad_uplink',
      'decode_error',
      'invalid_sample',
    ]);
  });
});
