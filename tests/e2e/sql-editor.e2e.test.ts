import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ControlCentre, openControlCentre } from './control-centre';
import { createSamplesDatabase, type SamplesDatabase } from './database-samples';

const shots = '/tmp/dbsql-shots';
let database: SamplesDatabase;
let app: ControlCentre;
let downloads: string;

beforeAll(async () => {
  await mkdir(shots, { recursive: true });
  database = await createSamplesDatabase(3, 400);
  const environmentsDir = await mkdtemp(join(tmpdir(), 'dbsql-e2e-'));
  downloads = await mkdtemp(join(tmpdir(), 'dbsql-e2e-home-'));
  await writeFile(join(environmentsDir, 'dbsqldev.env'), 'CLAIR_ENVIRONMENT_CLASS=development\n');
  await writeFile(
    join(environmentsDir, 'dbsqlprod.env'),
    'CLAIR_ENVIRONMENT_CLASS=production\nCLAIR_ALLOW_LOCAL_CONTEXT=true\n',
  );
  // Both environments use the same local database: what differs is their class.
  app = await openControlCentre({
    environmentsDir,
    env: { HOME: downloads },
    databaseTarget: () => ({ connectionString: database.url }),
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

/** The SQL tab of the Database screen for an environment, with CSP violations collected. */
async function openSqlTab(environment: string, production = false): Promise<{ page: Page; cspViolations: string[] }> {
  const page = await app.newPage({ width: 1400, height: 950 });
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspViolations.push(message.text());
  });
  await page.goto(app.host.url);
  await page.getByRole('button', { name: 'Database' }).click();
  await page.getByLabel('Environment').selectOption(environment);
  if (production) {
    // Reading production's database asks for its name first.
    await page.getByLabel('Environment name').fill(environment);
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  }
  await page.getByTestId('db-connection').waitFor();
  await page.getByRole('tab', { name: 'SQL', exact: true }).click();
  await page.locator('.cm-content').waitFor();
  return { page, cspViolations };
}

/** Replaces the editor's text by typing, as a user would. */
async function typeSql(page: Page, sql: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(sql);
  // Typing an opening bracket or quote inserts its pair; drop whatever follows the cursor.
  await page.keyboard.press('Shift+Control+End');
  await page.keyboard.press('Delete');
}

function summary(page: Page) {
  return page.locator('.sql-summary');
}

describe('the SQL editor in Chromium', () => {
  it('runs a query, shows an error where it is, cancels, explains, keeps history and exports', async () => {
    const { page, cspViolations } = await openSqlTab('dbsqldev');
    // CodeMirror's own styles apply under style-src 'self' (a constructable stylesheet in its shadow root).
    expect(await page.locator('.cm-editor').evaluate((el) => getComputedStyle(el).display)).toBe('flex');

    await typeSql(page, 'SELECT node_id, timestamp_s, co2_ppm FROM samples ORDER BY timestamp_s, node_id');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => summary(page).textContent()).toMatch(/^1,200 rows in [\d,]+ ms$/);
    await page.locator('.data-grid-canvas [role=row]').first().waitFor();
    expect(
      await page.locator('.data-grid-canvas [role=row]').first().locator('[role=gridcell]').nth(1).textContent(),
    ).toBe('1700000300');
    // Highlighted: the keywords are spans with a colour of their own.
    const keywordColour = await page
      .locator('.cm-line span')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    const textColour = await page
      .locator('.cm-line')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    expect(keywordColour).not.toBe(textColour);
    await page.screenshot({ path: `${shots}/1-result.png` });

    // Only the selection runs (line 2), and the error points into it.
    await typeSql(page, 'SELECT 1 AS one;\nSELECT nope FROM samples');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/^Line 2, column 8: column "nope" does not exist/);
    await expect.poll(() => page.locator('.cm-lintRange-error').textContent()).toBe('nope');
    await page.screenshot({ path: `${shots}/2-error.png` });

    await typeSql(page, 'SELECT pg_sleep(60)');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('status').filter({ hasText: 'Cancelled' }).waitFor();
    await typeSql(page, 'SELECT 41 + 1 AS answer');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => summary(page).textContent()).toMatch(/^1 row in/);
    expect(await page.locator('.data-grid-canvas [role=gridcell]').nth(0).textContent()).toBe('42');

    await typeSql(
      page,
      'SELECT s.co2_ppm, n.id FROM samples s JOIN nodes n ON n.id = s.node_id WHERE s.co2_ppm > 2000',
    );
    await page.getByRole('button', { name: 'Explain analyze' }).click();
    await page.getByRole('tree', { name: 'query plan' }).waitFor();
    const items = page.getByRole('treeitem');
    expect(await items.count()).toBeGreaterThan(1);
    expect(await page.locator('.explain-measures').first().textContent()).toMatch(/actual [\d.]+ ms × 1 loops/);
    expect(await page.locator('.explain-expensive').count()).toBeGreaterThan(0);
    const shown = await items.count();
    await page.getByRole('button', { name: 'Collapse' }).first().click();
    expect(await items.count()).toBe(1);
    expect(shown).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Expand' }).click();
    expect(await items.count()).toBe(shown);
    await page.screenshot({ path: `${shots}/3-explain.png` });

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('list', { name: 'query history' });
    await history.waitFor();
    expect(await history.locator('li').first().textContent()).toMatch(/^SELECT 41 \+ 1 AS answer/);
    expect(await history.locator('li').filter({ hasText: 'failed: cancelled' }).count()).toBe(1);
    await page.getByLabel('Search the history').fill('nope');
    await expect.poll(() => history.locator('li').count()).toBe(1);
    await page.screenshot({ path: `${shots}/4-history.png` });
    await page.getByLabel('Search the history').fill('ORDER BY timestamp_s');
    await expect.poll(() => history.locator('li').count()).toBe(1);
    await history.locator('li button').click();
    expect(await page.locator('.cm-content').textContent()).toBe(
      'SELECT node_id, timestamp_s, co2_ppm FROM samples ORDER BY timestamp_s, node_id',
    );

    // The result of that query, again, then exported as JSON into ~/Downloads.
    await page.keyboard.press('Control+Enter');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('tab', { name: 'Result' }).click();
    await expect.poll(() => summary(page).textContent()).toMatch(/^1,200 rows/);
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByLabel('JSON').check();
    await page.getByLabel('File').fill('samples.json');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Exported 1,200 rows' }).waitFor();
    await page.screenshot({ path: `${shots}/5-export.png` });
    const exported = JSON.parse(await readFile(join(downloads, 'Downloads', 'samples.json'), 'utf8')) as {
      timestamp_s: number;
    }[];
    expect(exported).toHaveLength(1200);
    expect(exported[0]?.timestamp_s).toBe(1700000300);

    expect(cspViolations).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('shows a production environment refusing a write', async () => {
    const { page } = await openSqlTab('dbsqlprod', true);
    expect(await page.getByTestId('db-connection').textContent()).toContain('Read-only');
    await typeSql(page, "INSERT INTO quantities (quantity, base_unit) VALUES ('dbsql', 'x')");
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^Line 1, column 1: cannot execute INSERT in a read-only transaction/);
    expect(await page.getByRole('alert').textContent()).toContain(
      'Hint: This database is read-only here: unlock writes',
    );
    await page.screenshot({ path: `${shots}/6-production-refuses.png` });
    expect(app.errors).toEqual([]);
  });
});
