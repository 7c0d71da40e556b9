import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

import { type ParsedUplink, parseV2Uplink, parseV3Uplink } from './uplink';
import { decodeBase64 } from './uplink-base64';

const vectorSchema = z.strictObject({
  description: z.string(),
  format: z.enum(['v3', 'v2']),
  message: z.unknown(),
  result: z.union([
    z.strictObject({
      ok: z.literal(true),
      uplink: z.strictObject({
        applicationId: z.string(),
        deviceId: z.string(),
        // null in YAML stands for an absent value.
        devEui: z.string().nullable(),
        fPort: z.number().nullable(),
        fCnt: z.number().nullable(),
        bytes: z.string(),
        receivedAt: z.string(),
        dataRate: z.strictObject({ spreadingFactor: z.number(), bandwidthKhz: z.number() }).nullable(),
        simulated: z.boolean(),
      }),
    }),
    z.strictObject({ ok: z.literal(false), reason: z.string() }),
  ]),
});

const vectors = z
  .array(vectorSchema)
  .parse(parse(readFileSync(new URL('uplink.vectors.yaml', import.meta.url), 'utf8')));
const parsers = { v3: parseV3Uplink, v2: parseV2Uplink };

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();

/** The parse result with bytes as hex and the time as ISO, as the vectors write them. */
function comparable(parsed: ParsedUplink): unknown {
  if (!parsed.ok) return parsed;
  const { uplink } = parsed;
  return {
    ok: true,
    uplink: { ...uplink, bytes: hex(uplink.bytes), receivedAt: uplink.receivedAt.toISOString() },
  };
}

describe('TTN uplink parsing', () => {
  it('has vectors for both formats', () => {
    expect(new Set(vectors.map((v) => v.format))).toEqual(new Set(['v3', 'v2']));
  });

  it.each(vectors)('$format: $description', ({ format, message, result }) => {
    const parsed = parsers[format](message);
    if (!result.ok) {
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? '' : parsed.reason).toContain(result.reason);
      return;
    }
    const { devEui, fPort, fCnt, dataRate } = result.uplink;
    expect(comparable(parsed)).toStrictEqual({
      ok: true,
      uplink: {
        ...result.uplink,
        devEui: devEui ?? undefined,
        fPort: fPort ?? undefined,
        fCnt: fCnt ?? undefined,
        dataRate: dataRate ?? undefined,
      },
    });
  });

  it.each([
    ['', ''],
    ['AA==', '00'],
    ['/w==', 'FF'],
    ['AQI=', '0102'],
    ['+/+/', 'FBFFBF'],
    ['AQDiAikGAwg=', '0100E20229060308'],
  ])('decodes base64 %j as %s', (text, bytes) => {
    expect(hex(decodeBase64(text)!)).toBe(bytes);
  });

  it.each(['A', 'AA', 'AA=', 'AA=A', 'A===', ' AA==', 'AA==\n', 'AA-_'])('refuses base64 %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});
