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
