/**
 * End to end: simulated TTN uplinks of all three kinds published to Mosquitto until all their
 * samples are rows in PostgreSQL, through one forwarder per protocol and ingestair, compared with
 * the plain multi-row INSERT … ON CONFLICT DO NOTHING of the same samples, measured in the same
 * run. Forwarders and ingestair run in this process, beside the publisher: on 2 cores the figure
 * is what one machine running the whole path sustains.
 */
import { sql } from 'kysely';
import pg from 'pg';

import { openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { expectedSamples, type StoredSample } from '../pipeline/expected-samples';
import { publishFleetUplinks } from '../pipeline/paced-traffic';
import { startPipelineRig, waitFor } from '../pipeline/pipeline-rig';
import { registerSimulatedNodes } from '../../services/ttn-simulator/node-registry';
import { createEmptyDatabase } from '../support/empty-database';
import { readTestEnvironment } from '../support/test-env';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import { baselineRowsPerStatement, insertBaseline } from './ingest.bench';
import { type BenchResult, measure } from './measure';

const uplinks = Number(process.env.CLAIR_BENCH_PIPELINE_UPLINKS ?? 5_000);
const nodesPerKind = 5;
const seed = 303;
/** A limit for the run, not a target: the bench fails rather than hang when rows go missing. */
const deliveryTimeoutMs = 300_000;

export async function runPipelineBench(): Promise<BenchResult[]> {
  const env = readTestEnvironment();
  const database = await createEmptyDatabase(env.CLAIR_PG_URL, 'clair_bench_pipeline');
  const handle = openDatabase(database.url, () => undefined, 1);
  try {
    await migrateToLatest(handle.db);
    const nodes = simulatedInventory(seed, nodesPerKind);
    await registerSimulatedNodes(handle.db, nodes);
    const rowCount = async () =>
      Number(
        (
          await handle.db
            .selectFrom('samples')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const rig = await startPipelineRig(env.CLAIR_MQTT_URL, database.url);
    let samples: StoredSample[] = [];
    let endToEnd: BenchResult;
    try {
      endToEnd = await measure(
        `end to end: TTN uplinks via MQTT, 3 forwarders and ingestair into PostgreSQL`,
        uplinks,
        'uplinks',
        async () => {
          const published = await publishFleetUplinks(rig.forwarders, {
            brokerUrl: env.CLAIR_MQTT_URL,
            nodes,
            seed,
            count: uplinks,
          });
          samples = expectedSamples(published);
          await waitFor(async () => (await rowCount()) >= samples.length, deliveryTimeoutMs, 'every sample stored');
        },
      );
    } finally {
      await rig.close();
    }
    if ((await rowCount()) !== samples.length) throw new Error('the pipeline stored other samples than published');

    await sql`TRUNCATE samples`.execute(handle.db);
    const rows = samples.map((sample) => ({
      node: sample.nodeId,
      timestamp: sample.timestampS,
      co2: sample.co2Ppm,
      temperature: sample.temperatureCelsius,
      humidity: sample.relHumidityPercent,
    }));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let baseline: BenchResult;
    try {
      baseline = await measure(
        `postgres INSERT ON CONFLICT DO NOTHING of the same ${samples.length} samples, ${baselineRowsPerStatement} rows/statement`,
        samples.length,
        'samples',
        () => insertBaseline(client, rows),
      );
    } finally {
      await client.end();
    }
    // Both moved the same samples into the same table: the ratio of their rates is that of their times.
    return [baseline, { ...endToEnd, baseline: baseline.name, ratioToBaseline: baseline.seconds / endToEnd.seconds }];
  } finally {
    await handle.close();
    await database.drop();
  }
}
