import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Kysely, PostgresDialect } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectDatabase, type DatabaseConnection } from '../../electron/core/database/connect-database';
import { migrateToLatest } from '../../services/database/migrate';
import type { Database } from '../../services/database/tables';
import { readTestEnvironment } from '../support/test-env';
import { type DbOnlyStack, deployDbOnlyStack } from '../support/db-only-stack';
import { type ControlCentre, openControlCentre } from './control-centre';

/**
 * The Fixture import screen in Chromium against the database of an environment: the `db` service
 * of a deployed stack, reached as the control centre reaches it (connectDatabase through the
 * environment's docker context, no published port). The original user fixture is previewed,
 * imported, and previewed again as already there.
 */
const env = readTestEnvironment();
const shots = '/tmp/fximp-shots';
const originals = join(import.meta.dirname, '../../services/fixtures/original');
let deployed: DbOnlyStack;
let dir: string;
let app: ControlCentre;
let database: DatabaseConnection;

beforeAll(async () => {
  deployed = await deployDbOnlyStack({
    dockerHost: env.DOCKER_HOST,
    postgresImage: env.CLAIR_IMAGE_POSTGRES,
    prefix: 'fximp',
  });
  dir = deployed.dir;
  await deployed.writeEnvironment('fximpdev', 'development');
  app = await openControlCentre({ environmentsDir: dir, env: { DOCKER_HOST: env.DOCKER_HOST, HOME: dir } });
  // The environment's database gets the Clair schema through the same bridge the screen uses.
  database = await connectDatabase(app.core.workspace, { environment: 'fximpdev' }, { readOnly: false });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: database.pool }) });
  await migrateToLatest(db);
  // The folder the screen lists by default: ~/Downloads of the core's HOME.
  await mkdir(join(dir, 'Downloads'));
  await copyFile(join(originals, 'user-fixtures.json'), join(dir, 'Downloads', 'user-fixtures.json'));
}, 240_000);

afterAll(async () => {
  await database?.close();
  await app?.close();
  await deployed?.remove();
}, 120_000);

async function openScreen(page: Page): Promise<void> {
  await page.goto(app.host.url);
  await page.getByRole('button', { name: 'Fixture import' }).click();
  await page.getByLabel('Environment').selectOption('fximpdev');
}

describe('the Fixture import screen in Chromium', () => {
  it('previews the original user fixture against the environment database, imports it, and sees it there', async () => {
    const page = await app.newPage({ width: 1280, height: 900 });
    await openScreen(page);
    await page.screenshot({ path: join(shots, '01-empty.png'), fullPage: true });

    await page.getByRole('button', { name: 'user-fixtures.json' }).click();
    await expect
      .poll(() => page.getByLabel('File', { exact: true }).inputValue())
      .toBe(join(dir, 'Downloads', 'user-fixtures.json'));
    await page.getByRole('button', { name: 'Preview' }).click();

    const previewTable = page.getByRole('table', { name: 'Preview per model' });
    await previewTable.waitFor({ timeout: 60_000 });
    const row = (table: typeof previewTable, model: string) => table.getByRole('row').filter({ hasText: model });
    expect(await row(previewTable, 'auth.user').innerText()).toMatch(/auth\.user\s+7\s+0\s+0\s+0/);
    expect(await row(previewTable, 'auth.permission').innerText()).toMatch(/auth\.permission\s+0\s+0\s+0\s+124/);
    await page.screenshot({ path: join(shots, '02-preview.png'), fullPage: true });

    await page.getByRole('button', { name: 'Import 13 new records' }).click();
    const result = page.getByRole('table', { name: 'Imported per model' });
    await result.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('status').innerText()).toMatch(/13 inserted, 0 already there, 0 invalid/);
    expect(await row(result, 'account.emailaddress').innerText()).toMatch(/account\.emailaddress\s+6\s+0\s+0/);
    await page.screenshot({ path: join(shots, '03-imported.png'), fullPage: true });

    const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(rows[0]!.n).toBe(7);

    // Previewed again: everything is already there, and there is nothing to import.
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => row(page.getByRole('table', { name: 'Preview per model' }), 'auth.user').innerText(), {
        timeout: 60_000,
      })
      .toMatch(/auth\.user\s+0\s+7\s+0\s+0/);
    expect(await page.getByRole('button', { name: 'Nothing to insert' }).isDisabled()).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it('shows a truncated fixture with the records before the cut and the invalid ones with their reasons', async () => {
    const records = [
      { model: 'core.organization', pk: 1, fields: { name: 'Grundschule am Park' } },
      { model: 'core.site', pk: 1, fields: { name: 'Main building', address: 42, operator: 1 } },
      { model: 'core.quantity', pk: 1, fields: { quantity: 'CO2', base_unit: 'ppm', colour: 'green' } },
      { model: 'core.room', pk: 1, fields: { name: 'Room 1', site: 1 } },
    ];
    const text = JSON.stringify(records, null, 2);
    const cut = join(dir, 'inventory-cut.json');
    await writeFile(cut, text.slice(0, text.lastIndexOf('"Room 1"')));
    const page = await app.newPage({ width: 1280, height: 900 });
    await openScreen(page);
    await page.getByLabel('File', { exact: true }).fill(cut);
    await page.getByRole('button', { name: 'Preview' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The file breaks off' });
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(/invalid JSON at line \d+, column \d+ \(byte \d+\)/);
    const table = page.getByRole('table', { name: 'Preview per model' });
    expect(await table.getByRole('row').filter({ hasText: 'core.organization' }).innerText()).toMatch(/1\s+0\s+0\s+0/);
    await page.getByText('2 invalid records: why').click();
    const problems = await page.getByRole('table', { name: 'Invalid records' }).innerText();
    expect(problems).toContain('core.address "42" does not exist');
    expect(problems).toContain('is not a field of core.quantity');
    await page.screenshot({ path: join(shots, '04-truncated.png'), fullPage: true });

    await page.getByLabel('File', { exact: true }).fill(join(dir, 'missing.json'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('alert').filter({ hasText: 'does not exist' }).waitFor();
    await page.screenshot({ path: join(shots, '05-missing-file.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });
});
