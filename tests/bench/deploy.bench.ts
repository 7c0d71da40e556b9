/**
 * The deploy engine through clairctl, against the docker CLI in the same run:
 * - plan of the full stack templates (env file, compose files and secret files loaded and
 *   checked, then diffed against a swarm without the stack);
 * - deploy of a small but real five-service stack (redis, PostgreSQL with a secret and a volume,
 *   nginx with a config and a host port, mosquitto, a Node service) until every task runs
 *   (healthy, where it has a healthcheck), against `docker stack deploy` of the same files polled
 *   until the same state; target: no slower;
 * - a deploy with nothing changed, against `docker stack deploy` of the same files again.
 * The full templates are not deployed here: they need the service images built first (the stack
 * tests do that), which would measure the image builder, not the deploy.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import Docker from 'dockerode';

import { runClairctl } from '../../electron/cli/run-clairctl';
import { removeStack as removeEngineStack } from '../../electron/core/stack/remove/remove-stack';
import { removeTestVolumes } from '../../electron/core/stack/swarm/test-stack';
import { freePort, removeStack as removeCliStack } from '../support/docker-cli';
import { readTestEnvironment } from '../support/test-env';
import { type BenchResult, measure } from './measure';

const repository = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const planRounds = Number(process.env.CLAIR_BENCH_PLANS ?? 10);
const deployRounds = Number(process.env.CLAIR_BENCH_DEPLOYS ?? 3);

const smallStack = `
services:
  cache:
    image: clair/redis:7
    healthcheck: { test: [CMD, redis-cli, ping], interval: 1s, timeout: 1s, retries: 5 }
    networks: [back]
    deploy: { endpoint_mode: dnsrr, update_config: { order: stop-first, failure_action: rollback } }
  db:
    image: clair/postgres:15
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/db_password }
    secrets: [db_password]
    volumes: [{ type: volume, source: data, target: /var/lib/postgresql/data }]
    healthcheck: { test: [CMD-SHELL, pg_isready -q -h 127.0.0.1], interval: 1s, timeout: 3s, retries: 30 }
    networks: [back]
    stop_grace_period: 5s
    deploy: { endpoint_mode: dnsrr, update_config: { order: stop-first, failure_action: rollback } }
  web:
    image: clair/nginx:1.22
    configs: [{ source: site, target: /etc/clair-site.txt }]
    ports: [{ target: 80, published: "\${WEB_PORT}", protocol: tcp, mode: host }]
    healthcheck: { test: [CMD-SHELL, test -e /run/nginx.pid], interval: 1s, timeout: 1s, retries: 5 }
    networks: [back]
    deploy: { endpoint_mode: dnsrr, update_config: { order: stop-first, failure_action: rollback } }
  broker:
    image: clair/mosquitto:2
    networks: [back]
    deploy: { endpoint_mode: dnsrr, update_config: { order: stop-first, failure_action: rollback } }
  app:
    image: clair/node-runtime:20
    entrypoint: [node, -e, 'setInterval(() => {}, 1 << 30)']
    init: true
    networks: [back]
    deploy: { endpoint_mode: dnsrr, update_config: { order: stop-first, failure_action: rollback } }
networks:
  back: { driver: overlay }
volumes:
  data: {}
secrets:
  db_password: { file: ./db_password }
configs:
  site: { file: ./site.txt }
`;
const smallServices = 5;

/** clairctl with its output dropped; a failure throws with what it said. */
async function clairctl(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const lines: string[] = [];
  const code = await runClairctl(args, { out: (l) => lines.push(l), err: (l) => lines.push(l), env });
  if (code !== 0) throw new Error(`clairctl ${args.join(' ')} exited ${code}:\n${lines.join('\n')}`);
}

/** The development environment of the repository, with its secret files made up and its own stack name. */
async function fullTemplatesEnvironment(work: string, stack: string): Promise<string> {
  const secrets = join(work, 'secrets');
  await mkdir(secrets);
  const lines = (await readFile(join(repository, 'environments', 'dev.env'), 'utf8')).split('\n');
  const rewritten = await Promise.all(
    lines.map(async (line) => {
      const secret = /^(\w+_FILE)=/.exec(line);
      if (secret) {
        const file = join(secrets, secret[1]!.toLowerCase());
        await writeFile(file, `${randomBytes(16).toString('hex')}\n`, { mode: 0o600 });
        return `${secret[1]}=${file}`;
      }
      return line.startsWith('CLAIR_STACK_NAME=') ? `CLAIR_STACK_NAME=${stack}` : line;
    }),
  );
  const file = join(work, 'benchfull.env');
  await writeFile(file, rewritten.join('\n'));
  return file;
}

