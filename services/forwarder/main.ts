import { loadEnv } from '../runtime/env';
import { closeOnSignal } from '../runtime/shutdown';
import { deadLettersCommand } from './dead-letters-command';
import { ForwarderEnv } from './env';
import { startForwarder } from './forwarder';
import { jsonLog } from './log';
import { ttnUplinkDecoder } from '../domain/ttn/uplink-decoding';

/** Within docker's default 10 s stop timeout: the rest stays spooled for the next start. */
const flushMs = 7_000;

const [command = 'serve', ...args] = process.argv.slice(2);
if (command === 'dead-letters') {
  process.exitCode = await deadLettersCommand(args);
} else if (command === 'serve') {
  const log = jsonLog();
  const env = loadEnv(ForwarderEnv);
  const forwarder = await startForwarder(env, { decode: ttnUplinkDecoder(env.FORWARDER_PROTOCOL), log });
  log('info', 'forwarder started', {
    application: env.TTN_APPLICATION_ID,
    protocol: env.FORWARDER_PROTOCOL,
    port: forwarder.port,
  });
  closeOnSignal(
    () => forwarder.close(flushMs),
    (message) => log('info', message),
  );
} else {
  console.error('usage: forwarder [serve] | forwarder dead-letters list|replay [--reason …]');
  process.exitCode = 2;
}
