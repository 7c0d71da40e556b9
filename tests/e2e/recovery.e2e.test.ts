import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ttnUplinkDecoder } from '../../services/domain/ttn/uplink-decoding';
import { ForwarderEnv } from '../../services/forwarder/env';
import { startForwarder } from '../../services/forwarder/forwarder';
import { silentLog } from '../../services/forwarder/log';
import { buildApp } from '../../services/managair/app';
import type { ApplicationUp } from '../../services/ttn-simulator/application-up';
import { systemClock } from '../../services/ttn-simulator/clock';
import { publishUplinks } from '../../services/ttn-simulator/mqtt-publisher';
import { registerSimulatedNodes } from '../../services/ttn-simulator/node-registry';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import { storageServer, trafficReadRight } from '../../services/ttn-simulator/storage-server';
import { UplinkSchedule } from '../../services/ttn-simulator/uplink-schedule';
import { readTestEnvironment } from '../support/test-env';
import { storedSamples, uplinkSamples } from '../pipeline/expected-samples';
import { waitFor } from '../pipeline/pipeline-rig';
import {
  countSamples,
  createRecoveryScenario,
  migratedScratchDatabase,
  type RecoveryScenario,
  recordedHistory,
  writeRecoveryEnvironment,
} from '../recovery/recovery-scenario';
import { type ControlCentre, openControlCentre } from './control-centre';

const hourMs = 3_600_000;
const shots = '/tmp/recov-shots';

/** Steps 1 to 4 of the wizard for the ERS application; leaves the preview on screen. Answers the devices with gaps. */
async function findAndFetch(page: Page, app: ControlCentre, applicationId: string, name: string): Promise<number> {
  await page.goto(app.host.url);
  await page.getByRole('button', { name: 'Recovery' }).click();
  await page.getByLabel('Environment').selectOption('recovery');
  await page.getByLabel('Forwarder (TTN application)').selectOption(applicationId);
  await page.screenshot({ path: `${shots}/${name}-1-application.png` });
  await page.getByRole('button', { name: 'Find gaps' }).click();
  await page.getByTestId('recovery-gap-row').first().waitFor({ timeout: 20_000 });
  const devicesWithGaps = await page.locator('.recovery-gap-row:has(.recovery-gap)').count();
  await page.screenshot({ path: `${shots}/${name}-2-gaps.png` });
  await page.getByRole('button', { name: 'Fetch from TTN' }).click();
  await page.getByTestId('recovery-preview').waitFor({ timeout: 30_000 });
  await page.getByTestId('recovery-chart').locator('canvas').waitFor();
  await page.screenshot({ path: `${shots}/${name}-4-preview.png`, fullPage: true });
  return devicesWithGaps;
}

