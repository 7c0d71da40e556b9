import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readUplinkReception } from './uplink-reception';

const documented: unknown = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../ttn-simulator/documented-uplink.json'), 'utf8'),
);

describe('readUplinkReception', () => {
  it("reads the documented uplink's device, counter, port and signal", () => {
    expect(readUplinkReception(documented)).toEqual({
      deviceId: 'eui-70b3d52dd600035a',
      devEui: '70B3D52DD600035A',
      receivedAt: '2025-04-16T11:54:13.787593298Z',
      fPort: 2,
      fCnt: 14,
      rssi: -31,
      snr: 9.5,
      gateways: 1,
    });
  });

  it('takes the best signal over every gateway and counts an absent f_cnt as frame 0', () => {
    const reception = readUplinkReception({
      end_device_ids: { device_id: 'd1' },
      received_at: '2025-01-01T00:00:00Z',
      uplink_message: {
        f_port: 1,
        rx_metadata: [{ rssi: -110, snr: -3 }, { rssi: -90, snr: -7.25 }, { gateway_ids: { gateway_id: 'no-signal' } }],
      },
    });
    expect(reception).toMatchObject({ fCnt: 0, rssi: -90, snr: -3, gateways: 3 });
    expect(reception.receivedAt).toBe('2025-01-01T00:00:00Z');
  });

  it('leaves out what is missing or of the wrong type instead of guessing', () => {
    expect(readUplinkReception({ end_device_ids: { device_id: 7 }, uplink_message: { f_cnt: 'x' } })).toEqual({
      deviceId: undefined,
      devEui: undefined,
      receivedAt: undefined,
      fPort: undefined,
      fCnt: undefined,
      rssi: undefined,
      snr: undefined,
      gateways: 0,
    });
    expect(readUplinkReception('not an object').gateways).toBe(0);
    expect(readUplinkReception({ join_accept: {} }).fCnt).toBeUndefined();
  });
});
