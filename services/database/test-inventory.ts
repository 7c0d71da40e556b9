import type { Kysely } from 'kysely';

import type { Database } from './tables';

export interface TestInventory {
  organizationId: string;
  protocolId: string;
  modelId: string;
}

/**
 * For tests and benchmarks: the smallest inventory samples can belong to, one organization with
 * one protocol and model and the given nodes. EUIs are made up from the nodes' positions.
 */
export async function insertTestInventory(
  db: Kysely<Database>,
  organization: string,
  nodes: readonly { id: string; alias?: string }[],
): Promise<TestInventory> {
  const { id: organizationId } = await db
    .insertInto('organizations')
    .values({ name: organization, description: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: protocolId } = await db
    .insertInto('protocols')
    .values({ identifier: 'ELSYSERS' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: modelId } = await db
    .insertInto('node_models')
    .values({ name: 'ERS CO2', trade_name: 'ERS CO2', manufacturer: 'Elsys', sensor_type: 'NDIR' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (nodes.length > 0) {
    await db
      .insertInto('nodes')
      .values(
        nodes.map((node, i) => ({
          id: node.id,
          eui64: `A81758FF${i.toString(16).toUpperCase().padStart(8, '0')}`,
          alias: node.alias ?? `Node ${i + 1}`,
          description: null,
          protocol_id: protocolId,
          model_id: modelId,
          owner_id: organizationId,
        })),
      )
      .execute();
  }
  return { organizationId, protocolId, modelId };
}
