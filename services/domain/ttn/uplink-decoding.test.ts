import { describe, expect, it } from 'vitest';

import { ttnUplinkDecoder } from './uplink-decoding';

const decode = ttnUplinkDecoder('ELSYSERS');
const message = (frmPayload: string, fPort = 5) => ({
  end_device_ids: {
    device_id: 'eui-a81758fffe052b0f',
    application_ids: { application_id: 'elsys-ers-co2' },
    dev_eui: 'A81758FFFE052B0F',
  },
  received_at: '2021-09-21T10:35:57.500Z',
  uplink_message: { f_port: fPort, frm_payload: frmPayload, received_at: '2021-09-21T10:35:57.125Z' },
});

describe('ttnUplinkDecoder', () => {
  it('decodes a v3 uplink with the protocol decoder, at the network server reception time', () => {
    expect(decode(message('AQDiAikGAwg='))).toEqual({
      ok: true,
      deviceId: 'eui-a81758fffe052b0f',
      devEui: 'A81758FFFE052B0F',
      samples: [{ timestampS: 1632220557, co2Ppm: 776, temperatureCelsius: 22.6, relHumidityPercent: 41 }],
    });
  });

  it('tells a broken message from a payload the decoder refuses', () => {
    expect(decode(message('%%%'))).toMatchObject({ ok: false, reason: 'bad_uplink', deviceId: 'eui-a81758fffe052b0f' });
    expect(decode({ uplink_message: {} })).toMatchObject({ ok: false, reason: 'bad_uplink', deviceId: null });
    expect(decode(message('AQDi'))).toMatchObject({
      ok: false,
      reason: 'decode_error',
      detail: expect.stringContaining('CO2'),
    });
  });

  it('marks an uplink without application payload (FPort 0) as such, so it is skipped, not a fault', () => {
    const macOnly = { ...message(''), uplink_message: { f_cnt: 3, received_at: '2021-09-21T10:35:57.125Z' } };
    expect(decode(macOnly)).toMatchObject({ ok: false, reason: 'no_payload', deviceId: 'eui-a81758fffe052b0f' });
  });
});
