import { createScratchDatabase } from '../../tests/support/scratch-database';
import { type DatabaseHandle, openDatabase } from '../database/connection';
import { migrateToLatest } from '../database/migrate';
import { insertTestInventory } from '../database/test-inventory';

/** For integration tests: a scratch database of a test file's own, with or without the schema. */
export interface TestDatabase {
  url: string;
  database: DatabaseHandle;
  /** Applies the migrations and adds the fixtures (done at creation unless `migrated: false`). */
  migrate: () => Promise<void>;
  drop: () => Promise<void>;
}

/** Two nodes of one organization; their ids are the original's style (not RFC 4122). */
export const fixtureNodes = ['66b8ccaa-90b9-2d24-bf59-0ea9e23b3bb4', '0ad4e2b3-7f0e-9c6a-1d5b-3e8f27c4a910'] as const;

export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const scratch = await createScratchDatabase();
  const database = openDatabase(scratch.url, () => undefined, 3);
  const migrate = async (): Promise<void> => {
    await migrateToLatest(database.db);
    await insertTestInventory(
      database.db,
      'Test school',
      fixtureNodes.map((id) => ({ id })),
    );
  };
  if (migrated) await migrate();
  return {
    url: scratch.url,
    database,
    migrate,
    drop: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
