import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import Docker from 'dockerode';
import mqtt from 'mqtt';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkEnvironment } from '../../electron/core/environments/check-environment';
import { loadEnvironment } from '../../electron/core/environments/load-environment';
import { deploy } from '../../electron/core/stack/apply/deploy';
import { formatProblem } from '../../electron/core/stack/compose/source-problem';
import { Journal } from '../../electron/core/stack/journal/journal';
import { openDatabase } from '../../services/database/connection';
import { mqttUsername } from '../../services/domain/ttn/topics';
import { registerSimulatedNodes, simulatedOrganizationName } from '../../services/ttn-simulator/node-registry';
import { testEnvironment } from '../support/context';
import { docker, removeStackAndContainers } from '../support/docker-cli';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import { payloadSamples, uplinkMessage } from '../../services/ttn-simulator/uplink-message';
import {
  clairComposeFiles,
  clairVolumeVariables,
  removeClairStack,
  writeClairStackEnvironment,
} from './clair-stack-environment';

const root = resolve(import.meta.dirname, '../..');
const templates = join(root, 'stack-templates');
const services = [
  'reverse_proxy',
  'static_frontend',
  'managair_server',
  'ingestair',
  'clairchen_forwarder',
  'ers_forwarder',
  'worker',
  'db',
  'redis',
  'simulated_ttn',
  'ttn_simulator',
];
const run = promisify(execFile);

interface HttpAnswer {
  status: number;
  body: string;
}

/** An HTTP request to the proxy's host port under the stack's domain, which fetch cannot name. */
function viaProxy(
  port: number,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { ...init.headers, host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolvePromise({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error(`${path}: no answer within 5 s`)));
    req.end(init.body);
  });
}

