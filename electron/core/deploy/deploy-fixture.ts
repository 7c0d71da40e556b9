import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Docker from 'dockerode';

import { removeStack } from '../stack/remove/remove-stack';

/**
 * For the Deploy screen's tests: a project folder whose base template is a small stack (a web
 * server holding a secret, a cache), and an environments folder naming it. A core built with
 * `root` set to this folder deploys it in seconds instead of the whole Clair stack.
 */
export interface DeployFixture {
  root: string;
  environmentsDir: string;
  /** A state folder of its own, so the journal starts empty. */
  stateDir: string;
  /** The development environment `dply`, local engine, no confirmation needed. */
  stack: string;
  /** The production environment `production`, on this engine on purpose; never deployed. */
  productionStack: string;
  /** The value of API_TOKEN, which must never leave the engine. */
  token: string;
  setVariable: (name: string, value: string) => Promise<void>;
  /** Removes both stacks (the swarm's objects; nothing else was made) and the folders. */
  cleanUp: (docker: Docker) => Promise<void>;
}

const compose = `services:
  web:
    image: \${WEB_IMAGE:?WEB_IMAGE names the web server image}
    environment:
      GREETING: \${GREETING}
      API_TOKEN: \${API_TOKEN}
    secrets:
      - token
    stop_grace_period: 1s
    deploy:
      endpoint_mode: dnsrr
  cache:
    image: clair/redis:7
    stop_grace_period: 1s
    deploy:
      endpoint_mode: dnsrr
secrets:
  token:
    file: ./secrets/token
`;

export async function createDeployFixture(): Promise<DeployFixture> {
  const id = Date.now().toString(36);
  const stack = `dply${id}`;
  const productionStack = `dply${id}p`;
  const token = `dply-token-${id}`;
  const root = await mkdtemp(join(tmpdir(), 'dply-root-'));
  const environmentsDir = join(root, 'environments');
  const stateDir = join(root, 'state');
  await mkdir(join(root, 'stack-templates', 'secrets'), { recursive: true });
  await mkdir(environmentsDir);
  await writeFile(join(root, 'stack-templates', 'docker-compose.yml'), compose);
  await writeFile(join(root, 'stack-templates', 'secrets', 'token'), `${token}\n`);
  const variables = (stackName: string, environmentClass: string) =>
    [
      'DOCKER_CONTEXT=default',
      `CLAIR_ENVIRONMENT_CLASS=${environmentClass}`,
      `CLAIR_STACK_NAME=${stackName}`,
      'WEB_IMAGE=clair/nginx:1.22',
      'GREETING=hello',
      `API_TOKEN=${token}`,
    ].join('\n');
  const devFile = join(environmentsDir, 'dply.env');
  await writeFile(devFile, `${variables(stack, 'development')}\n`);
  await writeFile(
    join(environmentsDir, 'production.env'),
    `${variables(productionStack, 'production')}\nCLAIR_ALLOW_LOCAL_CONTEXT=true\n`,
  );
  // No image: the environment cannot deploy, and says where.
  await writeFile(join(environmentsDir, 'broken.env'), 'CLAIR_ENVIRONMENT_CLASS=development\nGREETING=hi\n');

  return {
    root,
    environmentsDir,
    stateDir,
    stack,
    productionStack,
    token,
    setVariable: async (name, value) => {
      const lines = (await readFile(devFile, 'utf8')).split('\n').filter((line) => !line.startsWith(`${name}=`));
      await writeFile(devFile, [...lines.filter((line) => line !== ''), `${name}=${value}`, ''].join('\n'));
    },
    cleanUp: async (docker) => {
      await removeStack(docker, stack);
      await removeStack(docker, productionStack);
      await rm(root, { recursive: true, force: true });
    },
  };
}
