import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { docker as dockerCli, freePort, removeStack as removeWithCli } from '../../../../tests/support/docker-cli';
import { testEnvironment } from '../../../../tests/support/context';
import { apply } from '../apply/apply';
import { plan } from '../plan/plan';
import { removeStack } from '../remove/remove-stack';
import { readLiveStack } from './live-stack';
import type { SwarmServiceSpec } from './swarm-spec';
import { loadCompose } from '../compose/load-compose';
import { engStackName, removeTestVolumes } from './test-stack';

/**
 * The same stack deployed by `docker stack deploy` and by the engine must give the same service
 * specs. What must differ is normalized away: the stack name itself, and secret and config names
 * and IDs (the engine's are content-hashed, the CLI's are `<stack>_<key>`); network IDs are mapped
 * back to names (minus the stack name) since each stack has its own network.
 */
describe('service specs: the engine and docker stack deploy', () => {
  const env = testEnvironment();
  const docker = new Docker({ socketPath: env.DOCKER_HOST.replace(/^unix:\/\//, '') });
  const byCli = engStackName('cli');
  const byEngine = engStackName('own');

  afterAll(async () => {
    await removeWithCli(env.DOCKER_HOST, byCli);
    await removeStack(docker, byEngine);
    await removeTestVolumes(docker, byCli);
    await removeTestVolumes(docker, byEngine);
  });

  it('are equal once stack and object names are set aside', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eng-spec-'));
    const files = { secretFile: join(dir, 'token'), configFile: join(dir, 'site.txt'), webPort: await freePort() };
    await writeFile(files.secretFile, 's3cret');
    await writeFile(files.configFile, 'site');
    const composeFor = (webPort: number) => ({
      version: '3.8',
      services: {
        cache: {
          image: 'clair/redis:7',
          environment: { ROLE: 'cache' },
          labels: { 'org.clair.part': 'cache' },
          init: true,
          stop_grace_period: '2s',
          healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '1s', timeout: '1s', retries: 3 },
          networks: ['back'],
          volumes: [{ type: 'volume', source: 'data', target: '/data' }],
          secrets: [{ source: 'token', target: 'token', mode: 0o400 }],
          deploy: {
            replicas: 1,
            endpoint_mode: 'dnsrr',
            update_config: { parallelism: 1, monitor: '1s', failure_action: 'pause', order: 'stop-first' },
            restart_policy: { condition: 'any', delay: '1s' },
          },
        },
        web: {
          image: 'clair/nginx:1.22',
          environment: { GREETING: 'hello' },
          depends_on: ['cache'],
          init: true,
          stop_grace_period: '2s',
          healthcheck: { test: ['CMD-SHELL', 'test -e /run/nginx.pid'], interval: '1s', timeout: '1s', retries: 3 },
          networks: ['back'],
          ports: [{ target: 80, published: webPort, protocol: 'tcp', mode: 'host' }],
          configs: [{ source: 'site', target: '/etc/clair-site.txt' }],
          deploy: {
            replicas: 1,
            endpoint_mode: 'dnsrr',
            labels: { 'traefik.enable': 'true' },
            resources: { limits: { memory: '128M' } },
            update_config: { parallelism: 1, monitor: '1s', failure_action: 'pause', order: 'stop-first' },
            restart_policy: { condition: 'any', delay: '1s' },
          },
        },
      },
      networks: { back: { driver: 'overlay' } },
      volumes: { data: {} },
      secrets: { token: { file: files.secretFile } },
      configs: { site: { file: files.configFile } },
    });
    const composeFile = join(dir, 'stack.yml');
    await writeFile(composeFile, stringify(composeFor(files.webPort)));
    await dockerCli(env.DOCKER_HOST, ['stack', 'deploy', '--resolve-image', 'never', '-c', composeFile, byCli]);

    // The engine reads the same compose through its own loader. Ports must differ: both stacks'
    // web tasks publish on the host.
    const engineFile = join(dir, 'engine-stack.yml');
    await writeFile(engineFile, stringify(composeFor(await freePort())));
    const { model, problems } = await loadCompose([engineFile], {});
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    if (!model) throw new Error('the compose file did not load');
    await apply(await plan(model, byEngine, docker), { docker, model });

    const cliSpecs = await normalizedSpecs(docker, byCli);
    const engineSpecs = await normalizedSpecs(docker, byEngine);
    for (const specs of [cliSpecs, engineSpecs]) {
      const ports = specs.web?.EndpointSpec.Ports;
      if (ports?.[0]) ports[0].PublishedPort = 0;
    }
    expect(Object.keys(engineSpecs)).toEqual(['cache', 'web']);
    expect(engineSpecs).toEqual(cliSpecs);
    expect(await dockerCli(env.DOCKER_HOST, ['stack', 'services', '--format', '{{.Name}}', byEngine])).toBe(
      `${byEngine}_cache\n${byEngine}_web`,
    );
  });
});

async function normalizedSpecs(docker: Docker, stack: string): Promise<Record<string, SwarmServiceSpec>> {
  const live = await readLiveStack(docker, stack);
  const unstacked = (text: string) => text.replaceAll(stack, 'STACK');
  return Object.fromEntries(
    live.services.map((service) => {
      const spec = structuredClone(service.spec);
      const container = spec.TaskTemplate.ContainerSpec;
      container.Secrets = container.Secrets?.map(({ File }) => ({ SecretName: '', File }));
      container.Configs = container.Configs?.map(({ File }) => ({ ConfigName: '', File }));
      spec.TaskTemplate.Networks = spec.TaskTemplate.Networks?.map((network) => ({
        ...network,
        Target: live.networkNames.get(network.Target) ?? network.Target,
      }));
      const normalized = JSON.parse(unstacked(JSON.stringify(spec))) as SwarmServiceSpec;
      return [service.name.slice(stack.length + 1), normalized];
    }),
  );
}
