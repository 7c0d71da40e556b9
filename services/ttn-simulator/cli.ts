import { parseCliOptions } from './cli-options';
import { systemClock } from './clock';
import { publishUplinks } from './mqtt-publisher';
import { simulatedInventory } from './simulated-nodes';
import { storageServer, trafficReadRight } from './storage-server';
import { modelHistory } from './uplink-history';
import { UplinkSchedule } from './uplink-schedule';

const usage = `TTN simulator: simulated CO2 nodes publishing TTN v3 uplinks over MQTT and a Storage
Integration HTTP API serving the same history (see services/ttn-simulator/README.md).

Usage: npx tsx services/ttn-simulator/cli.ts [options]

  --broker URL          publish uplinks to this MQTT broker (e.g. mqtt://127.0.0.1:51883)
  --app ID              TTN application id (default clair-sim)
  --tenant ID           tenant for the MQTT username and topics (default ttn; "" for none)
  --api-key KEY         MQTT password and the Storage API key (default NNSXS.SIMULATOR)
  --nodes N             nodes of each kind: Clairchen, ERS CO2, OY1012 (default 1)
  --rate R              uplinks per second over all nodes
  --interval D          seconds between one node's uplinks, e.g. 30s or 10m
                        (without --rate or --interval each kind keeps its firmware's pace)
  --duration D          publish for this long, e.g. 60s (default: until Ctrl-C)
  --count N             publish this many uplinks
  --storage-port P      serve the Storage Integration on 127.0.0.1:P (0 picks a port)
  --rate-limit N        Storage requests per minute and key before 429
  --error-after N       end each Storage stream with an error object after N results
  --simulated           mark uplinks "simulated": true
  --seed N              the seed every value derives from (default 1)
  --epoch T             when the devices joined, RFC 3339 (default 2024-01-01T00:00:00Z)
  --inventory           print the nodes as JSON and exit
  --help                this text
`;

const parsed = parseCliOptions(process.argv.slice(2));
if (!parsed.ok) {
  for (const error of parsed.errors) console.error(error);
  console.error('\nSee --help.');
  process.exit(2);
}
const options = parsed.options;
if (options.help) {
  console.log(usage);
  process.exit(0);
}
const nodes = simulatedInventory(options.seed, options.nodes);
if (options.inventory) {
  console.log(JSON.stringify(nodes, null, 2));
  process.exit(0);
}

const tenant = options.tenant === '' ? undefined : options.tenant;
const uplinkIntervalS =
  options.rate !== undefined
    ? nodes.length / options.rate
    : options.interval !== undefined
      ? options.interval / 1000
      : undefined;
const schedule = new UplinkSchedule(nodes, { seed: options.seed, epoch: new Date(options.epoch), uplinkIntervalS });
const origin = { seed: options.seed, applicationId: options.app, simulated: options.simulated };

console.log(`seed ${options.seed}, application ${options.app}${tenant ? `@${tenant}` : ''}, ${nodes.length} nodes:`);
for (const node of nodes) {
  const every = (schedule.intervalMs(node) / 1000).toFixed(1);
  console.log(`  ${node.alias.padEnd(16)} ${node.deviceId}  node ${node.nodeId}  every ${every}s`);
}

const abort = new AbortController();
let server: ReturnType<typeof storageServer> | undefined;
const shutdown = () => {
  abort.abort();
  void server?.close();
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

if (options['storage-port'] !== undefined) {
  server = storageServer({
    applicationId: options.app,
    history: modelHistory(schedule, origin),
    apiKeys: [{ key: options['api-key'], applicationId: options.app, rights: [trafficReadRight] }],
    now: () => systemClock.now(),
    rateLimitPerMinute: options['rate-limit'],
    errorAfterResults: options['error-after'],
  });
  const address = await server.listen({ host: '127.0.0.1', port: options['storage-port'] });
  console.log(`Storage Integration on ${address}, e.g.:`);
  console.log(
    `  curl -N -H 'Authorization: Bearer ${options['api-key']}' -H 'Accept: text/event-stream' \\\n` +
      `    '${address}/api/v3/as/applications/${options.app}/packages/storage/uplink_message?last=1h'`,
  );
}

if (options.broker !== undefined) {
  const stop =
    options.count !== undefined
      ? { count: options.count }
      : { durationMs: options.duration ?? Number.POSITIVE_INFINITY };
  console.log(`publishing to ${options.broker} as ${options.app}${tenant ? `@${tenant}` : ''}`);
  const published = await publishUplinks({
    brokerUrl: options.broker,
    tenant,
    apiKey: options['api-key'],
    origin,
    schedule,
    clock: systemClock,
    stop,
    signal: abort.signal,
    onPublish: (topic, message) => {
      const uplink = message.uplink_message;
      console.log(`${message.received_at}  ${topic}  f_cnt ${uplink.f_cnt ?? 0}  ${uplink.frm_payload}`);
    },
  });
  console.log(`published ${published} uplinks`);
  if (server && !abort.signal.aborted) console.log('the Storage Integration keeps serving; Ctrl-C stops it');
}
