import type { SamplePoint } from './series-types';

/**
 * The dashboard's CSV download (original-clair.md §3.3, original-clients.md): the header is the
 * keys of a timeseries sample object, one row per sample, null as an empty field, CRLF line
 * ends and a UTF-8 byte order mark (so that Excel reads it as UTF-8). Times stay timestamp_s,
 * Unix seconds, as in the original's file; it had no ISO time column. The original's first
 * column, the sample's surrogate `id`, does not exist here (samples are keyed by node and time).
 */
export const csvColumns = [
  'timestamp_s',
  'co2_ppm',
  'temperature_celsius',
  'rel_humidity_percent',
  'measurement_status',
] as const satisfies readonly (keyof SamplePoint)[];

export const BYTE_ORDER_MARK = '\uFEFF';

/**
 * One field per RFC 4180 §2: quoted only when it holds a comma, a double quote, CR or LF, with
 * inner quotes doubled. The original JSON-stringified each value instead; a CSV reader sees the
 * same values either way, since none of ours contain those characters today.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The file's pieces in order: BOM and header first, then one line per sample. */
export function* csvLines(samples: Iterable<SamplePoint>): Generator<string> {
  yield BYTE_ORDER_MARK + csvLine(csvColumns);
  for (const sample of samples) yield csvLine(csvColumns.map((column) => sample[column]));
}

/** The whole file as one string, for small series and tests. */
export function samplesToCsv(samples: Iterable<SamplePoint>): string {
  return [...csvLines(samples)].join('');
}

/**
 * The download's file name as the original dashboard chose it: the node's EUI-64, else its
 * alias, else "Installation-data".
 */
export function csvFileName(node: { eui64?: string | null; alias?: string | null }): string {
  const base = [node.eui64, node.alias].find((name) => name !== undefined && name !== null && name !== '');
  return `${base ?? 'Installation-data'}.csv`;
}
