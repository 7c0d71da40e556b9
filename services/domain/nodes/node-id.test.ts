import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { type NodeProtocol, nodeIdFromDevEui } from './node-id';

interface NodeIdVector {
  protocol: NodeProtocol;
  devEui: string;
  nodeId: string;
}

const vectors = parse(readFileSync(new URL('node-id.vectors.yaml', import.meta.url), 'utf8')) as NodeIdVector[];

describe('nodeIdFromDevEui', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)('$protocol $devEui → $nodeId', ({ protocol, devEui, nodeId }) => {
    expect(nodeIdFromDevEui(protocol, devEui)).toBe(nodeId);
  });

  it('treats the DevEUI case-insensitively, as raw bytes', () => {
    expect(nodeIdFromDevEui('ELSYSERS', 'a81758fffe052b0f')).toBe('9d02faee-4260-1377-22ec-936428b572ee');
  });

  it('refuses a DevEUI that is not 16 hex digits, naming it', () => {
    expect(() => nodeIdFromDevEui('CLAIRCHEN', '9876B6000011')).toThrow(/9876B6000011/);
    expect(() => nodeIdFromDevEui('CLAIRCHEN', '9876B600001193EZ')).toThrow(RangeError);
  });
});
