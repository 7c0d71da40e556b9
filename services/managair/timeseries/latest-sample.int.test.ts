import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../test-database';
import { latestSampleOfNode, latestSamplesOfInstallations, latestSamplesOfNodes } from './latest-sample';
import { nodeA, nodeB, nodeWithoutSamples, samplesA, seedSamples, type SeededInstallations } from './test-samples';

let testDb: TestDatabase;
let installations: SeededInstallations;
const unknownNode = 'ffffffff-0000-1111-2222-333333333333';

beforeAll(async () => {
  testDb = await createTestDatabase();
  installations = await seedSamples(testDb.database.db);
});

afterAll(async () => {
  await testDb.drop();
});

describe('latestSampleOfNode', () => {
  it('gives the newest sample, whatever the insertion order', async () => {
    expect(await latestSampleOfNode(testDb.database.db, nodeA)).toEqual(samplesA.april1);
  });

  it('gives null for a node without samples', async () => {
    expect(await latestSampleOfNode(testDb.database.db, nodeWithoutSamples)).toBeNull();
  });
});

describe('latestSamplesOfNodes', () => {
  it('gives every requested node its latest sample or null, in one call', async () => {
    const latest = await latestSamplesOfNodes(testDb.database.db, [nodeA, nodeWithoutSamples, nodeB, unknownNode]);
    expect(latest).toEqual(
      new Map([
        [nodeA, samplesA.april1],
        [nodeWithoutSamples, null],
        [
          nodeB,
          {
            timestamp_s: 5000,
            co2_ppm: 500,
            temperature_celsius: null,
            rel_humidity_percent: null,
            measurement_status: 'M',
          },
        ],
        [unknownNode, null],
      ]),
    );
  });

  it('keys the result by the ids as given', async () => {
    const upper = nodeA.toUpperCase();
    const latest = await latestSamplesOfNodes(testDb.database.db, [upper]);
    expect(latest.get(upper)?.timestamp_s).toBe(samplesA.april1.timestamp_s);
  });

  it('gives an empty map for an empty list', async () => {
    expect(await latestSamplesOfNodes(testDb.database.db, [])).toEqual(new Map());
  });
});

describe('latestSamplesOfInstallations', () => {
  it('takes the latest sample within each installation period', async () => {
    const latest = await latestSamplesOfInstallations(testDb.database.db, [
      installations.first,
      installations.second,
      installations.onNodeWithoutSamples,
      '999999',
    ]);
    // Node B's newest sample is 5000, but the first installation ended at 4000.
    expect([...latest].map(([id, sample]) => [id, sample?.timestamp_s ?? null])).toEqual([
      [installations.first, 4000],
      [installations.second, 5000],
      [installations.onNodeWithoutSamples, null],
      ['999999', null],
    ]);
  });
});
