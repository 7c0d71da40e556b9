import { afterEach, describe, expect, it } from 'vitest';

import { migrateToLatest } from '../database/migrate';
import { createTestDatabase, type TestDatabase } from '../managair/test-database';
import { systemClock } from './clock';
import { registerSimulatedNodes, registerWhenSchemaIsCurrent, simulatedOrganizationName } from './node-registry';
import { simulatedInventory } from './simulated-nodes';

describe('registering the simulated nodes', () => {
  const nodes = simulatedInventory(5, 2);
  let testDatabase: TestDatabase | undefined;
  afterEach(async () => {
    await testDatabase?.drop();
    testDatabase = undefined;
  });

  /** The simulated nodes' rows with their owner's name, by id. */
  async function registeredNodes(database: TestDatabase) {
    return database.database.db
      .selectFrom('nodes')
      .innerJoin('organizations', 'organizations.id', 'nodes.owner_id')
      .select(['nodes.id', 'nodes.alias', 'organizations.name as owner'])
      .where(
        'nodes.id',
        'in',
        nodes.map((node) => node.nodeId),
      )
      .orderBy('nodes.id')
      .execute();
  }

  it('is idempotent: a restart adds nothing and keeps what an operator changed', async () => {
    const database = (testDatabase = await createTestDatabase());
    const { db } = database.database;
    await registerSimulatedNodes(db, nodes);
    await db.updateTable('nodes').set({ alias: 'renamed by an operator' }).where('id', '=', nodes[0]!.nodeId).execute();
    await registerSimulatedNodes(db, nodes);

    const rows = await registeredNodes(database);
    expect(rows.map((row) => row.id)).toEqual(nodes.map((node) => node.nodeId).sort());
    expect(new Set(rows.map((row) => row.owner))).toEqual(new Set([simulatedOrganizationName]));
    expect(rows.find((row) => row.id === nodes[0]!.nodeId)?.alias).toBe('renamed by an operator');
    const organizations = await db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', simulatedOrganizationName)
      .execute();
    expect(organizations).toHaveLength(1);
  });

  it('waits until the schema is current, then registers', async () => {
    const database = (testDatabase = await createTestDatabase({ migrated: false }));
    const messages: string[] = [];
    let waiting!: () => void;
    const firstWait = new Promise<void>((resolve) => (waiting = resolve));
    const registration = registerWhenSchemaIsCurrent(database.database.db, nodes, {
      clock: systemClock,
      pollMs: 50,
      log: (message) => {
        messages.push(message);
        if (message.startsWith('waiting for')) waiting();
      },
    });
    await firstWait;
    expect(await registeredNodes(database).catch(() => 'no nodes table')).toBe('no nodes table');

    await migrateToLatest(database.database.db);
    await registration;

    expect(await registeredNodes(database)).toHaveLength(nodes.length);
    expect(messages.at(-1)).toBe(`registered ${nodes.length} simulated nodes in "${simulatedOrganizationName}"`);
  });
});
