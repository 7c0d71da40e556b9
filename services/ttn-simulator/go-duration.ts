const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const durationPattern = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

/**
 * A non-negative Go `time.ParseDuration` string (`10m`, `12h`, `1h30m`) in milliseconds, or
 * undefined. There is no day unit: v3 rejects the v2 style `7d` (ttn-formats.md §3.3).
 */
export function parseGoDuration(text: string): number | undefined {
  if (!durationPattern.test(text)) return undefined;
  let ms = 0;
  for (const [, value = '0', unit = 'ms'] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    ms += Number(value) * (units[unit] ?? 0);
  }
  return ms;
}