/** Polls the swarm (not the CLI, to keep the baseline's own overhead out) until every task runs. */
async function untilAllRunning(docker: Docker, stack: string, services: number): Promise<void> {
  const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`], 'desired-state': ['running'] });
  for (;;) {
    const tasks = (await docker.listTasks({ filters })) as { Status: { State: string } }[];
    if (tasks.filter((task) => task.Status.State === 'running').length === services) return;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
}

export async function runDeployBench(): Promise<BenchResult[]> {
  const env = readTestEnvironment();
  const docker = new Docker({ socketPath: new URL(env.DOCKER_HOST).pathname });
  const work = await mkdtemp(join(tmpdir(), 'clair-deploy-bench-'));
  const id = Date.now().toString(36);
  const ioEnv = { DOCKER_HOST: env.DOCKER_HOST, CLAIR_STATE_DIR: join(work, 'state') };
  const stacks: string[] = [];
  try {
    const fullEnv = await fullTemplatesEnvironment(work, `clibenchplan${id}`);
    const plan = await measure(
      'clairctl plan, full stack templates, against a swarm without the stack',
      planRounds,
      'plans',
      async () => {
        for (let i = 0; i < planRounds; i++) await clairctl([fullEnv, '--root', repository, 'plan'], ioEnv);
      },
    );

    const project = join(work, 'small');
    await mkdir(join(project, 'stack-templates'), { recursive: true });
    await writeFile(join(project, 'stack-templates', 'docker-compose.yml'), smallStack);
    await writeFile(join(project, 'stack-templates', 'db_password'), `${randomBytes(16).toString('hex')}\n`);
    await writeFile(join(project, 'stack-templates', 'site.txt'), 'site\n');
    const webPort = String(await freePort());
    const cliEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: env.DOCKER_HOST, WEB_PORT: webPort };
    const composeFile = join(project, 'stack-templates', 'docker-compose.yml');

    const cliDeploys: BenchResult[] = [];
    const engineDeploys: BenchResult[] = [];
    const cliNoOps: BenchResult[] = [];
    const engineNoOps: BenchResult[] = [];
    // Alternating, so that neither side has the machine warmer or colder.
    for (let round = 0; round < deployRounds; round++) {
      const cliStack = `clibenchcli${id}${round}`;
      stacks.push(cliStack);
      const deployCli = async () => {
        await run('docker', ['stack', 'deploy', '--resolve-image', 'never', '-c', composeFile, cliStack], {
          env: cliEnv,
        });
      };
      cliDeploys.push(
        await measure('docker stack deploy', smallServices, 'services', async () => {
          await deployCli();
          await untilAllRunning(docker, cliStack, smallServices);
        }),
      );
      cliNoOps.push(await measure('docker stack deploy, nothing changed', 1, 'deploys', deployCli));
      await removeCliStack(env.DOCKER_HOST, cliStack);
      await removeTestVolumes(docker, cliStack);

      const engineStack = `clibencheng${id}${round}`;
      stacks.push(engineStack);
      const envFile = join(project, `clibench${round}.env`);
      await writeFile(
        envFile,
        `CLAIR_ENVIRONMENT_CLASS=development\nDOCKER_CONTEXT=default\nCLAIR_STACK_NAME=${engineStack}\nWEB_PORT=${webPort}\n`,
      );
      const deployEngine = () => clairctl([envFile, '--root', project, 'deploy'], ioEnv);
      engineDeploys.push(await measure('clairctl deploy', smallServices, 'services', deployEngine));
      engineNoOps.push(await measure('clairctl deploy, nothing changed', 1, 'deploys', deployEngine));
      await removeEngineStack(docker, engineStack);
      await removeTestVolumes(docker, engineStack);
    }

    const cliDeploy = median(cliDeploys, `docker stack deploy, ${smallServices} services, until all tasks run`);
    const engineDeploy = median(engineDeploys, `clairctl deploy, ${smallServices} services, until all tasks run`);
    const cliNoOp = median(cliNoOps, `docker stack deploy, ${smallServices} services, nothing changed`);
    const engineNoOp = median(engineNoOps, `clairctl deploy, ${smallServices} services, nothing changed`);
    return [
      plan,
      { ...cliDeploy, baseline: cliDeploy.name },
      { ...engineDeploy, baseline: cliDeploy.name, ratioToBaseline: engineDeploy.perSecond / cliDeploy.perSecond },
      { ...cliNoOp, baseline: cliNoOp.name },
      { ...engineNoOp, baseline: cliNoOp.name, ratioToBaseline: engineNoOp.perSecond / cliNoOp.perSecond },
    ];
  } finally {
    for (const stack of stacks) {
      await removeEngineStack(docker, stack);
      await removeTestVolumes(docker, stack);
    }
    await rm(work, { recursive: true, force: true });
  }
}

/** The round with the median time, under the result's final name. */
function median(results: BenchResult[], name: string): BenchResult {
  const sorted = [...results].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[Math.floor(sorted.length / 2)]!, name };
}
