import type { Kysely } from 'kysely';

import { pendingMigrations } from '../database/migrate';
import type { Database } from '../database/tables';
import type { Clock } from './clock';
import type { SimulatedNode } from './simulated-nodes';

/** The organization that owns every simulated node; unique by name, so there is only ever one. */
export const simulatedOrganizationName = 'Simulated school';

/**
 * Registers the simulator's nodes as an operator would, with their real EUIs and protocols:
 * ingestair refuses samples of nodes it does not know. Idempotent, so that the dev stack's
 * simulator can run it on every start: the organization, model and protocols are upserted (the
 * no-op updates make RETURNING answer for rows that already exist), and a node that exists keeps
 * its row, whatever an operator has changed in it since.
 */
export async function registerSimulatedNodes(db: Kysely<Database>, nodes: readonly SimulatedNode[]): Promise<void> {
  const { id: ownerId } = await db
    .insertInto('organizations')
    .values({ name: simulatedOrganizationName, description: null })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ name: (row) => row.ref('excluded.name') }))
    .returning('id')
    .executeTakeFirstOrThrow();
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
    // The id derives from protocol and DevEUI, so the same device always conflicts on both.
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/**
 * Registers the nodes once managair has brought the schema up to date: on a fresh deploy the
 * simulator starts alongside the database and managair, which applies the migrations. Retries
 * every `pollMs` while the database is unreachable or migrations are pending; returns without
 * registering when `signal` aborts.
 */
export async function registerWhenSchemaIsCurrent(
  db: Kysely<Database>,
  nodes: readonly SimulatedNode[],
  options: { clock: Clock; log: (message: string) => void; signal?: AbortSignal; pollMs?: number },
): Promise<void> {
  const { clock, log, signal, pollMs = 2_000 } = options;
  let waitingFor = '';
  while (!signal?.aborted) {
    let reason: string;
    try {
      const pending = await pendingMigrations(db);
      if (pending.length === 0) {
        await registerSimulatedNodes(db, nodes);
        log(`registered ${nodes.length} simulated nodes in "${simulatedOrganizationName}"`);
        return;
      }
      reason = `managair to apply migrations ${pending.join(', ')}`;
    } catch (error) {
      reason = `the database: ${error instanceof Error ? error.message : String(error)}`;
    }
    // Said when it changes, not on every poll.
    if (reason !== waitingFor) log(`waiting for ${reason}`);
    waitingFor = reason;
    await clock.sleep(pollMs, signal);
  }
}
