import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { type NodeProtocol, nodeProtocols } from '../../services/domain/nodes/node-id';
import { ForwarderEnv } from '../../services/forwarder/env';
import { startForwarder } from '../../services/forwarder/forwarder';
import { silentLog } from '../../services/forwarder/log';
import { ttnUplinkDecoder } from '../../services/domain/ttn/uplink-decoding';
import { buildApp, type ManagairApp } from '../../services/managair/app';
import type { PublishedUplinks } from './paced-traffic';

/** One forwarder of the rig, seen from outside as an operator sees it: /health and /metrics. */
export interface RigForwarder {
  protocol: NodeProtocol;
  /** Unique per rig: a retained session of an earlier run can never deliver into this one. */
  applicationId: string;
  /** The value of a counter or gauge, summed over its labels (0 before it has any). */
  metric: (name: string) => Promise<number>;
  /** Why ingestair does not take the forwarder's batches, while that lasts. */
  ingestFailing: () => Promise<string | null>;
}

export interface PipelineRig {
  forwarders: RigForwarder[];
  /** An ingestair outage: stop it, and start it again on the same port. */
  ingest: { stop: () => Promise<void>; start: () => Promise<void> };
  /** Uplinks all forwarders have received so far. */
  received: () => Promise<number>;
  /** Resolves once the forwarders have received what was published to them and emptied their spools. */
  delivered: (published: readonly PublishedUplinks[], timeoutMs: number) => Promise<void>;
  close: () => Promise<void>;
}

const ingestToken = randomBytes(24).toString('hex');
/** Every uplink a forwarder handled went one of these ways; together they equal those received. */
const handledMetrics = [
  'clair_forwarder_uplinks_decoded_total',
  'clair_forwarder_uplinks_rejected_total',
  'clair_forwarder_uplinks_skipped_total',
];

/**
 * The stack's path from the broker to PostgreSQL, in this process: an ingestair on `databaseUrl`
 * (already migrated) and one forwarder per protocol, each with a TTN application and a spool of
 * its own, as the stack runs clairchen_forwarder and ers_forwarder.
 */
export async function startPipelineRig(mqttUrl: string, databaseUrl: string): Promise<PipelineRig> {
  const ingest = await startIngestair(databaseUrl);
  const spoolRoot = await mkdtemp(join(tmpdir(), 'clair-pipeline-'));
  const run = randomUUID().slice(0, 8);
  const started = await Promise.all(
    nodeProtocols.map(async (protocol) => {
      const env = ForwarderEnv.parse({
        TTN_MQTT_URL: mqttUrl,
        TTN_APPLICATION_ID: `pipeline-${run}-${protocol.toLowerCase()}`,
        TTN_API_KEY: 'NNSXS.PIPELINE',
        FORWARDER_PROTOCOL: protocol,
        INGEST_URL: `http://127.0.0.1:${ingest.port}/ingest/v1/ingest/`,
        INGEST_TOKEN: ingestToken,
        SPOOL_DIR: join(spoolRoot, protocol),
        HOST: '127.0.0.1',
        PORT: '0',
        BATCH_LINGER_MS: '50',
      });
      const forwarder = await startForwarder(env, {
        decode: ttnUplinkDecoder(protocol),
        log: silentLog,
        minBackoffMs: 50,
        minReconnectMs: 50,
      });
      const base = `http://127.0.0.1:${forwarder.port}`;
      const health = async () => (await (await fetch(`${base}/health`)).json()) as ForwarderHealth;
      const rigForwarder: RigForwarder = {
        protocol,
        applicationId: env.TTN_APPLICATION_ID,
        metric: async (name) => metricValue(await (await fetch(`${base}/metrics`)).text(), name),
        ingestFailing: async () => (await health()).ingest.failing,
      };
      // It subscribes right after connecting, long before a publisher could connect and publish.
      await waitFor(async () => (await health()).mqtt.connected, 30_000, `${protocol} forwarder connected to MQTT`);
      return { rigForwarder, forwarder, health };
    }),
  );
  const forwarders = started.map(({ rigForwarder }) => rigForwarder);

  const received = async () =>
    sum(await Promise.all(forwarders.map((f) => f.metric('clair_forwarder_uplinks_received_total'))));

  return {
    forwarders,
    ingest,
    received,
    delivered: async (published, timeoutMs) => {
      const done = async ({ rigForwarder, health }: (typeof started)[number]) => {
        const receivedHere = await rigForwarder.metric('clair_forwarder_uplinks_received_total');
        const handled = sum(await Promise.all(handledMetrics.map((name) => rigForwarder.metric(name))));
        const sent = published.find(({ forwarder }) => forwarder === rigForwarder)?.messages.length ?? 0;
        return receivedHere >= sent && handled === receivedHere && (await health()).spool.samples === 0;
      };
      await waitFor(
        async () => (await Promise.all(started.map(done))).every(Boolean),
        timeoutMs,
        'every forwarder received all uplinks and emptied its spool',
      );
    },
    close: async () => {
      await Promise.all(started.map(({ forwarder }) => forwarder.close(0)));
      await ingest.stop();
      await rm(spoolRoot, { recursive: true, force: true });
    },
  };
}

interface ForwarderHealth {
  mqtt: { connected: boolean };
  spool: { samples: number };
  ingest: { failing: string | null };
}

/** An in-process ingestair, stopped and started again on the port it first got. */
async function startIngestair(databaseUrl: string) {
  let app: ManagairApp['app'] | undefined;
  let port = 0;
  const start = async () => {
    const built = buildApp({ mode: 'ingest', databaseUrl, ingestToken, logLevel: 'silent', schemaPollMs: 100 });
    await built.app.listen({ host: '127.0.0.1', port });
    await built.schemaReady();
    app = built.app;
    port = (app.server.address() as { port: number }).port;
  };
  await start();
  return {
    get port() {
      return port;
    },
    start,
    stop: async () => {
      await app?.close();
      app = undefined;
    },
  };
}

/** Polls `condition` until it holds; fails naming what it waited for. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s in vain for: ${what}`);
    await sleep(50);
  }
}

function metricValue(exposition: string, name: string): number {
  return sum(
    exposition
      .split('\n')
      .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
      .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1))),
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
