import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApplicationUp } from '../../services/ttn-simulator/application-up';
import { steppingClock } from '../../services/ttn-simulator/clock';
import { publishUplinks } from '../../services/ttn-simulator/mqtt-publisher';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import { UplinkSchedule } from '../../services/ttn-simulator/uplink-schedule';
import { type ControlCentre, openControlCentre } from './control-centre';

const brokerUrl = process.env.CLAIR_MQTT_URL ?? '';
const tenant = `ttnlive${process.pid}`;
const clairchenApp = 'ttnlive-e2e-clairchen';
const ersApp = 'ttnlive-e2e-ers';
const apiKey = 'NNSXS.TTNLIVE-E2E';
const shots = '/tmp/ttnlive-shots';
const seed = 53;
const nodes = simulatedInventory(seed, 2);

let app: ControlCentre;
let home: string;
let refusing: Server;
/** Every message published, in the order the broker got them. */
const published: ApplicationUp[] = [];
let start = Date.parse('2026-11-29T08:00:00Z');

/** Uplinks of the environment's application of `protocol`, as the TTN simulator publishes them. */
async function publish(protocol: 'CLAIRCHEN' | 'ELSYSERS', count: number): Promise<void> {
  const applicationId = protocol === 'CLAIRCHEN' ? clairchenApp : ersApp;
  await publishUplinks({
    brokerUrl,
    tenant,
    apiKey,
    origin: { seed, applicationId },
    schedule: new UplinkSchedule(
      nodes.filter((node) => node.protocol === protocol),
      { seed, epoch: new Date('2026-11-01T00:00:00Z'), uplinkIntervalS: 60 },
    ),
    clock: steppingClock(new Date(start)),
    stop: { count },
    onPublish: (_topic, message) => published.push(message),
  });
  start += 10 * 60_000;
}

function environmentFile(url: string, dir: string): string {
  return [
    'CLAIR_ENVIRONMENT_CLASS=development',
    `TTN_MQTT_URL=${url}`,
    `TTN_TENANT=${tenant}`,
    `CLAIRCHEN_TTN_APPLICATION_ID=${clairchenApp}`,
    `ERS_TTN_APPLICATION_ID=${ersApp}`,
    `CLAIRCHEN_TTN_API_KEY_FILE=${join(dir, 'api_key')}`,
    `ERS_TTN_API_KEY_FILE=${join(dir, 'api_key')}`,
    '',
  ].join('\n');
}

