import Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDeployFixture, type DeployFixture } from '../../electron/core/deploy/deploy-fixture';
import { type ControlCentre, openControlCentre } from './control-centre';

const dockerHost = process.env.DOCKER_HOST ?? '';

let fixture: DeployFixture;
let app: ControlCentre;
let page: Page;

beforeAll(async () => {
  if (!dockerHost.startsWith('unix://')) throw new Error('source /var/tmp/clair-env/test-env.sh first');
  fixture = await createDeployFixture();
  app = await openControlCentre({ root: fixture.root, environmentsDir: fixture.environmentsDir });
  page = await app.newPage();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await fixture?.cleanUp(new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') }));
}, 120_000);

const text = (testId: string) => () => page.getByTestId(testId).textContent();

describe('the Deploy and Activity screens in Chromium, on the real swarm', () => {
  it('plans, deploys, shows the history, deploys a change and rolls it back', async () => {
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByLabel('Environment').selectOption('dply');

    const diff = page.getByTestId('plan-diff');
    await expect.poll(() => diff.textContent()).toContain('Services: 2 to create, 0 to update, 0 to remove.');
    expect(await diff.textContent()).toMatch(/Create web clair\/nginx:1\.22/);

    await page.getByRole('button', { name: 'Deploy to dply' }).click();
    await expect
      .poll(text('deploy-run'), { timeout: 60_000 })
      .toMatch(/Done in \d+ s: every service runs\. Recorded as revision 1\./);
    const rows = await page.getByTestId('deploy-run').locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      expect.stringMatching(/^web 1\/1Running after \d+ s$/),
      expect.stringMatching(/^cache 1\/1Running after \d+ s$/),
    ]);
    await expect.poll(text('plan-no-changes')).toContain('already runs what the files describe');
    await expect.poll(() => page.getByTestId('deploy-history').locator('tbody tr').count()).toBe(1);

    await fixture.setVariable('GREETING', 'bonjour');
    await page.getByRole('button', { name: 'Plan again' }).click();
    await expect.poll(() => diff.textContent()).toContain('env GREETINGhello→bonjour');
    expect(await diff.textContent()).toContain('restarts its tasks');
    await page.getByRole('button', { name: 'Deploy to dply' }).click();
    await expect.poll(text('deploy-run'), { timeout: 60_000 }).toContain('Recorded as revision 2.');

    await page.getByRole('button', { name: 'Roll back to 1' }).click();
    await expect.poll(text('deploy-run'), { timeout: 60_000 }).toContain('Recorded as revision 3.');
    expect(await page.getByTestId('deploy-run').textContent()).toContain('Rollback of dply to revision 1');
    const history = page.getByTestId('deploy-history').locator('tbody tr');
    await expect.poll(() => history.count()).toBe(3);
    // Back on revision 1's model while the file says bonjour: the plan shows the way forward again.
    await expect.poll(() => diff.textContent()).toContain('env GREETINGhello→bonjour');
    await app.screenshot(page, 'deploy');
  }, 120_000);

  it('shows why a deploy failed and that the service went back to its previous spec', async () => {
    await fixture.setVariable('WEB_IMAGE', 'clair/nginx:dply-missing');
    await page.getByRole('button', { name: 'Plan again' }).click();
    const diff = page.getByTestId('plan-diff');
    await expect.poll(() => diff.textContent()).toContain('imageclair/nginx:1.22→clair/nginx:dply-missing');
    await page.getByRole('button', { name: 'Deploy to dply' }).click();
    const run = page.getByTestId('deploy-run');
    await expect.poll(() => run.textContent(), { timeout: 90_000 }).toMatch(/Failed after \d+ s \(revision 4\)/);
    const web = await run.locator('tbody tr').first().textContent();
    expect(web).toMatch(/^web .*Rolled back/);
    expect(web).toMatch(/image/i);
    expect(await run.textContent()).toContain('each went back to its previous spec');
    await expect
      .poll(() => page.getByTestId('deploy-history').locator('tbody tr').first().textContent())
      .toMatch(/^4.*Failed/);
    await app.screenshot(page, 'deploy-failed');
  }, 120_000);

  it('shows the problems, with file and line, of an environment that cannot deploy', async () => {
    await page.getByLabel('Environment').selectOption('broken');
    const problems = page.getByTestId('deploy-problems');
    await expect.poll(() => problems.textContent()).toMatch(/docker-compose\.yml:\d+:\d+ .*WEB_IMAGE/);
    expect(await page.getByRole('button', { name: /^Deploy to/ }).count()).toBe(0);
    await app.screenshot(page, 'deploy-problems');
  });

  it('asks for the typed name before deploying to production', async () => {
    await page.getByLabel('Environment').selectOption('production');
    await page.getByRole('button', { name: 'Deploy to production' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('type "production" to confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('deploy-run').count()).toBe(0);
  });

  it('lists every action with environment, time and result', async () => {
    await page.getByRole('button', { name: 'Activity' }).click();
    const rows = page.getByTestId('activity').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const lines = await rows.allTextContents();
    expect(lines[0]).toMatch(/production.*Deployed the stack.*Not confirmed.*type "production" to confirm/);
    expect(lines[1]).toMatch(/dply.*Deployed the stack.*Failed.*The deploy failed\. dply\w+_web: .*rolled back/);
    expect(lines[2]).toMatch(/dply.*Rolled back the stack.*Done/);
    expect(lines.slice(3).every((line) => /dply.*Deployed the stack.*Done/.test(line))).toBe(true);
    await app.screenshot(page, 'activity');
    expect(app.errors).toEqual([]);
  });
});
