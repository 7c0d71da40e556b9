import { describe, expect, it } from 'vitest';

import { nodeIdFromDevEui } from '../domain/nodes/node-id';
import type { DecodedUplink, DecodeUplink } from '../domain/ttn/uplink-decoding';
import { interpretUplink } from './uplink-interpretation';

const topic = 'v3/clair-test@ttn/devices/eui-a81758fffe052b0f/up';
const message = (body: string) => ({ topic, deviceId: 'eui-a81758fffe052b0f', body: Buffer.from(body) });
const sample = { timestampS: 1632220557, co2Ppm: 711, temperatureCelsius: 20.5, relHumidityPercent: 80 };
const decodingTo =
  (result: DecodedUplink): DecodeUplink =>
  () =>
    result;

describe('interpretUplink', () => {
  it("gives the decoded samples the node id of the device's DevEUI under the instance's protocol", () => {
    const result = interpretUplink(
      message('{}'),
      'ELSYSERS',
      decodingTo({ ok: true, deviceId: 'eui-a81758fffe052b0f', devEui: 'A81758FFFE052B0F', samples: [sample] }),
    );
    expect(result).toEqual({
      kind: 'samples',
      samples: [{ nodeId: nodeIdFromDevEui('ELSYSERS', 'A81758FFFE052B0F'), deviceId: 'eui-a81758fffe052b0f', sample }],
    });
  });

  it('hands the decoder the parsed JSON', () => {
    const seen: unknown[] = [];
    interpretUplink(message('{"a":[1]}'), 'CLAIRCHEN', (json) => {
      seen.push(json);
      return { ok: true, deviceId: 'd', devEui: '0000000000000001', samples: [] };
    });
    expect(seen).toEqual([{ a: [1] }]);
  });

  it('sets aside a body that is not JSON, keeping the raw bytes', () => {
    const body = Buffer.from([0x7b, 0xff, 0x00]);
    const result = interpretUplink({ topic, deviceId: 'eui-a81758fffe052b0f', body }, 'ELSYSERS', () => {
      throw new Error('not reached');
    });
    expect(result).toMatchObject({
      kind: 'dead',
      letter: { reason: 'bad_json', deviceId: 'eui-a81758fffe052b0f', topic, message: body.toString('base64') },
    });
  });

  it.each([
    ['bad_uplink' as const, 'frm_payload is not base64'],
    ['decode_error' as const, 'payload length 3 does not fit type 0x06'],
  ])('keeps the decoder stage reason %s with its detail', (reason, detail) => {
    const result = interpretUplink(
      message('{}'),
      'ELSYSERS',
      decodingTo({ ok: false, reason, deviceId: 'dev7', detail }),
    );
    expect(result).toMatchObject({ kind: 'dead', letter: { reason, deviceId: 'dev7', detail } });
  });

  it('sets aside an uplink without a usable DevEUI, since it has no node id', () => {
    for (const devEui of [undefined, 'A81758']) {
      const result = interpretUplink(
        message('{}'),
        'ELSYSERS',
        decodingTo({ ok: true, deviceId: 'dev8', devEui, samples: [sample] }),
      );
      expect(result).toMatchObject({ kind: 'dead', letter: { reason: 'no_dev_eui', deviceId: 'dev8' } });
    }
  });

  it('turns a decoder that throws into a dead letter instead of a crash', () => {
    const result = interpretUplink(message('{}'), 'ELSYSERS', () => {
      throw new TypeError('boom');
    });
    expect(result).toMatchObject({
      kind: 'dead',
      letter: { reason: 'decode_error', detail: expect.stringContaining('boom') },
    });
  });

  it('skips an uplink without application payload instead of keeping it as a dead letter', () => {
    const result = interpretUplink(
      message('{}'),
      'ELSYSERS',
      decodingTo({ ok: false, reason: 'no_payload', deviceId: null, detail: 'no frm_payload' }),
    );
    expect(result).toEqual({ kind: 'skipped', deviceId: 'eui-a81758fffe052b0f', reason: 'no frm_payload' });
  });
});