beforeAll(async () => {
  if (!brokerUrl.startsWith('mqtt://')) throw new Error('source /var/tmp/clair-env/test-env.sh first');
  const dir = await mkdtemp(join(tmpdir(), 'ttnlive-e2e-'));
  home = await mkdtemp(join(tmpdir(), 'ttnlive-e2e-home-'));
  await mkdir(shots, { recursive: true });
  await writeFile(join(dir, 'api_key'), apiKey);
  await writeFile(join(dir, 'live.env'), environmentFile(brokerUrl, dir));
  // A broker that answers every login as TTN answers a key without the traffic right.
  refusing = createServer((socket) => {
    socket.once('data', () => socket.end(Buffer.from([0x20, 0x02, 0x00, 0x05])));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  const { port } = refusing.address() as { port: number };
  // Its dev extension's simulated TTN is the test Mosquitto, which takes anyone.
  await writeFile(
    join(dir, 'refused.env'),
    `${environmentFile(`mqtt://127.0.0.1:${port}`, dir)}SIMULATED_TTN_PORT=${new URL(brokerUrl).port}\n`,
  );
  app = await openControlCentre({ environmentsDir: dir, env: { HOME: home } });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => refusing?.close(resolve));
});

const rows = (page: Page) => page.getByTestId('uplink-rows').locator('.uplink-row');
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

describe('the Uplinks screen in Chromium', () => {
  it('watches live uplinks: decoded rows, filters, pause, the raw JSON, and a saved capture', async () => {
    const page = await app.newPage({ width: 1400, height: 900 });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Uplinks' }).click();
    await page.getByLabel('Environment').selectOption('live');
    const connections = page.getByRole('list', { name: 'Connections' });
    await expect.poll(() => connections.locator('li[data-state="connected"]').count(), { timeout: 20_000 }).toBe(2);
    await shot(page, 'uplinks-waiting');

    await publish('CLAIRCHEN', 6);
    await publish('ELSYSERS', 4);
    const publisher = await mqtt.connectAsync(brokerUrl);
    const broken = structuredClone(published[0]!);
    broken.uplink_message.frm_payload = 'AA==';
    await publisher.publishAsync(
      `v3/${clairchenApp}@${tenant}/devices/${broken.end_device_ids.device_id}/up`,
      JSON.stringify(broken),
    );
    published.push(broken);
    await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBe(11);
    await expect.poll(() => page.getByTestId('uplink-counts').textContent()).toContain('11 shown of 11 kept');
    const first = rows(page).first();
    await expect.poll(() => first.getAttribute('data-status')).toBe('decode_error');
    expect(await first.textContent()).toContain('Decode error: incorrect sample count');
    expect(await rows(page).nth(1).textContent()).toMatch(/\d+ ppm \d+\.\d °C \d+ %/);
    await shot(page, 'uplinks-live');

    // Filters: one device, then one port, then the decode errors only.
    const device = nodes.find((node) => node.protocol === 'ELSYSERS')!.deviceId;
    await page.getByLabel('Device').selectOption(device);
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await rows(page).locator('.uplink-device').allTextContents()).toEqual([device, device]);
    await page.getByLabel('Device').selectOption('');
    await page.getByLabel('fPort').selectOption('1');
    await expect.poll(() => rows(page).count()).toBe(7);
    await page.getByLabel('fPort').selectOption('');
    await page.getByLabel('Decode errors only').check();
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByLabel('Decode errors only').uncheck();

    // Paused, the table stands still while uplinks keep arriving behind it.
    await page.getByRole('button', { name: 'Pause' }).click();
    await publish('CLAIRCHEN', 3);
    await expect.poll(() => page.getByTestId('uplink-counts').textContent()).toContain('3 new while paused');
    expect(await rows(page).count()).toBe(11);
    await shot(page, 'uplinks-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => rows(page).count()).toBe(14);

    // The detail: decoded samples and the raw message, pretty-printed.
    const newest = published.at(-1)!;
    await rows(page).first().click();
    const detail = page.getByRole('region', { name: 'Uplink detail' });
    await expect.poll(() => detail.getByTestId('uplink-raw').textContent()).toContain('"frm_payload"');
    const raw = JSON.parse((await detail.getByTestId('uplink-raw').textContent()) ?? '') as unknown;
    expect(raw).toEqual(newest);
    expect(await detail.locator('tbody tr').count()).toBe(3);
    await shot(page, 'uplinks-detail');

    // Save the shown uplinks (one device's) as a capture in the Downloads folder.
    const clairchenDevice = newest.end_device_ids.device_id;
    await page.getByLabel('Device').selectOption(clairchenDevice);
    const shown = published.filter((message) => message.end_device_ids.device_id === clairchenDevice);
    await expect.poll(() => rows(page).count()).toBe(shown.length);
    await page.getByLabel('File').fill('ttnlive-e2e.jsonl');
    await page.getByRole('button', { name: 'Save shown uplinks' }).click();
    const path = join(home, 'Downloads', 'ttnlive-e2e.jsonl');
    const saved = page.locator('.uplink-saved');
    await expect.poll(() => saved.textContent()).toContain(`Saved ${shown.length} uplinks to ${path}`);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(shown);
    await shot(page, 'uplinks-saved');

    // The same selection as a samples fixture: the broken uplink has none, and says so.
    await page.getByLabel('Save as').selectOption('samples-fixture');
    await page.getByLabel('File').fill('ttnlive-e2e.json');
    await page.getByRole('button', { name: 'Save shown uplinks' }).click();
    const decodedCount = shown.length - 1;
    await expect
      .poll(() => saved.textContent())
      .toContain(`Saved ${decodedCount * 3} samples to ${join(home, 'Downloads', 'ttnlive-e2e.json')}`);
    expect(await saved.textContent()).toContain('left out: 1 uplink: decode error, no samples');
    const fixture = JSON.parse(await readFile(join(home, 'Downloads', 'ttnlive-e2e.json'), 'utf8')) as {
      model: string;
    }[];
    expect(new Set(fixture.map((record) => record.model))).toEqual(new Set(['core.sample']));
    expect(fixture).toHaveLength(decodedCount * 3);
    await publisher.endAsync();
    expect(app.errors).toEqual([]);
  });

  it('says in words that TTN refused the API key, and watches the dev broker instead', async () => {
    const page = await app.newPage({ width: 1400, height: 700 });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Uplinks' }).click();
    await page.getByLabel('Environment').selectOption('refused');
    const refused = page.getByRole('list', { name: 'Connections' }).locator('li[data-state="refused"]');
    await expect.poll(() => refused.count(), { timeout: 20_000 }).toBe(2);
    expect(await refused.first().textContent()).toContain('the API key lacks the right to read application traffic');
    await shot(page, 'uplinks-refused');

    await page.getByLabel('Source').selectOption('dev-broker');
    const connected = page.getByRole('list', { name: 'Connections' }).locator('li[data-state="connected"]');
    await expect.poll(() => connected.count(), { timeout: 20_000 }).toBe(2);
    await publish('ELSYSERS', 2);
    await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBe(2);
    await shot(page, 'uplinks-dev-broker');
    expect(app.errors).toEqual([]);
  });
});
