import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { testEnvironment } from './context';

export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
}

async function asAdmin(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: testEnvironment().CLAIR_PG_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the test cluster, for a test that needs one to itself (migrations
 * from empty, loading into an empty database). Drop it in afterAll.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `clair_scratch_${randomBytes(5).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(testEnvironment().CLAIR_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
