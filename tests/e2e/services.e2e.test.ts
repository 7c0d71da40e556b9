import Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createServicesFixture, type ServicesFixture } from '../../electron/core/stack-services/services-fixture';
import { type ControlCentre, openControlCentre } from './control-centre';

/** The Services and Volumes & secrets screens in Chromium, on a small stack of the real swarm. */
describe('the Services and Volumes & secrets screens', () => {
  // The e2e project has no global setup: the test environment's DOCKER_HOST comes from test-env.sh.
  const docker = new Docker({ socketPath: (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '') });
  let fixture: ServicesFixture;
  let app: ControlCentre;
  let page: Page;

  beforeAll(async () => {
    fixture = await createServicesFixture();
    app = await openControlCentre({ root: fixture.root, environmentsDir: fixture.environmentsDir });
    page = await app.newPage({ width: 1400, height: 800 });
    await page.goto(app.host.url);
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.cleanUp(docker);
  });

  it('creates the missing volume from the Volumes & secrets screen', async () => {
    await page.getByRole('button', { name: 'Volumes & secrets' }).click();
    await page.getByLabel('Environment').selectOption('svch');
    const volume = page.getByTestId('volumes').locator('tbody tr').first();
    await expect.poll(() => volume.textContent()).toContain('Missing');
    await page.getByRole('button', { name: 'Create 1 missing volume' }).click();
    await expect.poll(() => volume.textContent()).toContain('Exists');
    expect(await page.getByRole('status').first().textContent()).toContain(`Created ${fixture.stack}_data`);
  });

  it('shows the deployed stack live, scales it, and opens the spec', async () => {
    await fixture.deploy(app.core);
    await page.getByRole('button', { name: 'Services', exact: true }).click();
    const cache = page.getByTestId('service-cache');
    const replicas = cache.getByTestId('replicas');
    await expect.poll(() => replicas.textContent()).toBe('1/1');
    expect(await cache.textContent()).toContain('clair/redis:7');
    expect(await page.getByRole('list', { name: 'Nodes' }).textContent()).toContain('manager');

    await page.getByLabel('Replicas of cache').fill('2');
    await cache.getByRole('button', { name: 'Scale' }).click();
    // The screen never polls: this changes only when the engine's events arrive.
    await expect.poll(() => replicas.textContent(), { timeout: 30_000 }).toBe('2/2');
    await expect.poll(() => cache.textContent(), { timeout: 15_000 }).toContain('Healthy');

    await page.getByRole('button', { name: 'Show the tasks of cache' }).click();
    await expect.poll(() => page.locator('.task-list tbody tr').count()).toBeGreaterThanOrEqual(2);
    await cache.getByRole('button', { name: 'Spec' }).click();
    const spec = page.getByTestId('service-spec');
    await expect.poll(() => spec.textContent()).toContain('CACHE_PASSWORD=<masked>');
    expect(await spec.textContent()).not.toContain(fixture.password);
    await app.screenshot(page, 'services');
  });

  it('shows who uses the secret and walks the rotation wizard to its review', async () => {
    await page.getByRole('button', { name: 'Volumes & secrets' }).click();
    const secret = page.getByTestId('secrets').locator('tbody tr').first();
    await expect.poll(() => secret.textContent()).toContain(`${fixture.stack}_cache`);
    expect(await secret.textContent()).toContain('Exists');
    await app.screenshot(page, 'storage');

    await secret.getByRole('button', { name: 'Rotate…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Rotate a secret' });
    expect(await wizard.textContent()).toContain(`Used by ${fixture.stack}_cache`);
    await wizard.getByRole('button', { name: 'Next' }).click();
    expect(await wizard.getByRole('note').textContent()).toContain('PostgreSQL keeps its own copy');
    await wizard.getByRole('button', { name: 'Next' }).click();
    expect(await wizard.textContent()).toContain(fixture.secretFile);
    await app.screenshot(page, 'storage-rotate', false);
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    expect(app.errors).toEqual([]);
  });
});
