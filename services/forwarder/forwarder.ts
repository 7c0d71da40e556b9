import { DeadLetterStore } from './dead-letter-store';
import { replayDeadLetters } from './dead-letter-replay';
import type { ForwarderEnv } from './env';
import { buildHttpServer } from './http-server';
import { ingestClient } from './ingest-client';
import type { Log } from './log';
import { createMetrics } from './metrics';
import { Spool } from './spool';
import { SpoolSender } from './spool-sender';
import { uplinkHandler } from './uplink-handler';
import type { DecodeUplink } from '../domain/ttn/uplink-decoding';
import { subscribeToUplinks } from './uplink-subscription';

export interface ForwarderOptions {
  decode: DecodeUplink;
  log: Log;
  /** Tests shorten the waits between retries. */
  minBackoffMs?: number;
  minReconnectMs?: number;
}

export interface Forwarder {
  /** The HTTP port actually listened on (PORT 0 picks a free one). */
  port: number;
  /** Stops consuming, sends what it can within `flushMs`, closes; the rest stays spooled. */
  close: (flushMs: number) => Promise<void>;
}

/** Opens the spool and dead letters, starts the sender and the HTTP port, then subscribes. */
export async function startForwarder(env: ForwarderEnv, options: ForwarderOptions): Promise<Forwarder> {
  const { log } = options;
  const spool = await Spool.open(env.SPOOL_DIR);
  const deadLetters = await DeadLetterStore.open(env.SPOOL_DIR);
  const metrics = createMetrics(spool);
  if (spool.size > 0) log('info', 'spooled samples from an earlier run are pending', { spooled: spool.size });

  const sender = new SpoolSender(spool, deadLetters, ingestClient(env.INGEST_URL, env.INGEST_TOKEN), metrics, log, {
    batchSize: env.BATCH_SIZE,
    lingerMs: env.BATCH_LINGER_MS,
    ...(options.minBackoffMs === undefined ? {} : { minBackoffMs: options.minBackoffMs }),
  });
  const subscription = subscribeToUplinks(
    {
      url: env.TTN_MQTT_URL,
      applicationId: env.TTN_APPLICATION_ID,
      tenant: env.TTN_TENANT,
      apiKey: env.TTN_API_KEY,
      ...(env.TTN_CA === undefined ? {} : { ca: env.TTN_CA }),
      ...(options.minReconnectMs === undefined ? {} : { minReconnectMs: options.minReconnectMs }),
    },
    uplinkHandler({ protocol: env.FORWARDER_PROTOCOL, decode: options.decode, spool, deadLetters, metrics, log }),
    log,
    (state) => metrics.connected.set(state.connected ? 1 : 0),
  );
  const http = buildHttpServer({
    subscription,
    spool,
    deadLetters,
    metrics,
    ingestFailing: () => sender.failing,
    replay: async (reason) => {
      const result = await deadLetters.replay(reason, (letters) =>
        replayDeadLetters(letters, env.FORWARDER_PROTOCOL, options.decode, spool),
      );
      log('info', 'dead letters replayed', { reason: reason ?? 'any', ...result });
      return result;
    },
  });
  await http.listen({ host: env.HOST, port: env.PORT });
  const address = http.server.address();

  return {
    port: typeof address === 'object' && address ? address.port : env.PORT,
    close: async (flushMs) => {
      await subscription.close();
      await sender.stop(flushMs);
      await http.close();
      await spool.close();
      log('info', 'forwarder stopped', { spooled: spool.size });
    },
  };
}
