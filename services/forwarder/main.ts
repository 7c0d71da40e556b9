import { loadEnv } from '../runtime/env';
import { closeOnSignal } from '../runtime/shutdown';
import { ForwarderEnv } from './env';
import { subscribeToUplinks } from './uplink-subscription';

const log = (message: string): void => console.log(`[forwarder] ${message}`);
const env = loadEnv(ForwarderEnv);
// Decoding and forwarding to ingestair arrive with the sensor domain; until then the forwarder
// proves its connection by reporting each uplink it receives.
const subscription = await subscribeToUplinks(
  env,
  (uplink) => log(`uplink from ${uplink.topic.deviceId} (${uplink.body.length} bytes)`),
  log,
);
log(`subscribed to ${env.TTN_APPLICATION_ID}'s uplinks at ${env.TTN_MQTT_URL}`);
closeOnSignal(() => subscription.close(), log);
