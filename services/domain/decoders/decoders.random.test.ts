import { describe, expect, it } from 'vitest';

import { nodeProtocols } from '../nodes/node-id';
import { elsysTypes } from './elsys-types';
import { decoders, decodeToSamples } from './registry';

/** mulberry32: a seeded PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fPorts = [undefined, 0, 1, 2, 5, 223, 224, 255];
const elsysTypeBytes = [...elsysTypes.keys()];
const recvTime = new Date('2021-09-21T10:35:57.125Z');

/** Valid payloads of each protocol, whose every truncation must fail cleanly too. */
const validPayloads: Record<(typeof nodeProtocols)[number], string[]> = {
  CLAIRCHEN: ['021BE41AE419E3', '071400150016001700180019001A001B00'],
  ELSYSERS: ['0100E202290400270506060308', '0100CD02500603FA0100CE02600603FF', '0602C70602AB0602FA'],
  TALKPOOLOY1012: ['3E441D021B'],
};

/** Random bytes; half of the strings are built from Elsys type bytes so records get parsed. */
function randomPayload(random: () => number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(random() * 40));
  const typed = random() < 0.5;
  for (let i = 0; i < bytes.length; i++) {
    const useType = typed && random() < 0.4;
    bytes[i] = useType ? elsysTypeBytes[Math.floor(random() * elsysTypeBytes.length)]! : Math.floor(random() * 256);
  }
  return bytes;
}

function checkNeverThrows(
  protocol: (typeof nodeProtocols)[number],
  bytes: Uint8Array,
  fPort: number | undefined,
): void {
  const input = { bytes, fPort, recvTime };
  const output = decoders[protocol].decodeUplink(input);
  expect(output.errors.length > 0 || output.data !== undefined).toBe(true);
  if (output.data !== undefined) {
    const samples = decoders[protocol].toSamples(output.data, recvTime);
    if (output.errors.length > 0) expect(samples).toEqual([]);
    for (const sample of samples) expect(Number.isFinite(sample.timestampS + sample.co2Ppm)).toBe(true);
  }
  const result = decodeToSamples(protocol, input);
  expect(result.errors.some((error) => error.includes('decoder failed'))).toBe(false);
  if (result.errors.length > 0) expect(result.samples).toEqual([]);
}

describe.each(nodeProtocols)('%s decoder on arbitrary bytes', (protocol) => {
  it('never throws, and outputs with errors have no samples', () => {
    const random = prng(0xc1a12);
    for (let i = 0; i < 3000; i++) {
      checkNeverThrows(protocol, randomPayload(random), fPorts[i % fPorts.length]);
    }
  });

  it('never throws on a truncation of a valid payload', () => {
    for (const hex of validPayloads[protocol]) {
      const bytes = Uint8Array.from(hex.match(/../g)!, (pair) => Number.parseInt(pair, 16));
      expect(decodeToSamples(protocol, { bytes, fPort: 1, recvTime }).samples.length).toBeGreaterThan(0);
      for (let length = 0; length < bytes.length; length++) checkNeverThrows(protocol, bytes.subarray(0, length), 1);
    }
  });
});
