import pg from 'pg';

import { openDatabase } from '../../services/database/connection';
import { migrateToLatest } from '../../services/database/migrate';
import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database';
import { readTestEnvironment } from '../support/test-env';

export type SamplesDatabase = EmptyDatabase;

/**
 * A scratch database migrated to Clair's schema, with `nodes` nodes and `samplesPerNode` samples
 * each (five minutes apart, CO₂ cycling through 400–2399 ppm), analyzed so that the estimates are
 * there. For the Database screen's end-to-end test and its benchmark.
 */
export async function createSamplesDatabase(nodes: number, samplesPerNode: number): Promise<SamplesDatabase> {
  const scratch = await createEmptyDatabase(readTestEnvironment().CLAIR_PG_URL, 'dbconn_scratch');
  const handle = openDatabase(scratch.url, () => undefined);
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO protocols (identifier) VALUES ('ers-co2');
      INSERT INTO node_models (name, trade_name, manufacturer, sensor_type) VALUES ('ERS CO2', 'ERS CO2', 'Elsys', 'NDIR');
      INSERT INTO organizations (name) VALUES ('Test school');
      INSERT INTO nodes (id, eui64, alias, protocol_id, model_id, owner_id)
        SELECT md5('node' || n)::uuid, upper(lpad(to_hex(n), 16, '0')), 'Room ' || n, 1, 1, 1
          FROM generate_series(1, ${nodes}) n;
      -- Bulk rows skip the hourly roll-up trigger: nothing here reads sample_hours.
      ALTER TABLE samples DISABLE TRIGGER USER;
      INSERT INTO samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent)
        SELECT md5('node' || n)::uuid, 1700000000 + i * 300, 400 + (i * 7 + n) % 2000, 20.5, 40 + i % 20
          FROM generate_series(1, ${nodes}) n, generate_series(1, ${samplesPerNode}) i;
      ALTER TABLE samples ENABLE TRIGGER USER;
      ANALYZE;
    `);
  } finally {
    await client.end();
  }
  return scratch;
}
