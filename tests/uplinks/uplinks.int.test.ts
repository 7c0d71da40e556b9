import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  contract,
  type RawUplink,
  type StreamMessage,
  type UplinkRow,
  type UplinksEvent,
} from '../../electron/contract';
import { testEnvironment } from '../support/context';
import { CuttableProxy } from '../support/cuttable-proxy';
import { nodeIdFromDevEui } from '../../services/domain/nodes/node-id';
import { type ApplicationUp } from '../../services/ttn-simulator/application-up';
import { clairchenCo2, clairchenHumidity, clairchenTemperature } from '../../services/ttn-simulator/clairchen-encoder';
import { steppingClock } from '../../services/ttn-simulator/clock';
import { publishUplinks } from '../../services/ttn-simulator/mqtt-publisher';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import { payloadSamples } from '../../services/ttn-simulator/uplink-message';
import { UplinkSchedule } from '../../services/ttn-simulator/uplink-schedule';
import type { Core } from '../../electron/core/handlers';
import { createTestCore } from '../../electron/core/test-core';

const { CLAIR_MQTT_URL } = testEnvironment();
const tenant = `ttnlive${process.pid}`;
const clairchenApp = 'ttnlive-clairchen';
const ersApp = 'ttnlive-ers';
const apiKey = 'NNSXS.TTNLIVE-TEST-KEY-NEVER-SHOWN';
const seed = 47;

let dir: string;
let home: string;
let core: Core;
const closers: (() => Promise<unknown> | void)[] = [];

async function writeEnvironment(name: string, variables: Record<string, string>): Promise<void> {
  const text = Object.entries(variables)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
  await writeFile(join(dir, `${name}.env`), text);
}

/** The environment's settings around the test Mosquitto, with both applications' key files. */
const liveVariables = (url: string) => ({
  CLAIR_ENVIRONMENT_CLASS: 'development',
  TTN_MQTT_URL: url,
  TTN_TENANT: tenant,
  CLAIRCHEN_TTN_APPLICATION_ID: clairchenApp,
  ERS_TTN_APPLICATION_ID: ersApp,
  CLAIRCHEN_TTN_API_KEY_FILE: join(dir, 'clairchen_ttn_api_key'),
  ERS_TTN_API_KEY_FILE: join(dir, 'ers_ttn_api_key'),
});

/** A watch through the dispatcher, so every event is checked against the contract as in the app. */
function watch(environment: string, source: 'ttn' | 'dev-broker') {
  const events: UplinksEvent[] = [];
  let end: StreamMessage<unknown> | undefined;
  const unsubscribe = core.dispatcher.open(contract.uplinks.watch.id, { environment, source }, (message) => {
    if (message.type === 'event') events.push(message.event as UplinksEvent);
    else end = message;
  });
  closers.push(unsubscribe);
  const rows = () => events.flatMap((event) => (event.type === 'uplinks' ? event.rows : []));
  const states = () =>
    events.flatMap((event) => (event.type === 'connection' ? [`${event.application} ${event.state}`] : []));
  const session = () => events.find((event) => event.type === 'session')?.session;
  return { events, rows, states, session, ended: () => end, unsubscribe };
}

async function invoke(channel: keyof typeof contract.uplinks, payload: unknown) {
  return core.dispatcher.invoke(contract.uplinks[channel].id, payload);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ttnlive-int-'));
  home = await mkdtemp(join(tmpdir(), 'ttnlive-home-'));
  await writeFile(join(dir, 'clairchen_ttn_api_key'), `${apiKey}\n`);
  await writeFile(join(dir, 'ers_ttn_api_key'), `${apiKey}\n`);
  await writeEnvironment('live', {
    ...liveVariables(CLAIR_MQTT_URL),
    SIMULATED_TTN_PORT: new URL(CLAIR_MQTT_URL).port,
  });
  await writeEnvironment('nokey', { ...liveVariables(CLAIR_MQTT_URL), ERS_TTN_API_KEY_FILE: join(dir, 'absent_key') });
  core = createTestCore({ environmentsDir: dir, env: { HOME: home } });
});

afterAll(async () => {
  for (const close of closers) await close();
  await core?.dispose();
});

