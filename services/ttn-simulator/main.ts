/**
 * The dev stack's simulated sensors (docker-compose.dev.yml, ttn_simulator): registers them in
 * managair's database, then publishes their uplinks to the simulated TTN until stopped, each kind
 * in the application that its forwarder subscribes to, and serves the same uplinks as TTN's
 * Storage Integration does, for the control centre's recovery wizard. There are no OY1012 nodes:
 * the stack has no forwarder for them. cli.ts is the same simulator by hand.
 */
import { openDatabase } from '../database/connection';
import type { NodeProtocol } from '../domain/nodes/node-id';
import { loadEnv } from '../runtime/env';
import { closeOnSignal } from '../runtime/shutdown';
import { systemClock } from './clock';
import { publishUplinks } from './mqtt-publisher';
import { registerWhenSchemaIsCurrent } from './node-registry';
import { SimulatorEnv } from './service-env';
import { simulatedInventory } from './simulated-nodes';
import { storageServer, trafficReadRight } from './storage-server';
import { modelHistory } from './uplink-history';
import { defaultEpoch, UplinkSchedule } from './uplink-schedule';

// The simulated TTN lets anyone in; on TTN this would be the application's API key.
const apiKey = 'NNSXS.SIMULATOR';

const env = loadEnv(SimulatorEnv);
const seed = env.TTN_SIMULATOR_SEED;
const applications: [NodeProtocol, string, string][] = [
  ['CLAIRCHEN', env.CLAIRCHEN_TTN_APPLICATION_ID, env.CLAIRCHEN_TTN_API_KEY],
  ['ELSYSERS', env.ERS_TTN_APPLICATION_ID, env.ERS_TTN_API_KEY],
];
const nodes = simulatedInventory(seed, env.TTN_SIMULATOR_NODES).filter((node) =>
  applications.some(([protocol]) => protocol === node.protocol),
);
/** Each application's schedule, shared by the live uplinks and the stored ones: they are the same. */
const schedules = new Map(
  applications.map(([protocol]) => [
    protocol,
    new UplinkSchedule(
      nodes.filter((node) => node.protocol === protocol),
      { seed, epoch: new Date(defaultEpoch), uplinkIntervalS: env.TTN_SIMULATOR_INTERVAL_S },
    ),
  ]),
);
const log = (message: string) => console.log(message);
const stop = new AbortController();

async function simulate(): Promise<void> {
  const database = openDatabase(env.DATABASE_URL, (error) => log(`database connection lost: ${error.message}`), 1);
  try {
    await registerWhenSchemaIsCurrent(database.db, nodes, { clock: systemClock, log, signal: stop.signal });
  } finally {
    await database.close();
  }
  if (stop.signal.aborted) return;
  const storage = await serveStorage();
  stop.signal.addEventListener('abort', () => void storage.close(), { once: true });
  log(`publishing ${nodes.length} nodes' uplinks every ${env.TTN_SIMULATOR_INTERVAL_S} s to ${env.TTN_MQTT_URL}`);
  await Promise.all(applications.map(([protocol, applicationId]) => publishUntilStopped(protocol, applicationId)));
}

/** TTN's Storage Integration of both applications, each readable with its forwarder's API key. */
async function serveStorage() {
  const served = applications.map(([protocol, applicationId]) => ({
    applicationId,
    history: modelHistory(schedules.get(protocol)!, { seed, applicationId }),
  }));
  const server = storageServer({
    ...served[0]!,
    otherApplications: served.slice(1),
    apiKeys: applications.map(([, applicationId, key]) => ({ key, applicationId, rights: [trafficReadRight] })),
    now: () => systemClock.now(),
  });
  log(`Storage Integration on ${await server.listen({ host: '0.0.0.0', port: env.TTN_STORAGE_PORT })}`);
  return server;
}

/**
 * Publishes one application's uplinks until stopped. On a fresh deploy the broker may not be up
 * (or resolvable) yet, and exiting would count as a failed deploy: so connecting is retried.
 */
async function publishUntilStopped(protocol: NodeProtocol, applicationId: string): Promise<void> {
  const schedule = schedules.get(protocol)!;
  while (!stop.signal.aborted) {
    try {
      await publishUplinks({
        brokerUrl: env.TTN_MQTT_URL,
        tenant: env.TTN_TENANT,
        apiKey,
        origin: { seed, applicationId },
        schedule,
        clock: systemClock,
        stop: { durationMs: Number.POSITIVE_INFINITY },
        signal: stop.signal,
        onPublish: (topic, message) => log(`${topic} f_cnt ${message.uplink_message.f_cnt ?? 0}`),
      });
    } catch (error) {
      log(`${applicationId}: cannot publish to ${env.TTN_MQTT_URL} (${String(error)}), trying again in 2 s`);
      await systemClock.sleep(2_000, stop.signal);
    }
  }
}

const simulation = simulate();
closeOnSignal(async () => {
  stop.abort();
  await simulation;
}, log);
await simulation;
