/**
 * The unit strings compose files use, converted to the integers the Docker API takes. Each parser
 * returns undefined for text it does not understand, so the caller can say where it was.
 */

const nanosecondsPer: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's duration syntax as docker and compose accept it: "10s", "1m30s", "1.5h", "500ms", "0". */
export const durationPattern = /^(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+)$/;
const durationPart = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;

export function parseDuration(text: string): number | undefined {
  if (!durationPattern.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(durationPart)) total += Number(amount) * nanosecondsPer[unit!]!;
  return Math.round(total);
}

const bytesPer: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Docker's RAM sizes: binary units, case-insensitive, optional trailing "b": "512M", "1.5g", "64kb". */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)b?$/i.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * bytesPer[match[2]!.toLowerCase()]!);
}

/** `cpus: 0.5` or `"0.5"` as the API's nano-CPUs. */
export function parseNanoCpus(value: string | number): number | undefined {
  const cpus = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(cpus) || cpus < 0 || (typeof value === 'string' && value.trim() === '')) return undefined;
  return Math.round(cpus * 1e9);
}
