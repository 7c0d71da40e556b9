import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ControlCentre, openControlCentre } from './control-centre';

let app: ControlCentre;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'envh-e2e-'));
  const environmentsDir = join(dir, 'environments');
  await mkdir(environmentsDir);
  await writeFile(
    join(environmentsDir, 'dev.env'),
    'CLAIR_ENVIRONMENT_CLASS=development\nCLAIR_STACK_NAME=envh-dev\nDOCKER_CONTEXT=default\n',
  );
  // A line dotenv would silently skip, and a context that does not exist.
  await writeFile(
    join(environmentsDir, 'staging.env'),
    'CLAIR_ENVIRONMENT_CLASS=staging\nDOCKER CONTEXT=x\nDOCKER_CONTEXT=envh-missing\n',
  );
  await writeFile(join(environmentsDir, 'production.env.example'), 'CLAIR_ENVIRONMENT_CLASS=production\n');
  app = await openControlCentre({
    environmentsDir,
    env: { DOCKER_CONFIG: join(dir, 'docker'), HOME: join(dir, 'home') },
  });
});

afterAll(() => app?.close());

describe('the Environments screen in Chromium', () => {
  it('shows each environment with its class, context, connection and problems', async () => {
    const page = await app.newPage();
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Environments' }).click();

    const rows = page.getByTestId('environments').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const dev = rows.filter({ hasText: 'dev.env' });
    await expect.poll(() => dev.textContent(), { timeout: 20_000 }).toMatch(/Reachable · Docker \S+ · swarm manager/);
    expect(await dev.locator('.class-badge').textContent()).toBe('development');

    const staging = rows.filter({ hasText: 'staging.env' });
    expect(await staging.locator('.problem-error').textContent()).toMatch(/line 2.*not a NAME=value/);
    await expect.poll(() => staging.textContent()).toContain('There is no Docker context "envh-missing"');

    expect(await rows.filter({ hasText: 'production.env.example' }).textContent()).toContain(
      'Example, fill in to deploy',
    );
    await page.getByRole('button', { name: 'Add a context' }).click();
    expect(await page.getByRole('button', { name: 'Test connection' }).isVisible()).toBe(true);

    await app.screenshot(page, 'environments');
    expect(app.errors).toEqual([]);
  });
});
