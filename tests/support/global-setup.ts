import { randomBytes } from 'node:crypto';

import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type {} from './context'; // brings in the ProvidedContext keys

import { readTestEnvironment } from './test-env';

/** Creates a fresh database for this test run and drops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = readTestEnvironment();
  const name = `clair_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: env.CLAIR_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(env.CLAIR_PG_URL);
  url.pathname = `/${name}`;
  project.provide('testEnv', env);
  project.provide('databaseUrl', url.toString());

  return async () => {
    const client = new pg.Client({ connectionString: env.CLAIR_PG_URL });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
