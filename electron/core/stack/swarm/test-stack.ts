import type Docker from 'dockerode';

import type { ServiceModel, StackModel } from '../stack-model';

/** For the engine's swarm tests: small, fast services that run on this machine (dnsrr, host ports). */

const SECOND = 1_000_000_000;

export function engStackName(purpose: string): string {
  return `eng${purpose}${Date.now().toString(36)}`;
}

export interface TestStackFiles {
  secretFile: string;
  configFile: string;
  webPort: number;
}

export function testService(overrides: Partial<ServiceModel> & { image: string }): ServiceModel {
  return {
    environment: {},
    labels: {},
    depends_on: [],
    ports: [],
    networks: [],
    mounts: [],
    secrets: [],
    configs: [],
    init: true,
    stop_grace_period: 2 * SECOND,
    ...overrides,
    deploy: {
      mode: 'replicated',
      replicas: 1,
      endpoint_mode: 'dnsrr',
      labels: {},
      update_config: { parallelism: 1, monitor: SECOND, failure_action: 'pause', order: 'stop-first' },
      restart_policy: { condition: 'any', delay: SECOND },
      ...overrides.deploy,
    },
  };
}

/** A cache (redis, healthchecked, a secret and a volume) and a web server (nginx, a config, a host port). */
export function testStack(files: TestStackFiles): StackModel {
  return {
    services: {
      cache: testService({
        image: 'clair/redis:7',
        environment: { ROLE: 'cache' },
        labels: { 'org.clair.part': 'cache' },
        healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: SECOND, timeout: SECOND, retries: 3 },
        networks: ['back'],
        mounts: [{ type: 'volume', source: 'data', target: '/data', read_only: false }],
        secrets: [{ source: 'token', target: 'token', mode: 0o400 }],
      }),
      web: testService({
        image: 'clair/nginx:1.22',
        environment: { GREETING: 'hello' },
        depends_on: ['cache'],
        healthcheck: { test: ['CMD-SHELL', 'test -e /run/nginx.pid'], interval: SECOND, timeout: SECOND, retries: 3 },
        networks: ['back'],
        ports: [{ target: 80, published: files.webPort, protocol: 'tcp', mode: 'host' }],
        configs: [{ source: 'site', target: '/etc/clair-site.txt' }],
        deploy: {
          mode: 'replicated',
          replicas: 1,
          endpoint_mode: 'dnsrr',
          labels: { 'traefik.enable': 'true' },
          resources: { limits: { memory_bytes: 128 * 1024 * 1024 } },
        },
      }),
    },
    networks: { back: { external: false, driver: 'overlay', attachable: false, driver_opts: {}, labels: {} } },
    volumes: { data: { external: false, driver: '', driver_opts: {}, labels: {} } },
    secrets: { token: { external: false, file: files.secretFile, labels: {} } },
    configs: { site: { external: false, file: files.configFile, labels: {} } },
  };
}

/** Test cleanup: a stack's volumes outlive it on purpose, and stay busy until its containers are gone. */
export async function removeTestVolumes(docker: Docker, stack: string): Promise<void> {
  const volumes = (await docker.listVolumes()).Volumes.filter((volume) => volume.Name.startsWith(`${stack}_`));
  for (const volume of volumes) {
    for (let attempt = 0; ; attempt++) {
      try {
        await docker.getVolume(volume.Name).remove();
        break;
      } catch (error) {
        if (attempt > 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
