import { appendFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readTestEnvironment } from '../support/test-env';
import {
  type ClairStackEnvironment,
  removeClairStack,
  writeClairStackEnvironment,
} from '../stack/clair-stack-environment';
import { type ControlCentre, openControlCentre } from './control-centre';

/**
 * What an administrator does on a first morning, through the screens only, on the real swarm:
 * add the local docker context, create the missing volumes, deploy the dev stack and watch it
 * converge, read its logs, scale a service, deploy a change and roll it back, see it all in
 * Activity. A screenshot of each screen lands in test-results/e2e/flow-*.png.
 */
describe('the control centre, end to end on the dev stack', () => {
  const env = readTestEnvironment();
  const stack = `flow${Date.now().toString(36)}`;
  const socket = new URL(env.DOCKER_HOST).pathname;
  let environment: ClairStackEnvironment;
  let app: ControlCentre;
  let page: Page;

  /**
   * The context is not the docker CLI's `default`, so the guardrail asks for the environment's
   * name before every action; the test answers as an administrator would.
   */
  async function confirmTyped(): Promise<void> {
    const dialog = page.getByRole('dialog', { name: 'Confirm on flow' });
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    await dialog.getByLabel('Environment name').fill('flow');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clair-flow-'));
    const environmentsDir = join(dir, 'environments');
    await mkdir(environmentsDir);
    environment = await writeClairStackEnvironment({
      dir: environmentsDir,
      name: 'flow',
      stack,
      env,
      simulatorSeed: 0x5eed,
      dockerContext: 'flow-local',
    });
    // A docker config of its own: the context this test adds is nobody else's.
    app = await openControlCentre({ environmentsDir, env: { DOCKER_CONFIG: join(dir, 'docker') } });
    page = await app.newPage({ width: 1400, height: 900 });
    await page.goto(app.host.url);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await removeClairStack(env.DOCKER_HOST, stack, environment?.variables);
  }, 180_000);

  it('adds the local docker context the environment names', async () => {
    await page.getByRole('button', { name: 'Environments' }).click();
    const row = page.getByTestId('environments').locator('tbody tr').filter({ hasText: 'flow.env' });
    await expect.poll(() => row.textContent()).toContain('There is no Docker context "flow-local"');

    await page.getByRole('button', { name: 'Add a context' }).click();
    const form = page.getByRole('form', { name: 'Add a context' });
    await form.getByLabel('Name').fill('flow-local');
    await form.getByLabel('On this machine').check();
    await form.getByLabel('Socket').fill(socket);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/Reachable/);
    await form.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/Reachable · Docker \S+ · swarm manager/);
    await app.screenshot(page, 'flow-environments');
  });

  it('creates the volumes the stack needs', async () => {
    await page.getByRole('button', { name: 'Volumes & secrets' }).click();
    await page.getByLabel('Environment').selectOption('flow');
    await page.getByRole('button', { name: 'Create 4 missing volumes' }).click();
    await confirmTyped();
    const volumes = page.getByTestId('volumes').locator('tbody tr');
    await expect
      .poll(async () => (await volumes.allTextContents()).filter((row) => row.includes('Missing')))
      .toEqual([]);
    await app.screenshot(page, 'flow-storage');
  });

  it('deploys the dev stack and watches every service converge', { timeout: 300_000 }, async () => {
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByLabel('Environment').selectOption('flow');
    await expect
      .poll(() => page.getByTestId('plan-diff').textContent(), { timeout: 30_000 })
      .toContain('ttn_simulator');
    await page.getByRole('button', { name: 'Deploy to flow' }).click();
    await confirmTyped();
    const run = page.getByTestId('deploy-run');
    await expect
      .poll(() => run.textContent(), { timeout: 240_000, interval: 1_000 })
      .toMatch(/every service runs|failed|rolled back/i);
    expect(await run.textContent()).toMatch(/every service runs/);
    await app.screenshot(page, 'flow-deploy');
  });

  it('shows the services live and scales one', async () => {
    await page.getByRole('button', { name: 'Services', exact: true }).click();
    const worker = page.getByTestId('service-worker');
    await expect.poll(() => worker.getByTestId('replicas').textContent(), { timeout: 30_000 }).toBe('1/1');
    await page.getByLabel('Replicas of worker').fill('2');
    await worker.getByRole('button', { name: 'Scale' }).click();
    await confirmTyped();
    await expect.poll(() => worker.getByTestId('replicas').textContent(), { timeout: 60_000 }).toBe('2/2');
    await app.screenshot(page, 'flow-services');
  });

  it("reads the logs of the stack, the simulated sensors' uplinks among them", async () => {
    await page.getByRole('button', { name: 'Logs' }).click();
    const list = page.getByTestId('log-list');
    await expect
      .poll(() => list.getByText('ttn_simulator', { exact: true }).count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => list.getByText('managair_server', { exact: true }).count()).toBeGreaterThan(0);
    await app.screenshot(page, 'flow-logs', false);
  });

  it('deploys a change and rolls it back from the history', { timeout: 300_000 }, async () => {
    await appendFile(environment.file, 'FORWARDER_BATCH_LINGER_MS=200\n');
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByRole('button', { name: 'Plan again' }).click();
    await expect.poll(() => page.getByTestId('plan-diff').textContent()).toMatch(/BATCH_LINGER_MS\s*100\s*→\s*200/);
    await page.getByRole('button', { name: 'Deploy to flow' }).click();
    await confirmTyped();
    const history = page.getByTestId('deploy-history').locator('tbody tr');
    await expect.poll(() => history.count(), { timeout: 240_000, interval: 1_000 }).toBe(2);

    await page.getByRole('button', { name: 'Roll back to 1' }).click();
    await confirmTyped();
    await expect.poll(() => history.count(), { timeout: 240_000, interval: 1_000 }).toBe(3);
    expect(await page.getByTestId('deploy-run').textContent()).toMatch(
      /Rollback of flow to revision 1[\s\S]*every service runs/,
    );
    await app.screenshot(page, 'flow-rollback');
  });

  it('lists every action in Activity with its environment and result', async () => {
    await page.getByRole('button', { name: 'Activity' }).click();
    const rows = page.getByTestId('activity').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(6);
    const text = (await rows.allTextContents()).join('\n');
    for (const action of [
      'Saved a docker context',
      'Created missing volumes',
      'Deployed the stack',
      'Scaled a service',
      'Rolled back the stack',
    ]) {
      expect(text).toContain(action);
    }
    expect(text).not.toMatch(/Failed/);
    await app.screenshot(page, 'flow-activity');
    expect(app.errors).toEqual([]);
  });
});
