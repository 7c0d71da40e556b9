import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type DatabaseHandle, openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { testEnvironment } from '../support/context';
import { freePort } from '../support/docker-cli';
import { PrivatePostgres } from '../support/private-postgres';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import { expectedSamples, storedSamples, uplinkSamples } from './expected-samples';
import { publishFleetUplinks, type PublishedUplinks, type TrafficOptions } from './paced-traffic';
import { type PipelineRig, startPipelineRig, waitFor } from './pipeline-rig';
import { registerSimulatedNodes } from '../../services/ttn-simulator/node-registry';

/** Limits for waits that end as soon as their condition holds, not speed targets. */
const stageTimeoutMs = 60_000;

let postgres: PrivatePostgres;
let database: DatabaseHandle;
beforeAll(async () => {
  postgres = await PrivatePostgres.create(await freePort());
  // The test's own connections drop when it stops the database; they reconnect on the next query.
  database = openDatabase(postgres.url, () => undefined, 2);
  await migrateToLatest(database.db);
});
afterAll(async () => {
  await database?.close();
  await postgres?.destroy();
});

let rig: PipelineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

interface Traffic {
  nodeIds: string[];
  /** Resolves once publishing is done. */
  published: Promise<PublishedUplinks[]>;
}

/** Registers `nodesPerKind` simulated nodes of each kind and starts publishing uplinks over them. */
async function startTraffic(
  pipeline: PipelineRig,
  nodesPerKind: number,
  traffic: Omit<TrafficOptions, 'brokerUrl' | 'nodes'>,
): Promise<Traffic> {
  const nodes = simulatedInventory(traffic.seed, nodesPerKind);
  await registerSimulatedNodes(database.db, nodes);
  const brokerUrl = testEnvironment().CLAIR_MQTT_URL;
  return {
    nodeIds: nodes.map((node) => node.nodeId),
    published: publishFleetUplinks(pipeline.forwarders, { ...traffic, brokerUrl, nodes }),
  };
}

/** Waits until everything published is delivered, then compares the database with the uplinks. */
async function expectExactlyThePublishedSamples(pipeline: PipelineRig, traffic: Traffic, count: number) {
  const published = await traffic.published;
  expect(published.flatMap(({ messages }) => messages)).toHaveLength(count);
  await pipeline.delivered(published, stageTimeoutMs);

  const expected = expectedSamples(published);
  const stored = await storedSamples(database.db, traffic.nodeIds);
  expect(stored.length).toBe(expected.length);
  expect(stored).toEqual(expected);
  return expected;
}

describe('pipeline: simulated TTN uplinks through MQTT, forwarders and ingestair into PostgreSQL', () => {
  it('stores exactly the samples of every kind of node that were published, overlapping ones once', async () => {
    const pipeline = await startPipelineRig(testEnvironment().CLAIR_MQTT_URL, postgres.url);
    rig = pipeline;
    const count = 24;
    // Clairchen samples 178 s apart and ERS 356 s apart: at this interval their uplinks repeat
    // samples of the ones before them, to the second.
    const traffic = await startTraffic(pipeline, 2, { seed: 101, count, uplinkIntervalS: 178 });

    const expected = await expectExactlyThePublishedSamples(pipeline, traffic, count);
    const published = await traffic.published;
    const carried = published.flatMap(({ forwarder, messages }) =>
      messages.flatMap((message) => uplinkSamples(forwarder.protocol, message)),
    );
    expect(expected.length).toBeLessThan(carried.length);
    // Every node, of all three kinds, sent something that arrived.
    const nodesWithSamples = new Set(expected.map((sample) => sample.nodeId));
    expect([...nodesWithSamples].sort()).toEqual([...traffic.nodeIds].sort());
  });

  it('loses and duplicates nothing while ingestair restarts and PostgreSQL stops and starts under load', async () => {
    const pipeline = await startPipelineRig(testEnvironment().CLAIR_MQTT_URL, postgres.url);
    rig = pipeline;
    const count = 10_000;
    const traffic = await startTraffic(pipeline, 5, { seed: 202, count });
    const receivedAtLeast = (n: number) =>
      waitFor(async () => (await pipeline.received()) >= n, stageTimeoutMs, `${n} uplinks received`);
    const someForwarderFailing = (because: string) =>
      waitFor(
        async () =>
          (await Promise.all(pipeline.forwarders.map((f) => f.ingestFailing()))).some((failing) =>
            failing?.includes(because),
          ),
        stageTimeoutMs,
        `a forwarder failing to deliver: ${because}`,
      );

    await receivedAtLeast(2_000);
    await pipeline.ingest.stop();
    await someForwarderFailing('ECONNREFUSED');
    await receivedAtLeast(4_000);
    await pipeline.ingest.start();

    await receivedAtLeast(6_000);
    await postgres.stop();
    await someForwarderFailing('HTTP 503');
    await receivedAtLeast(8_000);
    await postgres.start();

    await expectExactlyThePublishedSamples(pipeline, traffic, count);
  }, 240_000);
});
