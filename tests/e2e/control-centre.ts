import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import type { Core, CoreConfig } from '../../electron/core/handlers';
import { createTestCore } from '../../electron/core/test-core';
import { type RunningHost, startHost } from '../../electron/host/host-server';
import { launchChromium } from './chromium';

const repository = resolve(import.meta.dirname, '../..');
const rendererDir = join(repository, 'build/renderer');
/** Screenshots of every screen, kept as test artifacts. */
export const artifacts = join(repository, 'test-results/e2e');

export interface ControlCentre {
  core: Core;
  host: RunningHost;
  browser: Browser;
  /** Unexpected core failures and page errors: each test expects none. */
  errors: string[];
  /** A new tab with the errors of its page collected, the control centre not yet opened. */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  screenshot: (page: Page, name: string, fullPage?: boolean) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The control centre as an end-to-end test sees it: a core over the given environments (and
 * project folder), the browser host serving the built renderer, and Debian's Chromium.
 */
export async function openControlCentre(
  config: Partial<CoreConfig> & { environmentsDir: string },
): Promise<ControlCentre> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir} has no build: run npm run build (npm test does it).`);
  }
  const errors: string[] = [];
  const core = createTestCore({ logError: (message) => errors.push(message), ...config });
  const host = await startHost({ rendererDir, dispatcher: core.dispatcher, port: 0, log: () => undefined });
  const browser = await launchChromium();
  await mkdir(artifacts, { recursive: true });
  return {
    core,
    host,
    browser,
    errors,
    newPage: async (viewport = { width: 1280, height: 900 }) => {
      const page = await browser.newPage({ viewport });
      page.on('pageerror', (error) => errors.push(error.message));
      return page;
    },
    screenshot: async (page, name, fullPage = true) => {
      await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
    },
    close: async () => {
      await browser.close();
      await host.close();
      await core.dispose();
    },
  };
}
