import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadEnvironment } from '../environments/load-environment';
import { composeFilesOf } from './open-environment';

async function environmentWith(deployArgs: string) {
  const dir = await mkdtemp(join(tmpdir(), 'clairctl-env-'));
  const file = join(dir, 'dev.env');
  await writeFile(file, `CLAIR_ENVIRONMENT_CLASS=development\nDOCKER_STACK_DEPLOY_ARGS=${deployArgs}\n`);
  return loadEnvironment(file);
}

describe('composeFilesOf', () => {
  it('is the base template, then each -c file of DOCKER_STACK_DEPLOY_ARGS, from the project folder', async () => {
    const environment = await environmentWith(
      "'-c stack-templates/docker-compose.offline.yml --compose-file=stack-templates/docker-compose.dev.yml'",
    );
    expect(composeFilesOf(environment, '/project')).toEqual({
      files: [
        '/project/stack-templates/docker-compose.yml',
        '/project/stack-templates/docker-compose.offline.yml',
        '/project/stack-templates/docker-compose.dev.yml',
      ],
      problems: [],
    });
  });

  it("reports the other deploy options as ignored, on the variable's line", async () => {
    const environment = await environmentWith('"--prune --resolve-image never -c x.yml"');
    const { files, problems } = composeFilesOf(environment, '/p');
    expect(files).toEqual(['/p/stack-templates/docker-compose.yml', '/p/x.yml']);
    expect(problems.map((problem) => [problem.severity, problem.line, problem.message])).toEqual([
      ['warning', 2, 'DOCKER_STACK_DEPLOY_ARGS: "--prune" is ignored; clairctl reads only the -c files from it'],
      [
        'warning',
        2,
        'DOCKER_STACK_DEPLOY_ARGS: "--resolve-image never" is ignored; clairctl reads only the -c files from it',
      ],
    ]);
  });

  it('names a -c without its file as an error', async () => {
    const { problems } = composeFilesOf(await environmentWith('-c'), '/p');
    expect(problems).toMatchObject([
      { severity: 'error', line: 2, column: 1, message: 'DOCKER_STACK_DEPLOY_ARGS: -c needs a file' },
    ]);
  });
});