describe('live uplinks from the test Mosquitto', () => {
  it("lists the environment's sources with their problems and never the API key", async () => {
    const live = await invoke('sources', { environment: 'live' });
    expect(live).toEqual({
      ok: true,
      result: {
        tenant,
        applications: [
          { application: 'clairchen', applicationId: clairchenApp },
          { application: 'ers', applicationId: ersApp },
        ],
        sources: [
          { kind: 'ttn', url: CLAIR_MQTT_URL, problems: [] },
          { kind: 'dev-broker', url: `mqtt://127.0.0.1:${new URL(CLAIR_MQTT_URL).port}`, problems: [] },
        ],
      },
    });
    expect(JSON.stringify(live)).not.toContain(apiKey);

    const nokey = await invoke('sources', { environment: 'nokey' });
    expect(nokey).toEqual({
      ok: true,
      result: expect.objectContaining({
        sources: [
          {
            kind: 'ttn',
            url: CLAIR_MQTT_URL,
            problems: [`ERS_TTN_API_KEY_FILE: ${join(dir, 'absent_key')} does not exist`],
          },
        ],
      }),
    });
    const refused = watch('nokey', 'ttn');
    await expect.poll(() => refused.ended()).toBeDefined();
    expect(refused.ended()).toMatchObject({ type: 'end', error: { message: expect.stringContaining('absent_key') } });
  });

  it('decodes published uplinks with the forwarders’ decoders, reports broken ones per uplink, and saves them', async () => {
    const live = watch('live', 'ttn');
    await expect
      .poll(() => live.states().sort())
      .toEqual(['clairchen connected', 'clairchen connecting', 'ers connected', 'ers connecting']);

    const nodes = simulatedInventory(seed, 2).filter((node) => node.protocol === 'CLAIRCHEN');
    const published: ApplicationUp[] = [];
    await publishUplinks({
      brokerUrl: CLAIR_MQTT_URL,
      tenant,
      apiKey,
      origin: { seed, applicationId: clairchenApp },
      schedule: new UplinkSchedule(nodes, { seed, epoch: new Date('2026-11-01T00:00:00Z'), uplinkIntervalS: 60 }),
      clock: steppingClock(new Date('2026-11-29T09:00:00Z')),
      stop: { count: 4 },
      onPublish: (_topic, message) => published.push(message),
    });
    const publisher = await mqtt.connectAsync(CLAIR_MQTT_URL);
    closers.push(() => publisher.endAsync());
    const broken = structuredClone(published[0]!);
    broken.uplink_message.frm_payload = 'AA==';
    const brokenTopic = `v3/${clairchenApp}@${tenant}/devices/${broken.end_device_ids.device_id}/up`;
    await publisher.publishAsync(brokenTopic, JSON.stringify(broken));
    await publisher.publishAsync(`v3/${ersApp}@${tenant}/devices/eui-garbled/up`, '{"end_device_ids": ');

    await expect.poll(() => live.rows().length).toBe(6);
    const rows = live.rows();
    for (const [index, message] of published.entries()) {
      const node = nodes.find((n) => n.deviceId === message.end_device_ids.device_id)!;
      const receivedAtMs = Date.parse(message.uplink_message.received_at);
      expect(rows[index]).toMatchObject({
        seq: index,
        application: 'clairchen',
        deviceId: node.deviceId,
        devEui: node.devEui,
        fPort: 1,
        fCnt: message.uplink_message.f_cnt ?? 0,
        status: 'decoded',
        samples: payloadSamples(seed, node, receivedAtMs).map((sample) => ({
          timestampS: sample.timestampS,
          // What Clairchen's payload keeps of each value (original-clair.md §4.4).
          co2Ppm: 20 * clairchenCo2(sample.co2Ppm),
          temperatureCelsius: clairchenTemperature(sample.temperatureCelsius),
          relHumidityPercent: 10 * clairchenHumidity(sample.relHumidityPercent) + 10,
        })),
      });
      expect(rows[index]!.rssi).toBe(Math.max(...message.uplink_message.rx_metadata.map((rx) => rx.rssi)));
    }
    expect(rows[4]).toMatchObject<Partial<UplinkRow>>({
      deviceId: broken.end_device_ids.device_id,
      status: 'decode_error',
      error: 'incorrect sample count: header says 1, payload holds 0',
      samples: [],
    });
    expect(rows[5]).toMatchObject<Partial<UplinkRow>>({
      application: 'ers',
      deviceId: 'eui-garbled',
      status: 'bad_uplink',
      error: expect.stringContaining('not JSON') as string,
    });

    const session = live.session()!;
    const raw = await invoke('raw', { session, seq: 2 });
    expect(raw.ok && JSON.parse((raw.result as RawUplink).text)).toEqual(published[2]);

    const capture = await invoke('save', {
      environment: 'live',
      session,
      seqs: [0, 1, 4, 5],
      format: 'capture',
      file: 'ttnlive-capture.jsonl',
    });
    const capturePath = join(home, 'Downloads', 'ttnlive-capture.jsonl');
    expect(capture).toEqual({
      ok: true,
      result: { path: capturePath, count: 3, skipped: ['1 uplink: not JSON, so not a TTN message'] },
    });
    const lines = (await readFile(capturePath, 'utf8')).split('\n');
    expect(lines).toEqual([JSON.stringify(published[0]), JSON.stringify(published[1]), JSON.stringify(broken), '']);

    const fixturePath = join(dir, 'ttnlive-samples.json');
    const fixture = await invoke('save', {
      environment: 'live',
      session,
      seqs: [0, 1, 2, 3, 4],
      format: 'samples-fixture',
      file: fixturePath,
    });
    expect(fixture).toEqual({
      ok: true,
      result: { path: fixturePath, count: 12, skipped: ['1 uplink: decode error, no samples'] },
    });
    const records = JSON.parse(await readFile(fixturePath, 'utf8')) as { model: string; fields: { node: string } }[];
    expect(records).toHaveLength(12);
    expect(records[0]).toEqual({
      model: 'core.sample',
      fields: {
        node: nodeIdFromDevEui('CLAIRCHEN', rows[0]!.devEui!),
        timestamp_s: rows[0]!.samples[0]!.timestampS,
        co2_ppm: rows[0]!.samples[0]!.co2Ppm,
        temperature_celsius: rows[0]!.samples[0]!.temperatureCelsius!.toFixed(1),
        rel_humidity_percent: rows[0]!.samples[0]!.relHumidityPercent,
        measurement_status: 'M',
      },
    });

    const elsewhere = await invoke('save', { environment: 'nokey', session, seqs: [0], format: 'capture', file: 'x' });
    expect(elsewhere).toMatchObject({ ok: false, error: { message: expect.stringContaining('watched on live') } });
    live.unsubscribe();
  });

  it('watches the dev extension’s simulated TTN without credentials', async () => {
    const dev = watch('live', 'dev-broker');
    await expect.poll(() => dev.states().filter((state) => state.endsWith('connected'))).toHaveLength(2);
    const publisher = await mqtt.connectAsync(CLAIR_MQTT_URL);
    closers.push(() => publisher.endAsync());
    await publisher.publishAsync(
      `v3/${ersApp}@${tenant}/devices/eui-dev/up`,
      JSON.stringify({
        end_device_ids: { device_id: 'eui-dev', application_ids: { application_id: ersApp } },
        join_accept: { session_key_id: 'AQI=' },
      }),
    );
    await expect
      .poll(() => dev.rows())
      .toMatchObject([
        {
          application: 'ers',
          deviceId: 'eui-dev',
          status: 'bad_uplink',
          error: expect.stringContaining('join_accept'),
        },
      ]);
    dev.unsubscribe();
  });
});

