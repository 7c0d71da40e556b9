/** A cell as the grid shows it: one line of text, and a class for its kind. */
export interface CellText {
  text: string;
  kind: 'null' | 'json' | 'time' | 'number' | 'text';
}

/** An ISO timestamp as the core sends them (`2024-05-02T10:00:00.123456Z`, or with an offset). */
const isoTimestamp = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)?$/;

/**
 * Readable cells: NULL marked as such, JSON on one line, timestamps with a space instead of the
 * T and UTC spelled out, long text cut (the full value is in the title and the detail panel).
 */
export function cellText(value: unknown, dataType = ''): CellText {
  if (value === null || value === undefined) return { text: 'NULL', kind: 'null' };
  if (typeof value === 'object') return { text: JSON.stringify(value), kind: 'json' };
  if (typeof value !== 'string') return { text: JSON.stringify(value), kind: 'number' };
  const text = value;
  const time = isoTimestamp.exec(text);
  if (time) return { text: `${time[1]} ${time[2]}${time[3] === 'Z' ? ' UTC' : (time[3] ?? '')}`, kind: 'time' };
  if (/^(numeric|bigint|integer|smallint|real|double)/.test(dataType)) return { text, kind: 'number' };
  if (/^json/.test(dataType)) return { text, kind: 'json' };
  return { text: text.length > 500 ? `${text.slice(0, 500)}…` : text, kind: 'text' };
}

/** The value in full, for the detail panel and for editing: JSON indented. */
export function cellFullText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
