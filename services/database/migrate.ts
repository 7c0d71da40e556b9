import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';

import * as initialSchema from './migrations/0001-initial-schema';
import * as accounts from './migrations/0002-accounts';
import * as sampleHours from './migrations/0003-sample-hours';
import type { Database } from './tables';

/**
 * Every migration, in order. Listed here rather than read from a folder so that the bundled
 * image carries them. Migrations only go forward: none has a `down`; a mistake is mended by the
 * next migration.
 */
const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-accounts': accounts,
  '0003-sample-hours': sampleHours,
};

function migrator(db: Kysely<Database>): Migrator {
  // Kysely serialises concurrent runs with a row lock on the lock table, so replicas that start
  // together apply each migration exactly once.
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export interface MigrationReport {
  applied: string[];
}

/** Applies every pending migration; throws naming the migration that failed. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const { error, results }: MigrationResultSet = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? `migration ${failed.migrationName}` : 'migrating';
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`${name} failed: ${reason}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** The migrations not yet applied to this database, in order. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