describe('a broker that refuses the API key', () => {
  let server: Server;

  beforeAll(async () => {
    // Answers every CONNECT as TTN answers a key without the traffic right: CONNACK 5.
    server = createServer((socket) => {
      socket.once('data', () => socket.end(Buffer.from([0x20, 0x02, 0x00, 0x05])));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await writeEnvironment('refusing', liveVariables(`mqtt://127.0.0.1:${port}`));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says so per application, in words, without retrying and without the key', async () => {
    const refused = watch('refusing', 'ttn');
    await expect.poll(() => refused.states().filter((state) => state.endsWith('refused'))).toHaveLength(2);
    const connection = refused.events.find(
      (event) => event.type === 'connection' && event.state === 'refused' && event.application === 'clairchen',
    );
    expect(connection).toMatchObject({
      message: expect.stringContaining(
        `not authorized as ${clairchenApp}@${tenant}: the API key lacks the right to read application traffic`,
      ),
    });
    expect(JSON.stringify(refused.events)).not.toContain(apiKey);
    refused.unsubscribe();
  });
});

describe('a connection that drops', () => {
  it('is reported as reconnecting with the reason, comes back, and uplinks flow again', async () => {
    const { proxy, url } = await CuttableProxy.before(CLAIR_MQTT_URL);
    closers.push(() => proxy.cut());
    await writeEnvironment('proxied', liveVariables(url));
    const live = watch('proxied', 'ttn');
    const connected = () => live.states().filter((state) => state === 'clairchen connected').length;
    await expect.poll(connected).toBe(1);

    await proxy.cut();
    await expect
      .poll(() => live.events.filter((event) => event.type === 'connection' && event.state === 'reconnecting'))
      .toContainEqual(
        expect.objectContaining({ application: 'clairchen', message: expect.stringContaining(url) as string }),
      );
    await proxy.open();
    await expect.poll(connected, { timeout: 30_000 }).toBe(2);

    const publisher = await mqtt.connectAsync(CLAIR_MQTT_URL);
    closers.push(() => publisher.endAsync());
    await publisher.publishAsync(`v3/${clairchenApp}@${tenant}/devices/eui-back/up`, '{}');
    await expect.poll(() => live.rows().map((row) => row.deviceId)).toEqual(['eui-back']);
    expect(live.ended()).toBeUndefined();
    live.unsubscribe();
  });
});
