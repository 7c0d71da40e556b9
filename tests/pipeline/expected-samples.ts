import type { Kysely } from 'kysely';

import type { Database } from '../../services/database/tables';
import { decodeToSamples } from '../../services/domain/decoders/registry';
import { type NodeProtocol, nodeIdFromDevEui } from '../../services/domain/nodes/node-id';
import { parseV3Uplink } from '../../services/domain/ttn/uplink';
import type { ApplicationUp } from '../../services/ttn-simulator/application-up';
import type { PublishedUplinks } from './paced-traffic';

/** One row of the samples table, as the pipeline should have stored it. */
export interface StoredSample {
  nodeId: string;
  timestampS: number;
  co2Ppm: number;
  temperatureCelsius: number | null;
  relHumidityPercent: number | null;
}

/**
 * The rows the published uplinks must end up as: each decoded straight from the domain, not through
 * the forwarder's own wiring, so that a mistake there shows. Uplinks whose samples overlap in time
 * repeat a (node, second); the samples table keeps one row for it, the first one stored.
 */
export function expectedSamples(published: readonly PublishedUplinks[]): StoredSample[] {
  const byKey = new Map<string, StoredSample>();
  for (const { forwarder, messages } of published) {
    for (const sample of messages.flatMap((message) => uplinkSamples(forwarder.protocol, message))) {
      const key = `${sample.nodeId} ${sample.timestampS}`;
      if (!byKey.has(key)) byKey.set(key, sample);
    }
  }
  return inStorageOrder([...byKey.values()]);
}

/** The samples one uplink carries, each tagged with its node. */
export function uplinkSamples(protocol: NodeProtocol, message: ApplicationUp): StoredSample[] {
  // Through JSON, as the forwarder receives it from the broker.
  const parsed = parseV3Uplink(JSON.parse(JSON.stringify(message)));
  if (!parsed.ok) throw new Error(`a published uplink does not parse: ${parsed.reason}`);
  const { uplink } = parsed;
  if (!uplink.devEui) throw new Error(`a published uplink of ${uplink.deviceId} has no dev_eui`);
  const decoded = decodeToSamples(protocol, {
    bytes: uplink.bytes,
    fPort: uplink.fPort,
    recvTime: uplink.receivedAt,
    dataRate: uplink.dataRate,
  });
  if (decoded.errors.length > 0) throw new Error(`a published uplink does not decode: ${decoded.errors.join('; ')}`);
  const nodeId = nodeIdFromDevEui(protocol, uplink.devEui);
  return decoded.samples.map((sample) => ({ nodeId, ...sample }));
}

/** Every stored sample of these nodes, in the order `expectedSamples` gives. */
export async function storedSamples(db: Kysely<Database>, nodeIds: readonly string[]): Promise<StoredSample[]> {
  const rows = await db
    .selectFrom('samples')
    .select(['node_id', 'timestamp_s', 'co2_ppm', 'temperature_celsius', 'rel_humidity_percent'])
    .where('node_id', 'in', nodeIds)
    .execute();
  return inStorageOrder(
    rows.map((row) => ({
      nodeId: row.node_id,
      timestampS: row.timestamp_s,
      co2Ppm: row.co2_ppm,
      // numeric(3, 1) arrives as a string.
      temperatureCelsius: row.temperature_celsius === null ? null : Number(row.temperature_celsius),
      relHumidityPercent: row.rel_humidity_percent,
    })),
  );
}

function inStorageOrder(samples: StoredSample[]): StoredSample[] {
  return samples.sort((a, b) => (a.nodeId === b.nodeId ? a.timestampS - b.timestampS : a.nodeId < b.nodeId ? -1 : 1));
}
