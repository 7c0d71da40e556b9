import { z } from 'zod';

import { nodeIdFromDevEui, nodeProtocols, type NodeProtocol } from '../domain/nodes/node-id';
import { nodeKinds } from './node-kinds';
import { noiseBytes } from './seeded-random';

const hex = (digits: number) => z.string().regex(new RegExp(`^[0-9A-F]{${digits}}$`));

export const simulatedNodeSchema = z.object({
  protocol: z.enum(nodeProtocols),
  /** Uppercase hex, as TTN renders EUIs (ttn-formats.md §1.3). */
  devEui: hex(16),
  joinEui: hex(16),
  devAddr: hex(8),
  /** TTN device id, `eui-<lowercase dev eui>` as the console proposes it. */
  deviceId: z.string().regex(/^[a-z0-9](?:-?[a-z0-9]){2,}$/),
  /** The managair node id (original-clair.md §4.3); hash bits, so not an RFC 4122 UUID. */
  nodeId: z.string().regex(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/),
  alias: z.string(),
  /** Base64 id of the one session the simulated device has been in since it joined. */
  sessionKeyId: z.string(),
});
export type SimulatedNode = z.infer<typeof simulatedNodeSchema>;

export const inventorySchema = z.array(simulatedNodeSchema);

/**
 * N nodes of each kind. DevEUIs keep each vendor's prefix and differ by seed and index, so two
 * simulators with different seeds never share a device.
 */
export function simulatedInventory(seed: number, nodesPerKind: number): SimulatedNode[] {
  return nodeProtocols.flatMap((protocol) =>
    Array.from({ length: nodesPerKind }, (_, index) => simulatedNode(seed, protocol, index)),
  );
}

function simulatedNode(seed: number, protocol: NodeProtocol, index: number): SimulatedNode {
  const kind = nodeKinds[protocol];
  const suffixDigits = 16 - kind.devEuiPrefix.length;
  const suffix = ((seed & 0xfff) * 0x1000 + index) % 16 ** suffixDigits;
  const devEui = kind.devEuiPrefix + suffix.toString(16).toUpperCase().padStart(suffixDigits, '0');
  const devAddrBytes = noiseBytes(4, seed, 'dev-addr', devEui);
  // TTN's NetID 0x000013 puts DevAddrs in 26000000/7 (ttn-formats.md §1.4 examples: 260B1234, 27FE87F6).
  devAddrBytes[0] = 0x26 | ((devAddrBytes[0] ?? 0) & 0x01);
  return simulatedNodeSchema.parse({
    protocol,
    devEui,
    joinEui: '0000000000000000',
    devAddr: Buffer.from(devAddrBytes).toString('hex').toUpperCase(),
    deviceId: `eui-${devEui.toLowerCase()}`,
    nodeId: nodeIdFromDevEui(protocol, devEui),
    alias: `sim-${kind.label}-${index + 1}`,
    sessionKeyId: Buffer.from(noiseBytes(16, seed, 'session', devEui)).toString('base64'),
  });
}
