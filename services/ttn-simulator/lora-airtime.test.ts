import { describe, expect, it } from 'vitest';

import { formatDuration, loraAirtimeS } from './lora-airtime';

describe('LoRa airtime', () => {
  it("reproduces the consumed_airtime of TTN's examples (ttn-formats.md §6.4)", () => {
    expect(formatDuration(loraAirtimeS(22 - 13, 7))).toBe('0.056576s');
    for (const phyBytes of [23, 24, 25, 26]) expect(formatDuration(loraAirtimeS(phyBytes - 13, 7))).toBe('0.061696s');
  });

  it.each([
    [13, 7, 61.7],
    [13, 8, 113.2],
    [13, 9, 205.8],
    [13, 10, 411.6],
    [13, 11, 823.3],
    [13, 12, 1646.6],
    [16, 7, 66.8],
    [16, 8, 123.4],
    [16, 9, 226.3],
    [16, 11, 905.2],
  ])('a %s-byte FRMPayload at SF%s takes %s ms (§6.4 table)', (bytes, sf, ms) => {
    expect(Math.round(loraAirtimeS(bytes, sf) * 10_000) / 10).toBe(ms);
  });
});
