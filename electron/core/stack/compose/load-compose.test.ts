import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import { loadCompose } from './load-compose';
import { formatProblem } from './source-problem';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clair-compose-'));
});

/** Writes a fixture compose file into this test's folder and returns its path. */
async function fixture(name: string, yaml: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, yaml);
  return path;
}

/** The problems as `file:line:column: message` with the folder left out. */
async function problemsOf(files: string[], variables: Record<string, string> = {}): Promise<string[]> {
  const load = await loadCompose(files, variables);
  return load.problems.map((problem) => formatProblem(problem).replace(`${dir}/`, ''));
}

async function modelOf(files: string[], variables: Record<string, string> = {}) {
  const load = await loadCompose(files, variables);
  expect(load.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  return load.model!;
}

describe('loadCompose normalization', () => {
  it('expands short syntax to the long form with compose’s and swarm’s defaults', async () => {
    const file = await fixture(
      'docker-compose.yml',
      `
services:
  managair:
    image: \${NODE_IMAGE}
    command: node dist/server.js --port "8888"
    entrypoint: [/sbin/tini, --]
    environment:
      - LOG_LEVEL=\${LOG_LEVEL:-info}
      - FROM_ENV_FILE
      - NOT_IN_ENV_FILE
    labels: [traefik.enable=true, bare]
    ports: ["8888:8888", "9000-9001:8000-8001/udp", 3000]
    volumes: [data:/var/lib/data, ./conf:/etc/conf:ro, /scratch]
    tmpfs: /tmp
    secrets: [db_password, {source: api_key, target: key, mode: 0440}]
    configs: [nginx_conf]
    depends_on: {db: {condition: service_started}}
    stop_grace_period: 1m30s
    healthcheck:
      test: wget -q -O- http://localhost:8888/health
      interval: 10s
      timeout: 5s
      retries: 3
    deploy:
      labels: {traefik.http.routers.api.rule: "Host(\`api.\${CLAIR_DOMAIN}\`)"}
      update_config: {delay: 10s, failure_action: rollback, monitor: 1m, order: start-first}
      restart_policy: {condition: on-failure, max_attempts: 3}
      resources: {limits: {cpus: "0.5", memory: 512M}, reservations: {cpus: 0.25, memory: 1G}}
      placement: {constraints: [node.role == manager], preferences: [{spread: node.labels.zone}]}
  db:
    image: clair/postgres:15
    deploy: {mode: global, endpoint_mode: dnsrr}
volumes:
  data: {external: true}
secrets:
  db_password: {file: ./secrets/db_password}
  api_key: {external: true, name: clair_api_key_v2}
configs:
  nginx_conf: {file: ../shared/nginx.conf}
`,
    );
    const model = await modelOf([file], {
      NODE_IMAGE: 'clair/node-runtime:20',
      FROM_ENV_FILE: 'inherited',
      CLAIR_DOMAIN: 'clair.localhost',
    });

    expect(model.services.managair).toEqual({
      image: 'clair/node-runtime:20',
      command: ['node', 'dist/server.js', '--port', '8888'],
      entrypoint: ['/sbin/tini', '--'],
      environment: { LOG_LEVEL: 'info', FROM_ENV_FILE: 'inherited' },
      labels: { 'traefik.enable': 'true', bare: '' },
      stop_grace_period: 90e9,
      healthcheck: {
        test: ['CMD-SHELL', 'wget -q -O- http://localhost:8888/health'],
        interval: 10e9,
        timeout: 5e9,
        retries: 3,
      },
      depends_on: ['db'],
      ports: [
        { target: 8888, published: 8888, protocol: 'tcp', mode: 'ingress' },
        { target: 8000, published: 9000, protocol: 'udp', mode: 'ingress' },
        { target: 8001, published: 9001, protocol: 'udp', mode: 'ingress' },
        { target: 3000, protocol: 'tcp', mode: 'ingress' },
      ],
      networks: ['default'],
      mounts: [
        { type: 'volume', source: 'data', target: '/var/lib/data', read_only: false },
        { type: 'bind', source: join(dir, 'conf'), target: '/etc/conf', read_only: true },
        { type: 'volume', target: '/scratch', read_only: false },
        { type: 'tmpfs', target: '/tmp', read_only: false },
      ],
      secrets: [
        { source: 'db_password', target: 'db_password' },
        { source: 'api_key', target: 'key', mode: 0o440 },
      ],
      configs: [{ source: 'nginx_conf', target: '/nginx_conf' }],
      deploy: {
        mode: 'replicated',
        replicas: 1,
        endpoint_mode: 'vip',
        labels: { 'traefik.http.routers.api.rule': 'Host(`api.clair.localhost`)' },
        update_config: { delay: 10e9, failure_action: 'rollback', monitor: 60e9, order: 'start-first' },
        restart_policy: { condition: 'on-failure', max_attempts: 3 },
        resources: {
          limits: { nano_cpus: 5e8, memory_bytes: 512 * 1024 ** 2 },
          reservations: { nano_cpus: 2.5e8, memory_bytes: 1024 ** 3 },
        },
        placement: { constraints: ['node.role == manager'], preferences: ['node.labels.zone'] },
      },
    });
    expect(model.services.db!.deploy).toEqual({ mode: 'global', endpoint_mode: 'dnsrr', labels: {} });
    expect(model.networks).toEqual({
      default: { external: false, driver: 'overlay', attachable: false, driver_opts: {}, labels: {} },
    });
    expect(model.volumes).toEqual({ data: { external: true, name: 'data' } });
    expect(model.secrets).toEqual({
      db_password: { external: false, file: join(dir, 'secrets/db_password'), labels: {} },
      api_key: { external: true, name: 'clair_api_key_v2' },
    });
    expect(model.configs).toEqual({
      nginx_conf: { external: false, file: join(dir, '../shared/nginx.conf'), labels: {} },
    });
  });

  it('converts interpolated numbers and booleans back to their schema types', async () => {
    const file = await fixture(
      'docker-compose.yml',
      `
services:
  worker:
    image: w
    init: \${INIT}
    ports: [{target: "\${PORT}", published: "\${PORT}", mode: host}]
    deploy:
      replicas: \${REPLICAS:-2}
`,
    );
    const model = await modelOf([file], { INIT: 'true', PORT: '8888' });
    expect(model.services.worker).toMatchObject({
      init: true,
      ports: [{ target: 8888, published: 8888, protocol: 'tcp', mode: 'host' }],
      deploy: { replicas: 2 },
    });
  });

  it('keeps a network’s fixed name and internal flag', async () => {
    const file = await fixture(
      'docker-compose.yml',
      `
services: {proxy: {image: caddy, networks: [frontend, backend]}}
networks:
  frontend: {name: "\${STACK:-clair}_frontend"}
  backend: {internal: true, driver_opts: {encrypted: 1}}
`,
    );
    expect((await modelOf([file])).networks).toEqual({
      frontend: {
        external: false,
        name: 'clair_frontend',
        driver: 'overlay',
        attachable: false,
        driver_opts: {},
        labels: {},
      },
      backend: {
        external: false,
        driver: 'overlay',
        attachable: false,
        internal: true,
        driver_opts: { encrypted: '1' },
        labels: {},
      },
    });
  });

  it('accepts YAML anchors and merge keys for shared fragments', async () => {
    const file = await fixture(
      'docker-compose.yml',
      `
x-service: &service
  image: shared
  environment: {A: "1"}
services:
  one: {<<: *service}
  two:
    <<: *service
    environment: {B: "2"}
`,
    );
    const model = await modelOf([file]);
    expect(model.services.one!.environment).toEqual({ A: '1' });
    expect(model.services.two).toMatchObject({ image: 'shared', environment: { B: '2' } });
  });
});

describe('loadCompose merging of extension files', () => {
  it('merges by the compose specification’s rules', async () => {
    const base = await fixture(
      'docker-compose.yml',
      `
services:
  api:
    image: api:1
    command: [serve, --fast]
    entrypoint: [tini, --]
    environment: {A: base, B: base}
    labels: [one=1, two=2]
    ports: ["8888:8888", "9000:9000"]
    volumes: [data:/data, logs:/logs]
    secrets: [db_password]
    configs: [{source: nginx_conf, target: /etc/nginx.conf}]
    networks: [front]
    depends_on: [db]
    healthcheck: {test: [CMD, test, -f, /ok], interval: 10s, retries: 3}
    deploy:
      replicas: 3
      labels: {keep: "1", change: before}
      update_config: {parallelism: 1, delay: 10s}
      resources: {limits: {cpus: "1", memory: 1G}}
      placement: {constraints: [node.role == manager]}
  db: {image: postgres}
networks: {front: {}, back: {}}
volumes: {data: {}, logs: {}, other: {}}
secrets: {db_password: {file: db}}
configs: {nginx_conf: {file: nginx.conf}, dev_conf: {file: dev.conf}}
`,
    );
    const extension = await fixture(
      'docker-compose.dev.yml',
      `
services:
  api:
    image: api:dev
    command: dev
    environment: [B=dev, C=dev]
    labels: {two: "22", three: "3"}
    ports: [{target: 8888, published: 8888, mode: host}, "9229:9229"]
    volumes: [other:/data:ro]
    secrets: [{source: db_password, target: db_password, mode: 0400}]
    configs: [{source: dev_conf, target: /etc/nginx.conf}]
    networks: [back]
    depends_on: [redis]
    healthcheck: {test: [CMD, test, -f, /dev-ok]}
    deploy:
      labels: {change: after}
      update_config: {delay: 1s}
      resources: {limits: {memory: 2G}}
      placement: {constraints: [node.labels.dev == true]}
  redis: {image: redis}
`,
    );
    const model = await modelOf([base, extension]);
    expect(model.services.api).toMatchObject({
      image: 'api:dev',
      command: ['dev'],
      entrypoint: ['tini', '--'],
      environment: { A: 'base', B: 'dev', C: 'dev' },
      labels: { one: '1', two: '22', three: '3' },
      ports: [
        { target: 8888, published: 8888, protocol: 'tcp', mode: 'host' },
        { target: 9000, published: 9000, protocol: 'tcp', mode: 'ingress' },
        { target: 9229, published: 9229, protocol: 'tcp', mode: 'ingress' },
      ],
      mounts: [
        { type: 'volume', source: 'other', target: '/data', read_only: true },
        { type: 'volume', source: 'logs', target: '/logs', read_only: false },
      ],
      secrets: [{ source: 'db_password', target: 'db_password', mode: 0o400 }],
      configs: [{ source: 'dev_conf', target: '/etc/nginx.conf' }],
      networks: ['front', 'back'],
      depends_on: ['db', 'redis'],
      healthcheck: { test: ['CMD', 'test', '-f', '/dev-ok'], interval: 10e9, retries: 3 },
      deploy: {
        replicas: 3,
        labels: { keep: '1', change: 'after' },
        update_config: { parallelism: 1, delay: 1e9 },
        resources: { limits: { nano_cpus: 1e9, memory_bytes: 2 * 1024 ** 3 } },
        placement: { constraints: ['node.role == manager', 'node.labels.dev == true'], preferences: [] },
      },
    });
    expect(Object.keys(model.services)).toEqual(['api', 'db', 'redis']);
  });

  it('resolves relative paths of every file against the first file’s folder', async () => {
    const base = await fixture('stack/docker-compose.yml', 'services: {web: {image: nginx}}\n');
    const extension = await fixture(
      'stack/overrides/tls.yml',
      `
services: {web: {volumes: [./certs:/certs], secrets: [tls_key]}}
secrets: {tls_key: {file: ../secrets/tls.key}}
`,
    );
    const model = await modelOf([base, extension]);
    expect(model.services.web!.mounts[0]!.source).toBe(join(dir, 'stack/certs'));
    expect(model.secrets.tls_key).toEqual({ external: false, file: join(dir, 'secrets/tls.key'), labels: {} });
  });
});

describe('loadCompose problems', () => {
  it('places schema errors at their line and column', async () => {
    const file = await fixture(
      'docker-compose.yml',
      `services:
  web:
    image: nginx
    ports: [abc]
    deploy:
      update_config: {delay: soon}
servces:
  db: {image: postgres}
`,
    );
    expect(await problemsOf([file])).toEqual([
      'docker-compose.yml:7:1: servces: unknown key (not part of the compose specification)',
      'docker-compose.yml:6:30: services.web.deploy.update_config.delay: is not a valid duration (for example "10s" or "1m30s")',
      'docker-compose.yml:4:13: services.web.ports.0: is not a port: expected "target", "published:target" or "published:target/protocol"',
    ]);
  });

  it('reports YAML syntax errors with their position', async () => {
    const file = await fixture('docker-compose.yml', 'services:\n  web:\n    image: [nginx\n');
    const [problem] = await problemsOf([file]);
    expect(problem).toMatch(/^docker-compose\.yml:4:1: YAML syntax: /);
  });

  it('names the file, line and column of every reference to a missing variable', async () => {
    const base = await fixture('docker-compose.yml', 'services:\n  web:\n    image: nginx:${TAG}\n');
    const extension = await fixture(
      'docker-compose.tls.yml',
      `services:
  web:
    environment:
      DOMAIN: "\${CLAIR_DOMAIN:?set the public domain}"
      EMAIL: \${ACME_EMAIL?}
      OPTIONAL: \${NOT_NEEDED:-x}\${ALSO_OPTIONAL-}
`,
    );
    expect(await problemsOf([base, extension])).toEqual([
      'docker-compose.yml:3:18: variable TAG is not set and has no default',
      'docker-compose.tls.yml:4:16: variable CLAIR_DOMAIN is not set: set the public domain',
      'docker-compose.tls.yml:5:14: variable ACME_EMAIL is not set and is required',
    ]);
  });

  it('refuses what swarm cannot do, warns about what it ignores', async () => {
    const file = await fixture(
      'docker-compose.yml',
      `services:
  web:
    image: nginx
    container_name: web
    restart: always
    env_file: web.env
    ports: ["127.0.0.1:80:80"]
  app:
    build: ./app
`,
    );
    expect(await problemsOf([file])).toEqual([
      'docker-compose.yml:4:5: services.web.container_name: not supported: swarm names the containers of a service itself; remove it',
      'docker-compose.yml:5:5: warning: services.web.restart: ignored by swarm: use deploy.restart_policy',
      'docker-compose.yml:6:5: services.web.env_file: not supported: configuration comes from the environment file: write `environment: {NAME: ${NAME}}` instead',
      'docker-compose.yml:7:13: services.web.ports.0: swarm publishes ports on every address; remove the host address',
      'docker-compose.yml:9:5: warning: services.app.build: ignored: swarm does not build images; build them first (scripts/images/build.sh)',
    ]);
  });

  it('needs an image after merging when a service only has build', async () => {
    const file = await fixture('docker-compose.yml', 'services:\n  app:\n    build: ./app\n');
    expect(await problemsOf([file])).toEqual([
      'docker-compose.yml:3:5: warning: services.app.build: ignored: swarm does not build images; build them first (scripts/images/build.sh)',
      'docker-compose.yml:3:5: services.app has no image; swarm cannot build images: add `image:` naming the built image',
    ]);
    const withImage = await fixture('docker-compose.images.yml', 'services:\n  app:\n    image: clair/app\n');
    expect((await loadCompose([file, withImage], {})).model?.services.app?.image).toBe('clair/app');
  });

  it('reports references to undeclared networks, volumes, secrets, configs and services', async () => {
    const file = await fixture(
      'docker-compose.yml',
      `services:
  web:
    image: nginx
    networks: [front]
    volumes: [data:/data]
    secrets: [password]
    configs: [conf]
    depends_on: [db]
`,
    );
    expect(await problemsOf([file])).toEqual([
      'docker-compose.yml:4:16: services.web refers to network "front", which is not declared',
      'docker-compose.yml:5:15: services.web refers to volume "data", which is not declared',
      'docker-compose.yml:6:15: services.web refers to secret "password", which is not declared',
      'docker-compose.yml:7:15: services.web refers to config "conf", which is not declared',
      'docker-compose.yml:8:18: services.web refers to service "db", which is not declared',
    ]);
  });

  it('reports a file that does not exist', async () => {
    expect(await problemsOf([join(dir, 'missing.yml')])).toEqual(['missing.yml: cannot read the file: file not found']);
  });
});
