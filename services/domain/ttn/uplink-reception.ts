/** What a TTN v3 uplink says about its own reception, for the live view's columns. */
export interface UplinkReception {
  deviceId: string | undefined;
  devEui: string | undefined;
  /** `uplink_message.received_at` (network server), else the top-level one (application server). */
  receivedAt: string | undefined;
  fPort: number | undefined;
  fCnt: number | undefined;
  /** The strongest RSSI and best SNR over every gateway that heard it. */
  rssi: number | undefined;
  snr: number | undefined;
  gateways: number;
}

type Json = Record<string, unknown>;

const objectAt = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const numberAt = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const stringAt = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Reads the reception fields of an `ApplicationUp` leniently: a message the decoder refuses still
 * shows its device, counter and signal, so the user sees which uplink failed. Fields of the wrong
 * type are left out, never guessed. TTN omits zero values, so a present uplink without `f_cnt`
 * is frame 0 (ttn-formats.md §1.3).
 */
export function readUplinkReception(json: unknown): UplinkReception {
  const message = objectAt(json);
  const ids = objectAt(message?.end_device_ids);
  const uplink = objectAt(message?.uplink_message);
  const metadata = Array.isArray(uplink?.rx_metadata) ? uplink.rx_metadata.map(objectAt) : [];
  const best = (field: string): number | undefined => {
    const values = metadata.map((gateway) => numberAt(gateway?.[field])).filter((value) => value !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  return {
    deviceId: stringAt(ids?.device_id),
    devEui: stringAt(ids?.dev_eui)?.toUpperCase(),
    receivedAt: stringAt(uplink?.received_at) ?? stringAt(message?.received_at),
    fPort: numberAt(uplink?.f_port),
    fCnt: uplink ? (numberAt(uplink.f_cnt) ?? (uplink.f_cnt === undefined ? 0 : undefined)) : undefined,
    rssi: best('rssi'),
    snr: best('snr'),
    gateways: metadata.length,
  };
}
