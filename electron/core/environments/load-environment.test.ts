import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import { formatProblem } from '../stack/compose/source-problem';
import { loadEnvironment } from './load-environment';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clair-env-'));
});

async function environmentFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const messages = (problems: Parameters<typeof formatProblem>[0][]) =>
  problems.map((problem) => formatProblem(problem).replace(`${dir}/`, ''));

describe('loadEnvironment', () => {
  it('reads the settings with dotenv’s value rules', async () => {
    const file = await environmentFile(
      'staging.env',
      `# Staging
CLAIR_ENVIRONMENT_CLASS=staging
DOCKER_CONTEXT=staging-swarm
CLAIR_DOMAIN=staging.example.org
DOCKER_STACK_DEPLOY_ARGS="--prune --resolve-image 'never'"
CLAIR_STACK_NAME=clair-staging
export QUOTED='single $NOT_EXPANDED'
INLINE=value # a comment
MULTI="line one
line two"
EMPTY=
`,
    );
    const environment = await loadEnvironment(file);
    expect(environment).toEqual({
      name: 'staging',
      file,
      class: 'staging',
      variables: {
        CLAIR_ENVIRONMENT_CLASS: 'staging',
        DOCKER_CONTEXT: 'staging-swarm',
        CLAIR_DOMAIN: 'staging.example.org',
        DOCKER_STACK_DEPLOY_ARGS: "--prune --resolve-image 'never'",
        CLAIR_STACK_NAME: 'clair-staging',
        QUOTED: 'single $NOT_EXPANDED',
        INLINE: 'value',
        MULTI: 'line one\nline two',
        EMPTY: '',
      },
      variableLines: {
        CLAIR_ENVIRONMENT_CLASS: 2,
        DOCKER_CONTEXT: 3,
        CLAIR_DOMAIN: 4,
        DOCKER_STACK_DEPLOY_ARGS: 5,
        CLAIR_STACK_NAME: 6,
        QUOTED: 7,
        INLINE: 8,
        MULTI: 9,
        EMPTY: 11,
      },
      stackName: 'clair-staging',
      dockerContext: 'staging-swarm',
      domain: 'staging.example.org',
      deployArgs: ['--prune', '--resolve-image', 'never'],
      problems: [],
    });
  });

  it('defaults the stack name and context, and treats a missing class as production', async () => {
    const file = await environmentFile('local.env.example', 'CLAIR_ALLOW_LOCAL_CONTEXT=true\n');
    const environment = await loadEnvironment(file);
    expect(environment).toMatchObject({
      name: 'local',
      class: 'production',
      stackName: 'clair',
      dockerContext: 'default',
    });
    expect(messages(environment.problems)).toEqual([
      'local.env.example: warning: CLAIR_ENVIRONMENT_CLASS is not set, so the environment is treated as production; set it to development, staging, production',
    ]);
  });

  it('reports bad settings at their line', async () => {
    const file = await environmentFile(
      'prod.env',
      `CLAIR_ENVIRONMENT_CLASS=live
DOCKER CONTEXT=prod
CLAIR_STACK_NAME=-bad
DOCKER_STACK_DEPLOY_ARGS='--prune "unterminated'
LOG_LEVEL=info
LOG_LEVEL=warn
`,
    );
    expect(messages((await loadEnvironment(file)).problems)).toEqual([
      'prod.env:2:1: not a NAME=value assignment (dotenv would ignore this line)',
      'prod.env:6:1: warning: LOG_LEVEL is set again (line 5 is overridden)',
      'prod.env:1:1: CLAIR_ENVIRONMENT_CLASS must be one of development, staging, production',
      'prod.env:3:1: CLAIR_STACK_NAME may contain only letters, digits, "_", "." and "-", and must start with a letter or digit',
      'prod.env: a production environment must name the production swarm\'s docker context, not the local "default" (set CLAIR_ALLOW_LOCAL_CONTEXT=true if this machine is the production manager)',
      'prod.env:4:1: DOCKER_STACK_DEPLOY_ARGS has an unterminated quote',
    ]);
  });

  it('refuses a production environment on the local engine unless explicitly allowed', async () => {
    const refused = await environmentFile(
      'production.env',
      'CLAIR_ENVIRONMENT_CLASS=production\nDOCKER_CONTEXT=default\n',
    );
    expect(messages((await loadEnvironment(refused)).problems)).toEqual([
      expect.stringMatching(
        /^production\.env:2:1: a production environment must name the production swarm's docker context/,
      ),
    ]);
    await writeFile(
      refused,
      'CLAIR_ENVIRONMENT_CLASS=production\nDOCKER_CONTEXT=default\nCLAIR_ALLOW_LOCAL_CONTEXT=true\n',
    );
    expect((await loadEnvironment(refused)).problems).toEqual([]);
  });

  it('reports an env file that does not exist', async () => {
    const environment = await loadEnvironment(join(dir, 'nope.env'));
    expect(messages(environment.problems)).toEqual(['nope.env: cannot read the environment file: file not found']);
  });
});
