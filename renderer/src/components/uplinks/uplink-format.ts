import type { UplinkRow, UplinkSample } from '../../../../electron/contract';

/** A sample in a few characters: what the table's last column lists. */
export function formatSample(sample: UplinkSample): string {
  const parts = [`${sample.co2Ppm} ppm`];
  if (sample.temperatureCelsius !== null) parts.push(`${sample.temperatureCelsius.toFixed(1)} °C`);
  if (sample.relHumidityPercent !== null) parts.push(`${sample.relHumidityPercent} %`);
  return parts.join(' ');
}

/** The decoded samples, newest last, or why there are none. */
export function rowOutcome(row: UplinkRow): string {
  if (row.status !== 'decoded') return `${statusLabels[row.status]}: ${row.error ?? ''}`;
  return row.samples.map(formatSample).join(' · ');
}

export const statusLabels: Record<UplinkRow['status'], string> = {
  decoded: 'Decoded',
  decode_error: 'Decode error',
  bad_uplink: 'Not an uplink',
  no_payload: 'No payload',
};

/** Local date and time to the second: uplinks of one day differ by their time. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatUnixSeconds(seconds: number): string {
  return formatTime(new Date(seconds * 1000).toISOString());
}
