import { randomBytes } from 'node:crypto';

import pg from 'pg';

export interface EmptyDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A new, empty database on the test cluster, created and dropped as its admin (`adminUrl`), for
 * benchmarks and end-to-end tests: tests/support/scratch-database.ts needs vitest's inject, which
 * they lack. `prefix` names what it is for, so that one left behind tells where it came from.
 */
export async function createEmptyDatabase(adminUrl: string, prefix: string): Promise<EmptyDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const asAdmin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
