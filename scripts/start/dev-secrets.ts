import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { parse } from 'dotenv';

/**
 * The secret files a development environment names (its `*_FILE` variables, relative to the
 * compose project folder), created where missing with fresh random values, so that a fresh clone
 * deploys its dev environment at once. Existing files are kept as they are; values are never
 * printed. DATABASE_URL is built from the database password, as the stack needs them to match.
 * Returns the files that were (with `dryRun`: would be) created.
 */
export async function prepareDevSecrets(
  envFile: string,
  projectDir: string,
  options: { dryRun: boolean },
): Promise<string[]> {
  const variables = parse(await readFile(envFile, 'utf8'));
  const fileOf = (variable: string) => resolve(projectDir, variables[variable]!);
  const secretVariables = Object.keys(variables)
    .filter((name) => name.endsWith('_FILE') && variables[name] !== '')
    // The URL is derived from the password, so the password comes first.
    .sort((a, b) => Number(a === 'DATABASE_URL_FILE') - Number(b === 'DATABASE_URL_FILE'));

  const created: string[] = [];
  for (const variable of secretVariables) {
    const path = fileOf(variable);
    if (await exists(path)) continue;
    created.push(path);
    if (options.dryRun) continue;
    const value =
      variable === 'DATABASE_URL_FILE'
        ? databaseUrl(variables, (await readFile(fileOf('DB_PASSWORD_FILE'), 'utf8')).trim())
        : randomBytes(24).toString('hex');
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  }
  return created;
}

function databaseUrl(variables: Record<string, string>, password: string): string {
  const user = variables.DB_USER ?? 'clair';
  const database = variables.DB_NAME ?? 'clair';
  return `postgres://${user}:${password}@db:5432/${database}`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
