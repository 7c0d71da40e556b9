import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { legacyNodeIdFromDevEui, type NodeProtocol, nodeIdFromDevEui } from './node-id';

interface NodeIdVector {
  protocol: NodeProtocol;
  devEui: string;
  nodeId: string;
}

const vectorsOf = (file: string): NodeIdVector[] =>
  parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as NodeIdVector[];
const vectors = vectorsOf('node-id.vectors.yaml');
const legacyVectors = vectorsOf('legacy-node-id.vectors.yaml');

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

describe('legacyNodeIdFromDevEui', () => {
  it('has vectors to check', () => {
    expect(legacyVectors.length).toBeGreaterThan(0);
  });

  it.each(legacyVectors)('$protocol $devEui → $nodeId', ({ protocol, devEui, nodeId }) => {
    expect(legacyNodeIdFromDevEui(protocol, devEui)).toBe(nodeId);
  });

  it('differs from the current scheme for the same device', () => {
    expect(legacyNodeIdFromDevEui('CLAIRCHEN', '9876B600001193E0')).not.toBe(
      nodeIdFromDevEui('CLAIRCHEN', '9876B600001193E0'),
    );
  });

  it('hashes the hex string as given, so its case matters', () => {
    expect(legacyNodeIdFromDevEui('ELSYSERS', 'a81758fffe052b0f')).not.toBe('10e06ed7-922b-33ff-bb37-41cbc33bc7c8');
  });

  it('refuses a DevEUI that is not 16 hex digits, naming it', () => {
    expect(() => legacyNodeIdFromDevEui('CLAIRCHEN', '9876B6000011')).toThrow(/9876B6000011/);
    expect(() => legacyNodeIdFromDevEui('CLAIRCHEN', '9876B600001193EZ')).toThrow(RangeError);
  });
});
