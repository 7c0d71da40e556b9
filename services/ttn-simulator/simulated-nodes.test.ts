import { describe, expect, it } from 'vitest';

import { nodeIdFromDevEui } from '../domain/nodes/node-id';
import { inventorySchema, simulatedInventory } from './simulated-nodes';

describe('simulatedInventory', () => {
  const nodes = simulatedInventory(7, 3);

  it('has N nodes of each kind with vendor DevEUIs', () => {
    expect(nodes.map((node) => node.protocol)).toEqual([
      ...Array<string>(3).fill('CLAIRCHEN'),
      ...Array<string>(3).fill('ELSYSERS'),
      ...Array<string>(3).fill('TALKPOOLOY1012'),
    ]);
    expect(
      nodes.filter((node) => node.protocol === 'ELSYSERS').every((node) => node.devEui.startsWith('A81758FFFE')),
    ).toBe(true);
    expect(new Set(nodes.map((node) => node.devEui)).size).toBe(9);
  });

  it('names devices as the TTN console does and ids them as the original did', () => {
    for (const node of nodes) {
      expect(node.deviceId).toBe(`eui-${node.devEui.toLowerCase()}`);
      expect(node.nodeId).toBe(nodeIdFromDevEui(node.protocol, node.devEui));
    }
  });

  it('is a pure function of the seed and exports as validated data', () => {
    expect(simulatedInventory(7, 3)).toEqual(nodes);
    expect(simulatedInventory(8, 3).map((node) => node.devEui)).not.toEqual(nodes.map((node) => node.devEui));
    expect(inventorySchema.parse(JSON.parse(JSON.stringify(nodes)))).toEqual(nodes);
  });
});
