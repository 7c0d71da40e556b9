import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { type Kysely, sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import * as initialSchema from '../../database/migrations/0001-initial-schema';
import * as accounts from '../../database/migrations/0002-accounts';
import * as sampleHours from '../../database/migrations/0003-sample-hours';
import type { Database } from '../../database/tables';
import { insertTestInventory } from '../../database/test-inventory';
import { loadFixture } from '../../fixtures/fixture-loader';
import { createFixtureTestDatabase, type FixtureTestDatabase } from '../../fixtures/fixture-test-database';
import { storeSamples } from '../ingest/store-samples';
import { createTestDatabase, fixtureNodes, type TestDatabase } from '../test-database';
import { nodeA, nodeB, utc } from './test-samples';

/**
 * The rows of sample_hours that differ from an aggregation of samples from scratch, from either
 * side, labelled; [] when the rollup is exact. Also the number of rollup rows, so that an empty
 * rollup of an empty table does not pass unnoticed.
 */
async function rollupDrift(db: Kysely<Database>): Promise<{ drift: unknown[]; hours: number; samples: number }> {
  const { rows } = await sql<{ side: string }>`
    WITH fresh AS (
      SELECT node_id, timestamp_s - timestamp_s % 3600 AS hour_s, count(*) AS sample_count,
        sum(co2_ppm) AS co2_sum, min(co2_ppm) AS co2_min, max(co2_ppm) AS co2_max,
        count(temperature_celsius) AS temperature_count, coalesce(sum(temperature_celsius), 0) AS temperature_sum,
        min(temperature_celsius) AS temperature_min, max(temperature_celsius) AS temperature_max,
        count(rel_humidity_percent) AS humidity_count, coalesce(sum(rel_humidity_percent), 0) AS humidity_sum,
        min(rel_humidity_percent) AS humidity_min, max(rel_humidity_percent) AS humidity_max
      FROM samples GROUP BY 1, 2
    ),
    kept AS (SELECT * FROM sample_hours)
    (SELECT 'missing' AS side, * FROM (SELECT * FROM fresh EXCEPT ALL SELECT * FROM kept) AS m)
    UNION ALL
    (SELECT 'stale', * FROM (SELECT * FROM kept EXCEPT ALL SELECT * FROM fresh) AS s)`.execute(db);
  const counts = await sql<{ hours: number; samples: number }>`
    SELECT (SELECT count(*)::int FROM sample_hours) AS hours, (SELECT count(*)::int FROM samples) AS samples`.execute(
    db,
  );
  return { drift: rows, ...counts.rows[0]! };
}

async function expectExactRollup(db: Kysely<Database>, samples: number): Promise<void> {
  const { drift, hours, samples: stored } = await rollupDrift(db);
  expect(drift).toEqual([]);
  expect(stored).toBe(samples);
  if (samples > 0) expect(hours).toBeGreaterThan(0);
}

const start = utc(2024, 5, 6, 10);

/** `count` samples of a node from `first`, `step` seconds apart, with a null now and then. */
function sampleRows(nodeId: string, first: number, count: number, step: number, co2Offset = 0) {
  return Array.from({ length: count }, (_, i) => ({
    node_id: nodeId,
    timestamp_s: first + i * step,
    co2_ppm: 400 + ((i * 37 + co2Offset) % 1200),
    temperature_celsius: i % 7 === 3 ? null : ((150 + ((i * 13) % 250)) / 10).toFixed(1),
    rel_humidity_percent: i % 5 === 2 ? null : 20 + ((i * 11) % 70),
  }));
}

describe('sample_hours kept by triggers', () => {
  let testDb: TestDatabase;
  let db: Kysely<Database>;
  let stored = 0;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.database.db;
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('adds a multi-row INSERT, across hours and nodes, to what is there', async () => {
    await db
      .insertInto('samples')
      .values([...sampleRows(nodeA, start + 17, 200, 97), ...sampleRows(nodeB, start, 50, 300)])
      .execute();
    await db
      .insertInto('samples')
      .values(sampleRows(nodeA, start + 20_000, 30, 61, 5))
      .execute();
    stored = 280;
    await expectExactRollup(db, stored);
  });

  it('counts only the rows that INSERT … ON CONFLICT DO NOTHING inserted', async () => {
    // The first 200 have keys already stored, with other values that must not count either.
    const rows = sampleRows(nodeA, start + 17, 220, 97, 501);
    const inserted = await db
      .insertInto('samples')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    expect(Number(inserted.numInsertedOrUpdatedRows)).toBe(20);
    stored += 20;
    await expectExactRollup(db, stored);
  });

  it('counts what ingest stores and nothing of its duplicates', async () => {
    const batch = [...sampleRows(nodeB, start, 60, 300, 3), ...sampleRows(nodeB, start + 40 * 300, 20, 300)].map(
      (row) => ({ ...row, measurement_status: 'M' as const }),
    );
    const outcomes = await storeSamples(testDb.database.pool, batch);
    // 50 are stored already, 10 are new, and the last 20 repeat keys of the batch's own first part.
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(10);
    stored += 10;
    await expectExactRollup(db, stored);
  });

  it('adds rows that COPY writes', async () => {
    const lines = sampleRows(nodeA, start + 400_000, 500, 53).map(
      (r) =>
        `${r.node_id}\t${r.timestamp_s}\t${r.co2_ppm}\t${r.temperature_celsius ?? '\\N'}\t${r.rel_humidity_percent ?? '\\N'}\n`,
    );
    const client = await testDb.database.pool.connect();
    try {
      await pipeline(
        Readable.from([lines.join('')]),
        client.query(
          copyFrom(
            'COPY samples (node_id, timestamp_s, co2_ppm, temperature_celsius, rel_humidity_percent) FROM STDIN',
          ),
        ),
      );
    } finally {
      client.release();
    }
    stored += 500;
    await expectExactRollup(db, stored);
  });

  it('recomputes the hours a DELETE touches, dropping those left empty', async () => {
    // All of one hour and a part of others.
    const hour = start + 400_000 - ((start + 400_000) % 3600) + 3600;
    const whole = await db
      .deleteFrom('samples')
      .where('node_id', '=', nodeA)
      .where('timestamp_s', '>=', hour)
      .where('timestamp_s', '<', hour + 3600)
      .executeTakeFirst();
    const part = await db
      .deleteFrom('samples')
      .where('node_id', '=', nodeA)
      .where('timestamp_s', '>=', start + 1000)
      .where('timestamp_s', '<', start + 6000)
      .executeTakeFirst();
    stored -= Number(whole.numDeletedRows) + Number(part.numDeletedRows);
    expect(Number(whole.numDeletedRows)).toBeGreaterThan(0);
    const left = await db
      .selectFrom('sample_hours')
      .select('hour_s')
      .where('node_id', '=', nodeA)
      .where('hour_s', '=', hour)
      .execute();
    expect(left).toEqual([]);
    await expectExactRollup(db, stored);
  });

  it('recomputes the old and new hours of an UPDATE', async () => {
    await db
      .updateTable('samples')
      .set({ timestamp_s: sql`timestamp_s + 7200`, co2_ppm: 9000 })
      .where('node_id', '=', nodeB)
      .where('timestamp_s', '>', start + 50 * 300)
      .execute();
    await expectExactRollup(db, stored);
  });

  it('drops the hours of a deleted node', async () => {
    const removed = await db
      .selectFrom('samples')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('node_id', '=', nodeB)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('nodes').where('id', '=', nodeB).execute();
    stored -= removed.n;
    const hoursOfB = await db.selectFrom('sample_hours').select('hour_s').where('node_id', '=', nodeB).execute();
    expect(hoursOfB).toEqual([]);
    await expectExactRollup(db, stored);
  });

  it('empties with TRUNCATE', async () => {
    await sql`TRUNCATE samples`.execute(db);
    await expectExactRollup(db, 0);
    expect((await rollupDrift(db)).hours).toBe(0);
  });
});

describe('sample_hours after loading the original fixtures', () => {
  let test: FixtureTestDatabase;
  beforeAll(async () => {
    test = await createFixtureTestDatabase();
  });
  afterAll(async () => {
    await test.drop();
  });

  it('matches the samples after a load and after loading the same data again', async () => {
    const originals = join(import.meta.dirname, '../../fixtures/original');
    const client = await test.database.pool.connect();
    try {
      for (const name of [
        'user-fixtures.json',
        'inventory-fixtures.json',
        'data-fixtures.json',
        'data-fixtures.json',
      ]) {
        await loadFixture(client, { name, open: () => createReadStream(join(originals, name)), rereadable: true });
        if (name === 'data-fixtures.json') await expectExactRollup(test.database.db, 3855);
      }
    } finally {
      client.release();
    }
  });
});

describe('the migration', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('builds the rollup of the samples stored before it', async () => {
    const db = testDb.database.db;
    // Migrations are written against no schema at all.
    const bare = db as Kysely<unknown>;
    await initialSchema.up(bare);
    await accounts.up(bare);
    await insertTestInventory(
      db,
      'Test school',
      fixtureNodes.map((id) => ({ id })),
    );
    await db
      .insertInto('samples')
      .values([...sampleRows(nodeA, start, 300, 41), ...sampleRows(nodeB, start + 5, 300, 43)])
      .execute();
    await sampleHours.up(bare);
    await expectExactRollup(db, 600);
  });
});
