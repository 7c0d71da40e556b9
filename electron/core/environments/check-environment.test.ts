import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { formatProblem } from '../stack/compose/source-problem';
import { checkEnvironment } from './check-environment';
import { loadEnvironment } from './load-environment';

describe('checkEnvironment', () => {
  it('names each variable the templates need and the environment lacks, and each unusable secret file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clair-check-'));
    await mkdir(join(dir, 'stack'));
    await mkdir(join(dir, 'secrets'));
    await writeFile(join(dir, 'secrets/db_password'), 's3cret-value');
    await writeFile(join(dir, 'secrets/empty'), '');
    const compose = join(dir, 'stack/docker-compose.yml');
    await writeFile(
      compose,
      `services:
  managair:
    image: \${NODE_IMAGE}
    environment:
      DOMAIN: \${CLAIR_DOMAIN:?}
      LOG_LEVEL: \${LOG_LEVEL:-info}
    secrets: [db_password, api_key]
secrets:
  db_password:
    file: ../secrets/db_password
  api_key:
    file: ../secrets/empty
`,
    );
    const envFile = join(dir, 'dev.env');
    await writeFile(envFile, 'CLAIR_ENVIRONMENT_CLASS=development\nNODE_IMAGE=clair/node-runtime:20\n');

    const missing = await checkEnvironment(await loadEnvironment(envFile), [compose]);
    expect(missing.model).toBeUndefined();
    expect(missing.problems.map((problem) => formatProblem(problem).replace(`${dir}/`, ''))).toEqual([
      'stack/docker-compose.yml:5:15: variable CLAIR_DOMAIN is not set and is required',
    ]);

    await writeFile(envFile, 'CLAIR_ENVIRONMENT_CLASS=development\nNODE_IMAGE=n\nCLAIR_DOMAIN=clair.localhost\n');
    const checked = await checkEnvironment(await loadEnvironment(envFile), [compose]);
    const messages = checked.problems.map((problem) => formatProblem(problem).replaceAll(`${dir}/`, ''));
    expect(messages).toEqual(['stack/docker-compose.yml:11:3: secrets.api_key: secrets/empty is empty']);
    expect(messages.join()).not.toContain('s3cret-value');
    expect(checked.model).toBeUndefined();

    await writeFile(join(dir, 'secrets/empty'), 'now filled');
    const ready = await checkEnvironment(await loadEnvironment(envFile), [compose]);
    expect(ready.problems).toEqual([]);
    expect(ready.model?.services.managair?.environment).toEqual({ DOMAIN: 'clair.localhost', LOG_LEVEL: 'info' });
  });

  it('checks every *_FILE variable’s file against the compose project folder, without showing content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clair-check-'));
    await mkdir(join(dir, 'stack/secrets'), { recursive: true });
    await writeFile(join(dir, 'stack/secrets/good'), 'hunter2');
    await writeFile(join(dir, 'stack/secrets/empty'), '');
    await writeFile(join(dir, 'stack/secrets/locked'), 'hunter2');
    await chmod(join(dir, 'stack/secrets/locked'), 0o000);
    const compose = join(dir, 'stack/docker-compose.yml');
    await writeFile(
      compose,
      `services:
  db: {image: postgres, secrets: [db_password]}
secrets:
  db_password: {file: "\${EMPTY_FILE}"}
`,
    );
    const envFile = join(dir, 'dev.env');
    await writeFile(
      envFile,
      `CLAIR_ENVIRONMENT_CLASS=development
GOOD_FILE=secrets/good
EMPTY_FILE=./secrets/empty
MISSING_FILE=secrets/missing
LOCKED_FILE=${join(dir, 'stack/secrets/locked')}
IN_CONTAINER_FILE=/run/secrets/db_password
`,
    );
    const { problems } = await checkEnvironment(await loadEnvironment(envFile), [compose]);
    const messages = problems.map((problem) => formatProblem(problem).replaceAll(`${dir}/`, ''));
    const unreadable =
      process.getuid?.() === 0 ? [] : ['dev.env:5:1: LOCKED_FILE: stack/secrets/locked is not readable'];
    expect(messages).toEqual([
      'dev.env:3:1: EMPTY_FILE: stack/secrets/empty is empty',
      'dev.env:4:1: MISSING_FILE: stack/secrets/missing does not exist',
      ...unreadable,
    ]);
    expect(messages.join('\n')).not.toContain('hunter2');
  });
});
