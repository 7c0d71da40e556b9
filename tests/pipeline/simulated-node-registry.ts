import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../../services/database/tables';
import type { SimulatedNode } from '../ttn-simulator/simulated-nodes';

/**
 * Registers the simulator's nodes as an operator would, with their real EUIs and protocols, in an
 * organization of their own: ingestair refuses samples of nodes it does not know.
 */
export async function registerSimulatedNodes(db: Kysely<Database>, nodes: readonly SimulatedNode[]): Promise<void> {
  const { id: ownerId } = await db
    .insertInto('organizations')
    .values({ name: `Simulated school ${randomUUID().slice(0, 8)}`, description: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The model and protocols are shared by every run in the database; the no-op updates make
  // RETURNING answer for rows that already exist.
  const { id: modelId } = await db
    .insertInto('node_models')
    .values({ name: 'Simulated CO2 sensor', trade_name: 'TTN simulator', manufacturer: 'Clair', sensor_type: 'NDIR' })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ name: (row) => row.ref('excluded.name') }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const protocolIds = new Map<string, string>();
  for (const protocol of new Set(nodes.map((node) => node.protocol))) {
    const { id } = await db
      .insertInto('protocols')
      .values({ identifier: protocol })
      .onConflict((conflict) =>
        conflict.column('identifier').doUpdateSet({ identifier: (row) => row.ref('excluded.identifier') }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    protocolIds.set(protocol, id);
  }
  await db
    .insertInto('nodes')
    .values(
      nodes.map((node) => ({
        id: node.nodeId,
        eui64: node.devEui,
        alias: node.alias,
        description: null,
        protocol_id: protocolIds.get(node.protocol)!,
        model_id: modelId,
        owner_id: ownerId,
      })),
    )
    .execute();
}