describe('the Recovery screen in Chromium', () => {
  describe('after a forwarder was stopped for a while', () => {
    const applicationId = `recovery-${randomUUID().slice(0, 8)}`;
    const ingestToken = randomBytes(24).toString('hex');
    const published: ApplicationUp[] = [];
    let close: (() => Promise<void>)[] = [];
    let app: ControlCentre;
    let database: Awaited<ReturnType<typeof migratedScratchDatabase>>;
    let nodeIds: string[];

    // The stack's path in this process: the simulator publishing to the test Mosquitto, a real
    // ERS forwarder, a real ingestair writing to a scratch database, and TTN's Storage
    // Integration (the stand-in) holding every uplink the simulator sent.
    beforeAll(async () => {
      const mqttUrl = readTestEnvironment().CLAIR_MQTT_URL;
      database = await migratedScratchDatabase();
      close.push(() => database.drop());
      const nodes = simulatedInventory(23, 2).filter((node) => node.protocol === 'ELSYSERS');
      nodeIds = nodes.map((node) => node.nodeId);
      await registerSimulatedNodes(database.database.db, nodes);

      const ingest = buildApp({ mode: 'ingest', databaseUrl: database.url, ingestToken, logLevel: 'silent' });
      await ingest.app.listen({ host: '127.0.0.1', port: 0 });
      await ingest.schemaReady();
      close.push(() => ingest.app.close());
      const { port } = ingest.app.server.address() as { port: number };
      const spool = await mkdtemp(join(tmpdir(), 'recovery-e2e-spool-'));
      const env = ForwarderEnv.parse({
        TTN_MQTT_URL: mqttUrl,
        TTN_APPLICATION_ID: applicationId,
        TTN_API_KEY: 'NNSXS.RECOVERY-E2E',
        FORWARDER_PROTOCOL: 'ELSYSERS',
        INGEST_URL: `http://127.0.0.1:${port}/ingest/v1/ingest/`,
        INGEST_TOKEN: ingestToken,
        SPOOL_DIR: spool,
        HOST: '127.0.0.1',
        PORT: '0',
        BATCH_LINGER_MS: '50',
      });
      const start = async () => {
        const forwarder = await startForwarder(env, {
          decode: ttnUplinkDecoder('ELSYSERS'),
          log: silentLog,
          minBackoffMs: 50,
          minReconnectMs: 50,
        });
        const health = async () =>
          (await (await fetch(`http://127.0.0.1:${forwarder.port}/health`)).json()) as { mqtt: { connected: boolean } };
        await waitFor(async () => (await health()).mqtt.connected, 30_000, 'the forwarder connected to MQTT');
        return forwarder;
      };

      // Two devices, an uplink a second each, for 24 s; the forwarder is down from 8 s to 16 s.
      const stopped = await start();
      const schedule = new UplinkSchedule(nodes, { seed: 23, epoch: new Date(), uplinkIntervalS: 1 });
      const publishing = publishUplinks({
        brokerUrl: mqttUrl,
        tenant: env.TTN_TENANT,
        apiKey: 'NNSXS.RECOVERY-E2E',
        origin: { seed: 23, applicationId },
        schedule,
        clock: systemClock,
        stop: { durationMs: 24_000 },
        onPublish: (_topic, message) => published.push(message),
      });
      await sleep(8_000);
      await stopped.close(2_000);
      await sleep(8_000);
      const restarted = await start();
      await publishing;
      // Everything the running forwarder received is stored once its spool is empty.
      const spooled = async () =>
        ((await (await fetch(`http://127.0.0.1:${restarted.port}/health`)).json()) as { spool: { samples: number } })
          .spool.samples;
      await waitFor(async () => (await spooled()) === 0, 20_000, 'the forwarder emptied its spool');
      close.push(() => restarted.close(0));

      const storage = storageServer({
        applicationId,
        history: recordedHistory(published),
        apiKeys: [{ key: 'NNSXS.RECOVERY-E2E', applicationId, rights: [trafficReadRight] }],
        now: () => new Date(),
      });
      const storageUrl = await storage.listen({ host: '127.0.0.1', port: 0 });
      close.push(() => storage.close());
      const { environmentsDir } = await writeRecoveryEnvironment({
        storageUrl,
        applicationId,
        apiKey: 'NNSXS.RECOVERY-E2E',
      });
      app = await openControlCentre({ environmentsDir, databaseTarget: () => ({ connectionString: database.url }) });
      close.push(() => app.close());
    }, 120_000);

    afterAll(async () => {
      for (const step of close.reverse()) await step();
      close = [];
    });

    it('finds the gap, fetches it from TTN and imports exactly what the forwarder missed', async () => {
      const keys = (samples: { nodeId: string; timestampS: number }[]) =>
        [...new Set(samples.map((sample) => `${sample.nodeId} ${sample.timestampS}`))].sort();
      const expected = keys(published.flatMap((message) => uplinkSamples('ELSYSERS', message)));
      const before = keys(await storedSamples(database.database.db, nodeIds));
      // The forwarder stored what came while it ran; eight seconds of two devices' uplinks, three
      // samples each, never reached the database.
      expect(before.length).toBeGreaterThan(60);
      expect(before.length).toBeLessThan(expected.length - 30);

      const page = await app.newPage({ width: 1280, height: 900 });
      expect(await findAndFetch(page, app, applicationId, 'stopped-forwarder')).toBe(2);
      const missing = expected.length - before.length;
      await expect
        .poll(() => page.getByRole('button', { name: /^Import / }).textContent())
        .toBe(`Import ${missing} samples`);
      await page.getByRole('button', { name: /^Import / }).click();
      const report = page.getByTestId('recovery-report');
      await report.waitFor({ timeout: 30_000 });
      expect(await report.textContent()).toContain(`Recovered ${missing} samples of 2 devices`);
      await page.screenshot({ path: `${shots}/stopped-forwarder-6-report.png`, fullPage: true });
      // Exactly the samples the forwarder would have stored had it run throughout.
      expect(keys(await storedSamples(database.database.db, nodeIds))).toEqual(expected);
      expect(app.errors).toEqual([]);
    });
  });

  describe('on a production environment', () => {
    let scenario: RecoveryScenario;
    let app: ControlCentre;

    beforeAll(async () => {
      const nowMs = Date.now();
      // The forwarder was stopped from 6 h to 4 h ago; importing into production asks for its name.
      scenario = await createRecoveryScenario({
        nodes: 4,
        uplinkIntervalS: 600,
        nowMs,
        environmentClass: 'production',
        lost: () => [{ fromMs: nowMs - 6 * hourMs, toMs: nowMs - 4 * hourMs }],
      });
      app = await openControlCentre({
        environmentsDir: scenario.environmentsDir,
        databaseTarget: () => ({ connectionString: scenario.database.url }),
      });
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await scenario?.close();
    });

    it('shows the gaps per device, imports after the typed name, and writes the result as a fixture', async () => {
      const page = await app.newPage({ width: 1280, height: 900 });
      expect(await findAndFetch(page, app, 'ers-recovery-test', 'production')).toBe(4);
      const lost = [...scenario.lostSamples.values()].reduce((a, b) => a + b, 0);
      await expect
        .poll(() => page.getByRole('button', { name: /^Import / }).textContent())
        .toBe(`Import ${lost.toLocaleString('en')} samples`);

      await page.getByRole('button', { name: /^Import / }).click();
      await page.getByLabel('Environment name').fill('recovery');
      await page.getByRole('button', { name: 'Confirm' }).click();
      const report = page.getByTestId('recovery-report');
      await report.waitFor({ timeout: 30_000 });
      expect(await report.textContent()).toContain(`Recovered ${lost.toLocaleString('en')} samples of 4 devices`);
      expect(await countSamples(scenario.database)).toBe(scenario.storedSamples + lost);

      await page.getByRole('button', { name: 'Write as fixture' }).click();
      const fixture = page.getByTestId('recovery-fixture');
      await fixture.waitFor();
      expect(await fixture.textContent()).toMatch(
        new RegExp(`Wrote ${lost} core.sample records to /.*ers-recovery-test-samples\\.json`),
      );
      await page.screenshot({ path: `${shots}/production-6-report.png`, fullPage: true });
      expect(app.errors).toEqual([]);
    });
  });
});
