import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Journal } from '../../electron/core/stack/journal/journal';
import { deploy } from '../../electron/core/stack/apply/deploy';
import { removeStack } from '../../electron/core/stack/remove/remove-stack';
import { testService } from '../../electron/core/stack/swarm/test-stack';
import { type ControlCentre, openControlCentre } from './control-centre';

const dockerHost = process.env.DOCKER_HOST ?? '';
const docker = new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') });
const stack = `logh${Date.now().toString(36)}e2e`;

/** A service that writes a line every 200 ms: JSON with a level, or a plain warning on stderr. */
const printer = (name: string) => [
  'node',
  '-e',
  `let i = 0; setInterval(() => { i++;
    if (i % 4 === 0) console.error('WARN ${name} queue is long: ' + i);
    else console.log(JSON.stringify({ level: 'info', msg: '${name} handled request ' + i, node: 'eui-' + i }));
  }, 200)`,
];

let app: ControlCentre;

beforeAll(async () => {
  if (!dockerHost.startsWith('unix://')) throw new Error('source /var/tmp/clair-env/test-env.sh first');
  const dir = await mkdtemp(join(tmpdir(), 'logh-e2e-'));
  await writeFile(join(dir, 'dev.env'), `CLAIR_STACK_NAME=${stack}\nDOCKER_CONTEXT=default\n`);
  const model = {
    services: {
      ingest: testService({ image: 'clair/node-runtime:20', entrypoint: printer('ingest') }),
      api: testService({ image: 'clair/node-runtime:20', entrypoint: printer('api') }),
    },
    networks: {},
    volumes: {},
    secrets: {},
    configs: {},
  };
  await deploy({ docker, stack, model, environment: 'dev', journal: new Journal(join(dir, 'journal')) });
  app = await openControlCentre({ environmentsDir: dir });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await removeStack(docker, stack);
}, 120_000);

describe('the Logs screen in Chromium', () => {
  it('follows a real stack, filters by regex and level, and pretty-prints a JSON line', async () => {
    const page = await app.newPage({ width: 1280, height: 760 });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Logs' }).click();
    await page.getByLabel('Environment').selectOption('dev');

    const list = page.getByTestId('log-list');
    await expect.poll(() => list.getByText('ingest', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => list.getByText('api', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0);

    const filter = page.getByLabel('Filter (regular expression)');
    await filter.fill('queue(');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Not a valid regular expression');
    await filter.fill('queue|request [0-9]+');
    await page.getByLabel('Info').uncheck();
    await expect.poll(() => list.locator('.log-row').count()).toBeGreaterThan(0);
    const levels = await list
      .locator('.log-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-level')));
    expect(new Set(levels)).toEqual(new Set(['warn']));

    await page.getByLabel('Info').check();
    await page.getByLabel('Warning').uncheck();
    await page.getByRole('button', { name: 'Following' }).click();
    // A JSON line opens in the detail panel under the list; the rows keep one height.
    const json = list.locator('.log-json').first();
    await json.click();
    // Not `json` again: the panel shortens the list, and "the first JSON row" may be another now.
    await expect.poll(() => list.locator('.log-json[aria-expanded="true"]').count()).toBe(1);
    const detail = page.getByRole('region', { name: 'JSON line' });
    await expect
      .poll(() => detail.locator('.log-pretty').textContent())
      .toMatch(/"msg": "(ingest|api) handled request \d+"/);
    const heights = await list.locator('.log-row').evaluateAll((rows) => rows.map((row) => row.clientHeight));
    expect(new Set(heights)).toEqual(new Set([20]));
    await page.getByLabel('Warning').check();
    await filter.fill('');
    await app.screenshot(page, 'logs', false);
    await detail.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => detail.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
