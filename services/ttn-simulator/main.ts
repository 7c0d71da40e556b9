/**
 * The dev stack's simulated sensors (docker-compose.dev.yml, ttn_simulator): registers them in
 * managair's database, then publishes their uplinks to the simulated TTN until stopped, each kind
 * in the application that its forwarder subscribes to. There are no OY1012 nodes: the stack has
 * no forwarder for them. cli.ts is the same simulator by hand.
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
import { defaultEpoch, UplinkSchedule } from './uplink-schedule';

// The simulated TTN lets anyone in; on TTN this would be the application's API key.
const apiKey = 'NNSXS.SIMULATOR';

const env = loadEnv(SimulatorEnv);
const seed = env.TTN_SIMULATOR_SEED;
const applications: [NodeProtocol, string][] = [
  ['CLAIRCHEN', env.CLAIRCHEN_TTN_APPLICATION_ID],
  ['ELSYSERS', env.ERS_TTN_APPLICATION_ID],
];
const nodes = simulatedInventory(seed, env.TTN_SIMULATOR_NODES).filter((node) =>
  applications.some(([protocol]) => protocol === node.protocol),
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
  log(`publishing ${nodes.length} nodes' uplinks every ${env.TTN_SIMULATOR_INTERVAL_S} s to ${env.TTN_MQTT_URL}`);
  await Promise.all(applications.map(([protocol, applicationId]) => publishUntilStopped(protocol, applicationId)));
}

/**
 * Publishes one application's uplinks until stopped. On a fresh deploy the broker may not be up
 * (or resolvable) yet, and exiting would count as a failed deploy: so connecting is retried.
 */
async function publishUntilStopped(protocol: NodeProtocol, applicationId: string): Promise<void> {
  const schedule = new UplinkSchedule(
    nodes.filter((node) => node.protocol === protocol),
    { seed, epoch: new Date(defaultEpoch), uplinkIntervalS: env.TTN_SIMULATOR_INTERVAL_S },
  );
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
