import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ttnUplinkDecoder } from '../../../services/domain/ttn/uplink-decoding';
import { decodeRow } from './decode-row';

const documented = readFileSync(join(import.meta.dirname, '../../../services/ttn-simulator/documented-uplink.json'));
const arrivedAt = new Date('2026-11-29T10:00:00Z');
const message = (body: Buffer | string, topic = 'v3/starter-kit@ttn/devices/eui-70b3d52dd600035a/up') => ({
  seq: 7,
  application: 'ers' as const,
  topic,
  body: Buffer.from(body),
  arrivedAt,
});

describe('decodeRow', () => {
  it("shows a message the decoder refuses with its device, counter and signal, and the decoder's reason", () => {
    expect(decodeRow(message(documented), ttnUplinkDecoder('ELSYSERS'))).toMatchObject({
      seq: 7,
      deviceId: 'eui-70b3d52dd600035a',
      devEui: '70B3D52DD600035A',
      receivedAt: '2025-04-16T11:54:13.787593298Z',
      fPort: 2,
      fCnt: 14,
      rssi: -31,
      snr: 9.5,
      status: 'decode_error',
      samples: [],
      bytes: documented.length,
    });
  });

  it('makes a row of a body that is not JSON, timed by its arrival and named by its topic', () => {
    expect(decodeRow(message('{"end_device'), ttnUplinkDecoder('CLAIRCHEN'))).toEqual({
      seq: 7,
      application: 'ers',
      deviceId: 'eui-70b3d52dd600035a',
      receivedAt: '2026-11-29T10:00:00.000Z',
      gateways: 0,
      status: 'bad_uplink',
      error: expect.stringContaining('not JSON') as string,
      samples: [],
      bytes: 12,
    });
  });
});
