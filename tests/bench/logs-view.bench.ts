/**
 * The Logs screen in Chromium while 10,000 lines/s flow for 30 s and the view follows them:
 * frame times (requestAnimationFrame deltas) against the same page idle, measured first in the
 * same run; the JS heap before and after; lines received against lines sent (the ring buffer
 * keeps the last 200,000). The core is real except logs:follow, fed by a synthetic producer.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Page } from 'playwright-core';

import type { LogLine, LogsEvent } from '../../electron/contract';
import { createEnvironmentsHandlers } from '../../electron/core/environments/environments-handlers';
import { createDispatcher, type Handlers } from '../../electron/core/ipc/dispatcher';
import { stubHandlers } from '../../electron/core/ipc/stub-handlers';
import { Workspace } from '../../electron/core/workspace/workspace';
import { startHost } from '../../electron/host/host-server';
import { launchChromium } from '../e2e/chromium';
import { type BenchResult, percentile } from './measure';

const root = resolve(import.meta.dirname, '../..');
const linesPerSecond = Number(process.env.CLAIR_BENCH_LOG_RATE ?? 10_000);
const seconds = Number(process.env.CLAIR_BENCH_LOG_SECONDS ?? 30);
const idleSeconds = 5;
const batchesPerSecond = 10;
const services = ['api', 'broker', 'cache', 'db', 'web'];

/** Lines as busy services write them: JSON with levels, plain text, now and then stderr. */
function syntheticLine(n: number, time: Date): LogLine {
  const service = services[n % services.length]!;
  const level = (['info', 'info', 'info', 'debug', 'warn', 'error'] as const)[n % 6]!;
  const json = n % 2 === 0;
  return {
    time: `${time.toISOString().slice(0, 23)}${String(n % 1_000_000).padStart(6, '0')}Z`,
    service,
    task: 'a1b2c3d4e5f6',
    stream: level === 'error' ? 'stderr' : 'stdout',
    level,
    json,
    text: json
      ? JSON.stringify({ level, msg: `request ${n} handled`, path: `/api/nodes/${n % 97}`, ms: n % 250 })
      : `${level.toUpperCase()} ${service} line ${n}: uplink from node ${n % 311} decoded, co2=${400 + (n % 900)} ppm`,
  };
}

/** logs:follow, fed at a steady rate once `started` resolves, then open until the page leaves. */
function syntheticFollow(started: Promise<void>, sent: { lines: number }): Handlers['logs']['follow'] {
  return async (_request, emit, signal) => {
    await started;
    const perBatch = linesPerSecond / batchesPerSecond;
    const begin = Date.now();
    for (let batch = 0; batch < seconds * batchesPerSecond && !signal.aborted; batch++) {
      const due = begin + (batch * 1000) / batchesPerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      const now = new Date();
      const lines = Array.from({ length: perBatch }, (_, i) => syntheticLine(sent.lines + i, now));
      sent.lines += lines.length;
      emit({ type: 'lines', lines } satisfies LogsEvent);
    }
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  };
}

/**
 * requestAnimationFrame deltas over `ms` milliseconds, measured in the page. The script is a
 * string: tsx would otherwise wrap its inner functions in a helper the page does not have.
 */
function frameTimes(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolveFrames) => {
    const deltas = [];
    let last = performance.now();
    const end = last + ${ms};
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolveFrames(deltas);
    };
    requestAnimationFrame(tick);
  })`);
}

function frameResult(name: string, deltas: number[], baseline?: BenchResult): BenchResult {
  const total = deltas.reduce((sum, delta) => sum + delta, 0) / 1000;
  const result: BenchResult = {
    name,
    count: deltas.length,
    unit: 'frames',
    seconds: total,
    perSecond: deltas.length / total,
    p50Ms: percentile(deltas, 50),
    p95Ms: percentile(deltas, 95),
    p99Ms: percentile(deltas, 99),
  };
  if (!baseline) return result;
  return {
    ...result,
    baseline: baseline.name,
    ratioToBaseline: result.perSecond / baseline.perSecond,
    extra: { p95RatioToIdle: result.p95Ms! / baseline.p95Ms! },
  };
}

export async function runLogsViewBench(): Promise<BenchResult[]> {
  const rendererDir = join(root, 'build/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('No renderer build: run npm run build first');
  const environmentsDir = await mkdtemp(join(tmpdir(), 'logh-bench-'));
  await writeFile(join(environmentsDir, 'bench.env'), 'DOCKER_CONTEXT=default\n');
  const workspace = new Workspace({ root, env: process.env, environmentsDir });
  let start = () => undefined as void;
  const started = new Promise<void>((resolveStart) => (start = resolveStart));
  const sent = { lines: 0 };
  const handlers: Handlers = {
    ...stubHandlers(),
    environments: createEnvironmentsHandlers(workspace),
    logs: {
      services: async () => ({ stack: 'bench', services }),
      follow: syntheticFollow(started, sent),
    },
  };
  // The screens around the Logs one ask stubbed channels; their failures are not this benchmark's.
  const dispatcher = createDispatcher(handlers, { logError: () => undefined });
  const host = await startHost({ rendererDir, dispatcher, port: 0, log: () => undefined });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapMiB = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
    };
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Logs' }).click();
    await page.getByLabel('Environment').selectOption('bench');
    await page.getByText('Waiting for the first lines').waitFor();

    const idle = frameResult('logs view idle', await frameTimes(page, idleSeconds * 1000));
    const heapStart = await heapMiB();
    start();
    const following = frameResult(
      `logs view following ${linesPerSecond} lines/s`,
      await frameTimes(page, seconds * 1000 + 1000),
      idle,
    );
    const counts = page.getByTestId('log-counts');
    const received = async () =>
      Number(/\(([\d,]+) received/.exec((await counts.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    for (let wait = 0; (await received()) < sent.lines && wait < 50; wait++) await page.waitForTimeout(100);
    const heapEnd = await heapMiB();
    const kept = Number(/of ([\d,]+) kept/.exec((await counts.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    const got = await received();
    await page.screenshot({ path: join(root, 'test-results/bench-logs-view.png') });
    return [
      idle,
      { ...following, extra: { ...following.extra, heapStartMiB: heapStart, heapEndMiB: heapEnd } },
      {
        name: 'logs view lines',
        count: got,
        unit: 'lines',
        seconds,
        perSecond: got / seconds,
        extra: { sent: sent.lines, received: got, lost: sent.lines - got, kept },
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    await workspace.dispose();
  }
}
