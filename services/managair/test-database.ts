import { createScratchDatabase } from '../../tests/support/scratch-database';
import { type DatabaseHandle, openDatabase } from '../database/connection';
import { migrateToLatest } from '../database/migrate';

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
    const { db } = database;
    const organization = await db
      .insertInto('organizations')
      .values({ name: 'Test school', description: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const protocol = await db
      .insertInto('protocols')
      .values({ identifier: 'ELSYSERS' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const model = await db
      .insertInto('node_models')
      .values({ name: 'ERS CO2', trade_name: 'ERS CO2', manufacturer: 'Elsys', sensor_type: 'NDIR' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('nodes')
      .values(
        fixtureNodes.map((id, i) => ({
          id,
          eui64: `A81758FFFE0000${String(i).padStart(2, '0')}`,
          alias: `Room ${i + 1}`,
          description: null,
          protocol_id: protocol.id,
          model_id: model.id,
          owner_id: organization.id,
        })),
      )
      .execute();
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
