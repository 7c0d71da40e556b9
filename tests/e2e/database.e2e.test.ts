import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CuttableProxy } from '../support/cuttable-proxy';
import { controlCentreLockWaits } from '../support/lock-waits';
import { type ControlCentre, openControlCentre } from './control-centre';
import { createSamplesDatabase, type SamplesDatabase } from './database-samples';

const shots = '/tmp/dbconn-shots';
let database: SamplesDatabase;
let app: ControlCentre;
let proxy: CuttableProxy;

beforeAll(async () => {
  await mkdir(shots, { recursive: true });
  database = await createSamplesDatabase(3, 400);
  const environmentsDir = await mkdtemp(join(tmpdir(), 'dbconn-e2e-'));
  await writeFile(join(environmentsDir, 'dbconndev.env'), 'CLAIR_ENVIRONMENT_CLASS=development\n');
  await writeFile(
    join(environmentsDir, 'dbconnprod.env'),
    'CLAIR_ENVIRONMENT_CLASS=production\nCLAIR_ALLOW_LOCAL_CONTEXT=true\n',
  );
  await writeFile(join(environmentsDir, 'dbconnflaky.env'), 'CLAIR_ENVIRONMENT_CLASS=development\n');
  // dbconnflaky reaches the database through a relay the test cuts, as a restart would.
  const relayed = await CuttableProxy.before(database.url);
  proxy = relayed.proxy;
  // The environments browse the same local database: what differs is their class and the way there.
  app = await openControlCentre({
    environmentsDir,
    databaseTarget: (environment) => ({ connectionString: environment === 'dbconnflaky' ? relayed.url : database.url }),
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await proxy?.cut();
  await database?.drop();
});

async function co2Of(timestamp: number): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ co2_ppm: number }>(
      'SELECT co2_ppm FROM samples WHERE timestamp_s = $1 ORDER BY node_id LIMIT 1',
      [timestamp],
    );
    return rows[0]!.co2_ppm;
  } finally {
    await client.end();
  }
}

/** The text of the grid's cells in one column, for the rows rendered now. */
async function columnTexts(page: Page, column: number): Promise<string[]> {
  return page.locator(`.data-grid-canvas [role=row] > [role=gridcell]:nth-child(${column + 2})`).allTextContents();
}

async function openSamples(page: Page): Promise<void> {
  await page.getByRole('button', { name: /public/ }).click();
  await page.getByRole('button', { name: 'samples', exact: true }).click();
  await page.locator('.data-grid-canvas [role=row]').first().waitFor();
}

async function stageCo2Edit(page: Page, value: string): Promise<void> {
  await page.locator('.data-grid-canvas [role=row]').first().locator('[role=gridcell]').nth(2).dblclick();
  await page.getByLabel('New value of co2_ppm').fill(value);
  await page.getByLabel('New value of co2_ppm').press('Enter');
  await page.getByRole('button', { name: 'Show SQL' }).click();
  await page.getByTestId('staged-sql').waitFor();
}

