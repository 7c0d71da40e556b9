import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestCore } from '../../electron/core/test-core';
import { type RunningHost, startHost } from '../../electron/host/host-server';
import { launchChromium } from './chromium';

const root = resolve(import.meta.dirname, '../..');
const rendererDir = join(root, 'build/renderer');
const artifacts = join(root, 'test-results/e2e');

let host: RunningHost;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir} has no build: run npm run build (npm test does it).`);
  }
  const environmentsDir = await mkdtemp(join(tmpdir(), 'clair-e2e-envs-'));
  await writeFile(join(environmentsDir, 'dev.env'), 'DOCKER_CONTEXT=default\n');
  await writeFile(join(environmentsDir, 'production.env.example'), '');
  const core = createTestCore({
    version: '0.1.0-e2e',
    environmentsDir,
    logError: (message) => pageErrors.push(message),
  });
  host = await startHost({ rendererDir, dispatcher: core.dispatcher, port: 0, log: () => undefined });
  browser = await launchChromium();
  await mkdir(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('the control centre shell in Chromium', () => {
  it('shows the overview from the host, navigates, and leaves no CSP violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(host.url);
    const info = page.getByTestId('app-info');
    await expect.poll(() => info.textContent()).toContain('0.1.0-e2e');
    expect(await info.textContent()).toContain('Browser (served by the local host)');
    // The token leaves the address bar once the page has it.
    expect(page.url()).not.toContain(host.token);
    await page.screenshot({ path: join(artifacts, 'overview.png') });

    await page.getByRole('button', { name: 'Environments' }).click();
    const rows = page.getByTestId('environments').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('dev.env');
    expect(await rows.nth(1).textContent()).toContain('Example, fill in to deploy');
    await page.screenshot({ path: join(artifacts, 'environments.png') });

    expect(pageErrors).toEqual([]);
  });

  it('shows an error state, not a blank page, when opened without the token', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin);
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Could not load .*open the address the control centre printed/);
    await page.screenshot({ path: join(artifacts, 'no-token.png') });
  });
});
