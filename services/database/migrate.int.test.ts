import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase, type ScratchDatabase } from '../../tests/support/scratch-database';
import { type DatabaseHandle, openDatabase } from './connection';
import { migrateToLatest, pendingMigrations } from './migrate';

describe('migrations', () => {
  let scratch: ScratchDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    handle = openDatabase(scratch.url, () => undefined);
  });
  afterAll(async () => {
    await handle.close();
    await scratch.drop();
  });

  it('build the whole schema from an empty database', async () => {
    expect(await pendingMigrations(handle.db)).toEqual(['0001-initial-schema', '0002-accounts', '0003-sample-hours']);
    expect(await migrateToLatest(handle.db)).toEqual({
      applied: ['0001-initial-schema', '0002-accounts', '0003-sample-hours'],
    });
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(
      handle.db,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'addresses',
        'auth_tokens',
        'email_addresses',
        'email_confirmations',
        'login_attempts',
        'password_resets',
        'sessions',
        'installations',
        'memberships',
        'node_fidelity',
        'node_model_quantities',
        'node_models',
        'nodes',
        'organizations',
        'protocols',
        'quantities',
        'rooms',
        'sample_hours',
        'samples',
        'sites',
        'users',
      ]),
    );
    expect(await pendingMigrations(handle.db)).toEqual([]);
  });

  it('apply each migration once when replicas start together', async () => {
    const fresh = await createScratchDatabase();
    const racers = Array.from({ length: 3 }, () => openDatabase(fresh.url, () => undefined, 2));
    try {
      const reports = await Promise.all(racers.map((r) => migrateToLatest(r.db)));
      expect(reports.flatMap((r) => r.applied)).toEqual(['0001-initial-schema', '0002-accounts', '0003-sample-hours']);
    } finally {
      await Promise.all(racers.map((r) => r.close()));
      await fresh.drop();
    }
  });
});