describe('the Database screen in Chromium', () => {
  it('opens the samples table, pages, sorts, filters, stages and commits an edit, and follows a foreign key', async () => {
    const page = await app.newPage({ width: 1400, height: 950 });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Database' }).click();
    await page.getByLabel('Environment').selectOption('dbconndev');
    await page.getByTestId('db-connection').waitFor();
    expect(await page.getByTestId('db-connection').textContent()).toContain('Writable');
    await openSamples(page);
    expect(await page.getByTestId('row-estimate').textContent()).toMatch(/^≈1,200 rows \(estimate\) · 100 loaded/);
    await page.screenshot({ path: `${shots}/1-samples.png` });

    // Scrolling to the end of the grid reads the next page by key.
    await page.locator('.data-grid').evaluate((grid) => (grid.scrollTop = grid.scrollHeight));
    await expect.poll(() => page.getByTestId('row-estimate').textContent()).toMatch(/· 200 loaded/);

    await page.getByRole('button', { name: 'co2_ppm' }).click();
    await expect.poll(async () => (await columnTexts(page, 2))[0]).toBe('403');

    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Column').selectOption('co2_ppm');
    await page.getByLabel('Operator').selectOption('>=');
    await page.getByLabel('Value').fill('2390');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.getByTestId('row-estimate').textContent()).toMatch(/· 5 loaded, all/);
    expect((await columnTexts(page, 2)).every((text) => Number(text) >= 2390)).toBe(true);
    await page.screenshot({ path: `${shots}/2-filtered.png` });

    await page.getByLabel('Remove filter').click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('button', { name: /co2_ppm/ }).click(); // descending
    await page.getByRole('button', { name: /co2_ppm/ }).click(); // back to key order
    await expect.poll(async () => (await columnTexts(page, 1))[0]).toBe('1700000300');
    const before = await co2Of(1700000300);
    await stageCo2Edit(page, '1234');
    expect(await page.getByTestId('staged-sql').textContent()).toMatch(
      /BEGIN;\nUPDATE "public"\."samples" SET "co2_ppm" = '1234'::smallint WHERE "node_id" = '[0-9a-f-]+'::uuid AND "timestamp_s" = '1700000300'::integer;\nCOMMIT;/,
    );
    expect(await page.locator('.cell-staged').textContent()).toBe('1234');
    await page.screenshot({ path: `${shots}/3-staged.png` });
    expect(await co2Of(1700000300)).toBe(before);

    await page.getByRole('button', { name: 'Commit' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Committed' }).count()).toBe(1);
    expect(await co2Of(1700000300)).toBe(1234);
    await expect.poll(async () => (await columnTexts(page, 2))[0]).toBe('1234');
    await page.screenshot({ path: `${shots}/4-committed.png` });

    // A foreign key leads from a sample to its node, in a tab of its own.
    const nodeId = (await columnTexts(page, 0))[0]!;
    await page.locator('.data-grid-canvas [role=row]').first().locator('[role=gridcell]').first().click();
    await page.getByRole('button', { name: 'Open nodes row →' }).click();
    await page.getByRole('tab', { name: 'nodes (filtered)' }).waitFor();
    await expect.poll(() => page.getByTestId('row-estimate').textContent()).toMatch(/· 1 loaded, all/);
    expect((await columnTexts(page, 0))[0]).toBe(nodeId);
    expect(app.errors).toEqual([]);
  });

  it('shows production read-only and PostgreSQL refusing a write there, the edit staying staged', async () => {
    const page = await app.newPage({ width: 1400, height: 950 });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Database' }).click();
    await page.getByLabel('Environment').selectOption('dbconnprod');
    // Reading production's database asks for its name first.
    await page.getByLabel('Environment name').fill('dbconnprod');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByTestId('db-connection').waitFor();
    expect(await page.getByTestId('db-connection').textContent()).toContain('Read-only');
    await openSamples(page);
    const before = await co2Of(1700000600);
    await page.locator('.data-grid-canvas [role=row]').nth(1).locator('[role=gridcell]').nth(2).dblclick();
    await page.getByLabel('New value of co2_ppm').fill('999');
    await page.getByLabel('New value of co2_ppm').press('Enter');
    await page.getByRole('button', { name: 'Show SQL' }).click();
    await page.getByTestId('staged-sql').waitFor();
    await page.getByRole('button', { name: 'Commit' }).click();
    await page.getByLabel('Environment name').fill('dbconnprod');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'PostgreSQL refused the write' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('read-only transaction');
    expect(await page.getByRole('heading', { name: '1 staged edit' }).count()).toBe(1);
    expect(await co2Of(1700000600)).toBe(before);
    await page.screenshot({ path: `${shots}/5-production-refused.png` });

    // Unlocked for a while, the same staged edit commits; locked again, writes are refused again.
    await page.getByRole('button', { name: 'Unlock…' }).click();
    await page.getByLabel('Environment name').fill('dbconnprod');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await expect.poll(() => page.getByTestId('db-connection').textContent()).toMatch(/Writable for \d+:\d\d/);
    await page.getByRole('button', { name: 'Commit' }).click();
    await page.getByLabel('Environment name').fill('dbconnprod');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await expect.poll(() => co2Of(1700000600)).toBe(999);
    await page.screenshot({ path: `${shots}/6-production-unlocked.png` });
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expect.poll(() => page.getByTestId('db-connection').textContent()).toContain('Read-only');
    expect(app.errors).toEqual([]);
  });

  it('notices a lost connection, keeps the staged edit, and commits once the database is back', async () => {
    const page = await app.newPage({ width: 1400, height: 950 });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Database' }).click();
    await page.getByLabel('Environment').selectOption('dbconnflaky');
    await openSamples(page);
    await page.locator('.data-grid-canvas [role=row]').nth(2).locator('[role=gridcell]').nth(2).dblclick();
    await page.getByLabel('New value of co2_ppm').fill('777');
    await page.getByLabel('New value of co2_ppm').press('Enter');

    await proxy.cut();
    await expect.poll(() => page.getByTestId('db-connection').textContent()).toContain('Connection lost');
    await page.screenshot({ path: `${shots}/7-connection-lost.png` });
    await proxy.open();

    await page.getByRole('button', { name: 'Show SQL' }).click();
    await page.getByTestId('staged-sql').waitFor();
    await expect.poll(() => page.getByTestId('db-connection').textContent()).toContain('Reconnected');
    expect(await page.getByRole('heading', { name: '1 staged edit' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Commit' }).click();
    await expect.poll(() => co2Of(1700000900)).toBe(777);
    expect(app.errors).toEqual([]);
  });

  it('browses a connection string saved in the UI: exports its table, cancels a page, inserts a NULL', async () => {
    const page = await app.newPage({ width: 1400, height: 950 });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Database' }).click();
    await page.getByRole('button', { name: 'Saved connections…' }).click();
    await page.getByLabel('Name', { exact: true }).fill('local-samples');
    await page.getByLabel('Connection string').fill(database.url);
    await page.getByRole('button', { name: 'Save connection' }).click();
    const url = new URL(database.url);
    const saved = page.getByRole('region', { name: 'Saved connections' }).getByRole('listitem');
    await expect.poll(() => saved.textContent()).toContain(`${url.username}@${url.host}${url.pathname}`);
    expect(await page.content()).not.toContain(url.password);

    await page.getByRole('combobox', { name: 'Database' }).selectOption('local-samples');
    await page.getByTestId('db-connection').waitFor();
    expect(await page.getByTestId('db-connection').textContent()).toContain(`${url.username}@${url.host}`);
    await openSamples(page);
    await page.screenshot({ path: `${shots}/8-saved-connection.png` });

    // The table's own Export button: the whole table, streamed to a file.
    const file = join(await mkdtemp(join(tmpdir(), 'dbconn-export-')), 'samples.csv');
    await page.getByRole('button', { name: 'Export…' }).click();
    expect(await page.getByLabel('Table (schema.table)').inputValue()).toBe('public.samples');
    await page.getByLabel('File').fill(file);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Exported' }).textContent())
      .toContain('Exported 1,200 rows');
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(1201);
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    // A page that waits (here on a lock, as a slow filter would run) is cancelled in PostgreSQL.
    await page.getByRole('button', { name: 'organizations', exact: true }).click();
    await expect.poll(() => page.getByTestId('row-estimate').textContent()).toMatch(/· 1 loaded, all/);
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const waiting = () => controlCentreLockWaits(locker);
      await expect.poll(waiting, { timeout: 30_000 }).toBe(1);
      await page.screenshot({ path: `${shots}/9-page-waiting.png` });
      await page
        .getByRole('status')
        .filter({ hasText: 'Loading rows' })
        .getByRole('button', { name: 'Cancel' })
        .click();
      await expect.poll(waiting, { timeout: 30_000 }).toBe(0);
      expect(await page.getByRole('alert').filter({ hasText: 'Cancelled' }).count()).toBe(1);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }

    // Back in the tab: a new row whose description is NULL rather than the column's default.
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.getByTestId('row-estimate').textContent()).toMatch(/· 1 loaded, all/);
    await page.getByRole('button', { name: 'Add row…' }).click();
    await page
      .getByRole('form', { name: 'New row' })
      .getByRole('textbox', { name: /^name / })
      .fill('Null school');
    await page.getByLabel('description is NULL').check();
    await page.getByRole('button', { name: 'Stage insert' }).click();
    await page.getByRole('button', { name: 'Show SQL' }).click();
    expect(await page.getByTestId('staged-sql').textContent()).toContain(
      `INSERT INTO "public"."organizations" ("name", "description") VALUES ('Null school'::`,
    );
    expect(await page.getByTestId('staged-sql').textContent()).toMatch(/, NULL\);/);
    await page.getByRole('button', { name: 'Commit' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Committed' }).count()).toBe(1);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT description FROM organizations WHERE name = 'Null school'`);
      expect(rows).toEqual([{ description: null }]);
    } finally {
      await client.end();
    }
    expect(app.errors).toEqual([]);
  });
});
