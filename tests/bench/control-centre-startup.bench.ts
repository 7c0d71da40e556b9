/**
 * The control centre as a user meets it, in browser mode (this machine has no Electron binary):
 * (a) the time from starting the host (`node build/electron/host.mjs`) to an interactive first
 * screen in Chromium (the overview's data shown and a navigation button clickable), against the
 * same host start followed by a static page of the host (favicon.svg) instead of the app;
 * (b) the CPU used while idle with the window open, host and page together, as a percentage of
 * one core, against the same host showing that static page.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../e2e/chromium';
import { type BenchResult, percentile } from './measure';

const root = resolve(import.meta.dirname, '../..');
const hostBundle = join(root, 'build/electron/host.mjs');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const starts = Number(process.env.CLAIR_BENCH_STARTS ?? 5);
const idleSeconds = 10;
const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

interface RunningHost {
  process: ChildProcess;
  url: string;
  origin: string;
  stop: () => Promise<void>;
}

/** Starts the host as `npm start` does in browser mode, resolving once it printed its address. */
async function startHost(stateDir: string): Promise<RunningHost> {
  const child = spawn(process.execPath, [hostBundle, '--root', root], {
    env: { ...process.env, CLAIR_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  for await (const line of createInterface({ input: child.stdout })) {
    const url = /^Open the control centre at: (\S+)$/.exec(line)?.[1];
    if (url) {
      return {
        process: child,
        url,
        origin: new URL(url).origin,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
  }
  throw new Error(`${hostBundle} exited without printing its address`);
}

/** What a user waits for: the overview's facts, and the navigation ready to take a click. */
async function waitUntilInteractive(page: Page): Promise<void> {
  await page.getByTestId('app-info').getByText(version).waitFor();
  await page.getByRole('button', { name: 'Environments' }).click({ trial: true });
}

const screens = {
  app: { open: (page: Page, host: RunningHost) => page.goto(host.url).then(() => waitUntilInteractive(page)) },
  blank: { open: (page: Page, host: RunningHost) => page.goto(`${host.origin}/favicon.svg`).then(() => undefined) },
};
type Screen = keyof typeof screens;

async function timeStart(browser: Browser, stateDir: string, screen: Screen): Promise<number> {
  const started = performance.now();
  const host = await startHost(stateDir);
  const page = await browser.newPage();
  try {
    await screens[screen].open(page, host);
    return performance.now() - started;
  } finally {
    await page.close();
    await host.stop();
  }
}

/** CPU seconds the process has used so far (user + system), from /proc. */
function processCpuSeconds(pid: number): number {
  // The fields after the command name, which may itself contain spaces and parentheses.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** CPU of the host and of the page's main thread over `idleSeconds` with the screen open. */
async function idleCpu(browser: Browser, stateDir: string, screen: Screen) {
  const host = await startHost(stateDir);
  const page = await browser.newPage();
  try {
    await screens[screen].open(page, host);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const pageTaskSeconds = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
    // Let the first screen's loading settle before measuring what idling costs.
    await sleep(1000);
    const [host0, page0, wall0] = [processCpuSeconds(host.process.pid!), await pageTaskSeconds(), performance.now()];
    await sleep(idleSeconds * 1000);
    const [host1, page1, wall1] = [processCpuSeconds(host.process.pid!), await pageTaskSeconds(), performance.now()];
    const seconds = (wall1 - wall0) / 1000;
    return {
      seconds,
      hostPercent: (100 * (host1 - host0)) / seconds,
      pagePercent: (100 * (page1 - page0)) / seconds,
    };
  } finally {
    await page.close();
    await host.stop();
  }
}

export async function runControlCentreStartupBench(): Promise<BenchResult[]> {
  if (!existsSync(hostBundle) || !existsSync(join(root, 'build/renderer/index.html'))) {
    throw new Error('The control centre is not built: run npm run build first.');
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'elmh-bench-state-'));
  const browser = await launchChromium();
  try {
    // Alternating, so that a slow moment of the machine hits both alike.
    const durations: Record<Screen, number[]> = { app: [], blank: [] };
    for (let i = 0; i < starts; i++) {
      for (const screen of ['blank', 'app'] as const)
        durations[screen].push(await timeStart(browser, stateDir, screen));
    }
    const startResult = (name: string, values: number[]): BenchResult => {
      const seconds = values.reduce((sum, value) => sum + value, 0) / 1000;
      return {
        name,
        count: values.length,
        unit: 'starts',
        seconds,
        perSecond: values.length / seconds,
        p50Ms: percentile(values, 50),
        p99Ms: percentile(values, 99),
      };
    };
    const blankStart = startResult('control centre: host start to a static page (baseline)', durations.blank);
    const appStart = startResult('control centre: host start to an interactive overview', durations.app);

    const idle: Record<Screen, Awaited<ReturnType<typeof idleCpu>>> = {
      blank: await idleCpu(browser, stateDir, 'blank'),
      app: await idleCpu(browser, stateDir, 'app'),
    };
    const idleResult = (name: string, screen: Screen): BenchResult => ({
      name,
      count: idleSeconds,
      unit: 'idle seconds',
      seconds: idle[screen].seconds,
      perSecond: idleSeconds / idle[screen].seconds,
      extra: {
        cpuPercentOfOneCore: idle[screen].hostPercent + idle[screen].pagePercent,
        hostCpuPercent: idle[screen].hostPercent,
        pageCpuPercent: idle[screen].pagePercent,
      },
    });
    const blankIdle = idleResult('control centre idle: host with a static page open (baseline)', 'blank');
    const appIdle = idleResult('control centre idle: host with the overview open', 'app');

    return [
      blankStart,
      { ...appStart, baseline: blankStart.name, ratioToBaseline: appStart.perSecond / blankStart.perSecond },
      blankIdle,
      { ...appIdle, baseline: blankIdle.name },
    ];
  } finally {
    await browser.close();
  }
}
