import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, as root, on a machine without internet: the flags keep it from trying to
 * reach Google's services at every start (see machine-feasibility.md).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CLAIR_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
