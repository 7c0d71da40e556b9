import pg from 'pg';

/** PostgreSQL's type oids (pg_type.oid), fixed for built-in types. */
const oids = {
  bool: 16,
  int2: 21,
  int4: 23,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  timestamp: 1114,
  timestamptz: 1184,
  jsonb: 3802,
};

/** Parsed by pg into JS numbers and booleans without loss. */
const nativeTypes = new Set<number>([oids.int2, oids.int4, oids.oid, oids.float4, oids.float8, oids.bool]);

/** PostgreSQL prints `2024-05-01 12:00:00.123456+02`; ISO 8601 wants a T and `+02:00`, keeping microseconds. */
function isoTimestamp(text: string): string {
  if (!/^\d{4}-\d\d-\d\d \d/.test(text)) return text; // infinity, BC dates: as printed
  const iso = text.replace(' ', 'T');
  return iso.replace(/([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/, (zone, hours: string, minutes?: string) =>
    hours === '+00' && !minutes ? 'Z' : `${hours}:${minutes ?? '00'}`,
  );
}

function parserFor(oid: number): (text: string) => unknown {
  if (nativeTypes.has(oid)) return pg.types.getTypeParser(oid, 'text') as (text: string) => unknown;
  if (oid === oids.json || oid === oids.jsonb) return (text) => JSON.parse(text) as unknown;
  if (oid === oids.timestamptz || oid === oids.timestamp) return isoTimestamp;
  // int8 and numeric as strings (no precision lost), bytea as its \x hex, the rest as printed.
  return (text) => text;
}

/** pg's `types` option for queries whose rows cross IPC: every value JSON-safe (see Cell in the contract). */
export const jsonSafeTypes: pg.CustomTypesConfig = { getTypeParser: parserFor };
