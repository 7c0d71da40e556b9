export interface BenchResult {
  name: string;
  count: number;
  unit: string;
  seconds: number;
  perSecond: number;
  /** The benchmark this one is compared with, measured in the same run. */
  baseline?: string;
  /** This result's rate divided by the baseline's. */
  ratioToBaseline?: number;
  /** Latency percentiles of single requests, where a benchmark measures them. */
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  /** Further figures a benchmark reports (memory, counts, other ratios), by name. */
  extra?: Record<string, number>;
}

/** Times one run of `work`, which handles `count` units. */
export async function measure(
  name: string,
  count: number,
  unit: string,
  work: () => Promise<void>,
): Promise<BenchResult> {
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name, count, unit, seconds, perSecond: count / seconds };
}

/** The p-th percentile (0…100) of some durations, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/**
 * Runs `request` `total` times from `clients` concurrent callers; the rate is requests per second
 * over the whole run, and each request's latency is kept for percentiles.
 */
export async function measureConcurrent(
  name: string,
  clients: number,
  total: number,
  request: () => Promise<void>,
): Promise<BenchResult> {
  const latencies: number[] = [];
  let started = 0;
  const client = async () => {
    while (started < total) {
      started++;
      const t0 = performance.now();
      await request();
      latencies.push(performance.now() - t0);
    }
  };
  const result = await measure(name, total, 'requests', () =>
    Promise.all(Array.from({ length: clients }, client)).then(() => undefined),
  );
  return { ...result, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}
