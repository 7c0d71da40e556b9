import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ControlCentre, openControlCentre } from './control-centre';

let app: ControlCentre;

beforeAll(async () => {
  const environmentsDir = await mkdtemp(join(tmpdir(), 'clair-e2e-envs-'));
  await writeFile(join(environmentsDir, 'dev.env'), 'DOCKER_CONTEXT=default\n');
  await writeFile(join(environmentsDir, 'production.env.example'), '');
  app = await openControlCentre({ version: '0.1.0-e2e', environmentsDir });
});

afterAll(() => app?.close());

describe('the control centre shell in Chromium', () => {
  it('shows the overview from the host, navigates, and leaves no CSP violation', async () => {
    const page = await app.newPage({ width: 1200, height: 720 });
    page.on('console', (message) => message.type() === 'error' && app.errors.push(message.text()));

    await page.goto(app.host.url);
    const info = page.getByTestId('app-info');
    await expect.poll(() => info.textContent()).toContain('0.1.0-e2e');
    expect(await info.textContent()).toContain('Browser (served by the local host)');
    // The token leaves the address bar once the page has it.
    expect(page.url()).not.toContain(app.host.token);
    await app.screenshot(page, 'overview', false);

    await page.getByRole('button', { name: 'Environments' }).click();
    const rows = page.getByTestId('environments').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('dev.env');
    expect(await rows.nth(1).textContent()).toContain('Example, fill in to deploy');
    await app.screenshot(page, 'shell-environments', false);

    expect(app.errors).toEqual([]);
  });

  it('shows an error state, not a blank page, when opened without the token', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.host.origin);
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Could not load .*open the address the control centre printed/);
    await app.screenshot(page, 'no-token', false);
  });
});
