import { mkdtemp, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { prepareDevSecrets } from './dev-secrets';

async function project(): Promise<{ envFile: string; projectDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'elmh-start-'));
  const envFile = join(dir, 'dev.env');
  await writeFile(
    envFile,
    [
      'DB_USER=sensors',
      'DB_NAME=co2',
      '# Comments and ordinary variables are left alone.',
      'DATABASE_URL_FILE=secrets/database_url',
      'DB_PASSWORD_FILE=secrets/db_password',
      'INGEST_TOKEN_FILE=secrets/ingest_token',
      'OPTIONAL_FILE=',
      'CLAIR_DOMAIN=clair.localhost',
    ].join('\n'),
  );
  return { envFile, projectDir: join(dir, 'stack-templates') };
}

describe('prepareDevSecrets', () => {
  it('creates every missing secret file with a random value, mode 0600, and a matching DATABASE_URL', async () => {
    const { envFile, projectDir } = await project();
    const created = await prepareDevSecrets(envFile, projectDir, { dryRun: false });
    expect(created.map((path) => path.slice(projectDir.length + 1)).sort()).toEqual([
      'secrets/database_url',
      'secrets/db_password',
      'secrets/ingest_token',
    ]);

    const password = (await readFile(join(projectDir, 'secrets/db_password'), 'utf8')).trim();
    const token = (await readFile(join(projectDir, 'secrets/ingest_token'), 'utf8')).trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(token).not.toBe(password);
    expect(await readFile(join(projectDir, 'secrets/database_url'), 'utf8')).toBe(
      `postgres://sensors:${password}@db:5432/co2\n`,
    );
    for (const path of created) expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps the files that exist, and with dryRun only names the missing ones', async () => {
    const { envFile, projectDir } = await project();
    await mkdir(join(projectDir, 'secrets'), { recursive: true });
    await writeFile(join(projectDir, 'secrets/db_password'), 'chosen-by-me\n');

    const planned = await prepareDevSecrets(envFile, projectDir, { dryRun: true });
    expect(planned.map((path) => path.slice(projectDir.length + 1)).sort()).toEqual([
      'secrets/database_url',
      'secrets/ingest_token',
    ]);
    await expect(stat(join(projectDir, 'secrets/ingest_token'))).rejects.toThrow();

    await prepareDevSecrets(envFile, projectDir, { dryRun: false });
    expect(await readFile(join(projectDir, 'secrets/db_password'), 'utf8')).toBe('chosen-by-me\n');
    expect(await readFile(join(projectDir, 'secrets/database_url'), 'utf8')).toContain(':chosen-by-me@db:5432/');
    expect(await prepareDevSecrets(envFile, projectDir, { dryRun: false })).toEqual([]);
  });
});
