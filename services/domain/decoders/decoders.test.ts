import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

import { nodeProtocols } from '../nodes/node-id';
import { decoders, decodeToSamples } from './registry';

/**
 * The one runner for every `*.vectors.yaml` beside the decoders (style guide §10 point 15): each
 * file names its protocol, and every vector is decoded and deep-compared, samples included.
 */
const vectorFileSchema = z.strictObject({
  protocol: z.enum(nodeProtocols),
  vectors: z.array(
    z.strictObject({
      description: z.string(),
      input: z.strictObject({
        fPort: z.number().int().optional(),
        bytes: z.string().regex(/^([0-9A-Fa-f]{2})*$/),
        recvTime: z.iso.datetime({ offset: true }),
        dataRate: z.strictObject({ spreadingFactor: z.number().int(), bandwidthKhz: z.number() }).optional(),
      }),
      output: z.strictObject({
        data: z.unknown().optional(),
        warnings: z.array(z.string()).optional(),
        errors: z.array(z.string()).optional(),
      }),
      samples: z.array(z.unknown()).optional(),
    }),
  ),
});

const directory = new URL('./', import.meta.url);
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.vectors.yaml'))
  .map((name) => ({ name, ...vectorFileSchema.parse(parse(readFileSync(new URL(name, directory), 'utf8'))) }));

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

describe('decoder vector files', () => {
  it.each(nodeProtocols)('%s has exactly one non-empty vector file', (protocol) => {
    const own = files.filter((file) => file.protocol === protocol);
    expect(own.map((file) => file.name)).toHaveLength(1);
    expect(own[0]!.vectors.length).toBeGreaterThan(0);
  });
});

describe.each(files)('$name', ({ protocol, vectors }) => {
  it.each(vectors)('$description', ({ input, output, samples }) => {
    const decodeInput = {
      bytes: hexToBytes(input.bytes),
      fPort: input.fPort,
      recvTime: new Date(input.recvTime),
      dataRate: input.dataRate,
    };
    expect(decoders[protocol].decodeUplink(decodeInput)).toStrictEqual({
      ...(output.data === undefined ? {} : { data: output.data }),
      warnings: output.warnings ?? [],
      errors: output.errors ?? [],
    });
    const result = decodeToSamples(protocol, decodeInput);
    if (output.errors?.length) expect(result.samples).toEqual([]);
    if (samples) expect(result.samples).toStrictEqual(samples);
  });
});