describe('the clair stack deployed from the templates', () => {
  const env = testEnvironment();
  const stack = `tpl${Date.now().toString(36)}`;
  const domain = `${stack}.localhost`;
  const seed = Math.floor(Math.random() * 0xfff);
  // Another seed than the test's own uplinks: other DevEUIs, so the two never count each other's samples.
  const simulatorSeed = (seed + 1) % 0xfff;
  let work: string;
  let deployEnv: Record<string, string>;

  /** The running, single-node task containers of the stack, with their health. */
  async function containerStates(): Promise<Map<string, string>> {
    const lines = await docker(env.DOCKER_HOST, [
      'ps',
      '--filter',
      `label=com.docker.stack.namespace=${stack}`,
      '--format',
      '{{.Label "com.docker.swarm.service.name"}} {{.Status}}',
    ]);
    const states = new Map<string, string>();
    for (const line of lines.split('\n').filter(Boolean)) {
      const [service = '', ...status] = line.split(' ');
      states.set(service.slice(stack.length + 1), status.join(' '));
    }
    return states;
  }

  /** The stack's database through its dev port, as the control centre's database browser reaches it. */
  async function openStackDatabase() {
    const dbPassword = (await readFile(deployEnv.DB_PASSWORD_FILE!, 'utf8')).trim();
    return openDatabase(`postgres://clair:${dbPassword}@127.0.0.1:${deployEnv.DB_DEV_PORT}/clair`, () => undefined);
  }

  const containerOf = async (service: string) =>
    docker(env.DOCKER_HOST, ['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_${service}`]);

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'clair-tpl-stack-'));
    const written = await writeClairStackEnvironment({ dir: work, name: 'test', stack, env, simulatorSeed });
    const envFile = written.file;
    deployEnv = written.variables;

    for (const variable of clairVolumeVariables)
      await docker(env.DOCKER_HOST, ['volume', 'create', deployEnv[variable]!]);
    // Deployed by our engine, as the control centre and clairctl do: the environment file and the
    // templates are checked first (every problem with file and line), then plan, apply, converge.
    const environment = await loadEnvironment(envFile);
    const checked = await checkEnvironment(
      environment,
      clairComposeFiles.map((file) => join(templates, file)),
    );
    expect(checked.problems.filter((problem) => problem.severity === 'error').map(formatProblem)).toEqual([]);
    if (!checked.model) throw new Error('the templates did not load');
    const deployed = await deploy({
      docker: new Docker({ socketPath: new URL(env.DOCKER_HOST).pathname }),
      stack,
      model: checked.model,
      environment: environment.name,
      journal: new Journal(join(work, 'journal')),
      timeoutMs: 150_000,
    });
    expect(deployed.converged.ok, JSON.stringify(deployed.converged.services)).toBe(true);
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
    await removeClairStack(env.DOCKER_HOST, stack, deployEnv);
  });

  it('converges: every service runs one healthy task', { timeout: 150_000 }, async () => {
    // On failure the poll shows each unhealthy service's container status, or why it has none.
    await expect
      .poll(
        async () => {
          const states = await containerStates();
          const unhealthy = services.filter((service) => !states.get(service)?.includes('(healthy)'));
          return Object.fromEntries<string>(
            await Promise.all(
              unhealthy.map(async (service): Promise<[string, string]> => [
                service,
                states.get(service) ??
                  (await docker(env.DOCKER_HOST, [
                    'service',
                    'ps',
                    '--no-trunc',
                    '--format',
                    '{{.CurrentState}} {{.Error}}',
                    `${stack}_${service}`,
                  ])),
              ]),
            ),
          );
        },
        { timeout: 140_000, interval: 1_000 },
      )
      .toEqual({});
  });

  it("stores the samples of the stack's own simulator, which registered its nodes", { timeout: 120_000 }, async () => {
    // What ttn_simulator simulates: TTN_SIMULATOR_NODES of each kind that has a forwarder.
    const simulated = simulatedInventory(simulatorSeed, 1).filter((node) => node.protocol !== 'TALKPOOLOY1012');
    const database = await openStackDatabase();
    try {
      // Nothing here publishes or registers: every node with samples got them through the stack.
      await expect
        .poll(
          async () => {
            const rows = await database.db
              .selectFrom('samples')
              .innerJoin('nodes', 'nodes.id', 'samples.node_id')
              .innerJoin('organizations', 'organizations.id', 'nodes.owner_id')
              .select(['nodes.alias', 'organizations.name as owner'])
              .where(
                'samples.node_id',
                'in',
                simulated.map((node) => node.nodeId),
              )
              .distinct()
              .execute();
            return rows.map((row) => `${row.alias} of ${row.owner}`).sort();
          },
          { timeout: 110_000, interval: 1_000 },
        )
        .toEqual(simulated.map((node) => `${node.alias} of ${simulatedOrganizationName}`).sort());
    } finally {
      await database.close();
    }
  });

  it('ingests simulated Clairchen and ERS uplinks and serves them through the API', async () => {
    const nodes = simulatedInventory(seed, 2).filter((node) => node.protocol !== 'TALKPOOLOY1012');
    const database = await openStackDatabase();
    try {
      await registerSimulatedNodes(database.db, nodes);

      const applications = {
        CLAIRCHEN: deployEnv.CLAIRCHEN_TTN_APPLICATION_ID!,
        ELSYSERS: deployEnv.ERS_TTN_APPLICATION_ID!,
      };
      const tenant = deployEnv.TTN_TENANT;
      const receivedAtMs = Date.now() - 60_000;
      let expectedSamples = 0;
      for (const node of nodes) {
        const applicationId = applications[node.protocol as keyof typeof applications];
        const username = mqttUsername(applicationId, tenant);
        const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${deployEnv.SIMULATED_TTN_PORT}`, {
          username,
          password: 'NNSXS.PUBLISHER',
        });
        const message = uplinkMessage({ seed, applicationId }, { node, fCnt: 1, receivedAtMs });
        await client.publishAsync(`v3/${username}/devices/${node.deviceId}/up`, JSON.stringify(message));
        await client.endAsync();
        expectedSamples += payloadSamples(seed, node, receivedAtMs).length;
      }

      const nodeIds = nodes.map((node) => node.nodeId);
      await expect
        .poll(
          async () => {
            const { rows } = await sql<{
              count: string;
            }>`SELECT count(*) FROM samples WHERE node_id IN (${sql.join(nodeIds)})`.execute(database.db);
            return Number(rows[0]?.count);
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(expectedSamples);
    } finally {
      await database.close();
    }

    const password = randomBytes(12).toString('hex');
    // `-e NAME` without a value: the CLI passes its own variable, so the password stays off the
    // command line.
    await run(
      'docker',
      [
        'exec',
        '-e',
        'MANAGAIR_SUPERUSER_PASSWORD',
        await containerOf('managair_server'),
        'node',
        '/app/service.mjs',
        'createsuperuser',
        '--no-input',
        '--username',
        'operator',
        '--email',
        'operator@example.org',
      ],
      { env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST, MANAGAIR_SUPERUSER_PASSWORD: password } },
    );
    const port = Number(deployEnv.HTTP_PORT);
    const login = await viaProxy(port, domain, '/api/v1/auth/login/', {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.api+json' },
      body: JSON.stringify({ data: { type: 'LoginView', attributes: { username: 'operator', password } } }),
    });
    expect(login.status).toBe(200);
    const token = (JSON.parse(login.body) as { data: { attributes: { key: string } } }).data.attributes.key;

    const ersNode = nodes.find((node) => node.protocol === 'ELSYSERS')!;
    const series = await viaProxy(port, domain, `/api/v1/node-timeseries/${ersNode.nodeId}/?filter[from]=0`, {
      headers: { authorization: `Token ${token}` },
    });
    expect(series.status).toBe(200);
    expect(series.body).toContain(ersNode.nodeId);
  });

  it('serves the landing page through the proxy', async () => {
    const page = await viaProxy(Number(deployEnv.HTTP_PORT), domain, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/api/v1/schema"');
  });

  it("keeps the original's Traefik routes in managair_server's service labels", async () => {
    const labels = JSON.parse(
      await docker(env.DOCKER_HOST, [
        'service',
        'inspect',
        `${stack}_managair_server`,
        '--format',
        '{{json .Spec.Labels}}',
      ]),
    ) as Record<string, string>;
    expect(labels).toMatchObject({
      'traefik.enable': 'true',
      'traefik.swarm.network': `${stack}_frontend`,
      'traefik.http.routers.managair-server.rule': `Host(\`${domain}\`) && (PathPrefix(\`/api\`) || PathPrefix(\`/accounts\`))`,
      'traefik.http.routers.managair-server.priority': '30',
      'traefik.http.services.managair-server.loadbalancer.server.port': '8888',
    });
  });

  it('is removed completely', async () => {
    await removeStackAndContainers(env.DOCKER_HOST, stack);
    expect(await docker(env.DOCKER_HOST, ['stack', 'ls', '--format', '{{.Name}}'])).not.toContain(stack);
    expect(await containerStates()).toEqual(new Map());
  });
});
