/**
 * TTN timestamps are RFC 3339 with nanoseconds (ttn-formats.md §1.3). JavaScript dates stop at
 * milliseconds, so the simulator carries the extra digits separately and compares as bigint ns.
 */
export function formatNanoTimestamp(ms: number, subMillisecondNs: number): string {
  const iso = new Date(ms).toISOString(); // 2025-04-16T11:54:13.995Z
  return `${iso.slice(0, -1)}${String(Math.floor(subMillisecondNs) % 1_000_000).padStart(6, '0')}Z`;
}

const rfc3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Nanoseconds since the epoch, or undefined for text that is not an RFC 3339 timestamp. */
export function parseNanoTimestamp(text: string): bigint | undefined {
  const match = rfc3339.exec(text);
  if (!match) return undefined;
  const [, seconds = '', fraction = '', zone = 'Z'] = match;
  const wholeMs = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(wholeMs)) return undefined;
  return BigInt(wholeMs) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (10 characters of millisecond time, 16 of randomness) as in TTN's correlation ids. */
export function ulid(ms: number, random: Uint8Array): string {
  let time = '';
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = crockford[rest % 32] + time;
  let tail = '';
  for (let i = 0; i < 16; i++) tail += crockford[(random[i] ?? 0) % 32];
  return time + tail;
}
