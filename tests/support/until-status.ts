import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Repeats a request until it answers `status` or `ms` have passed, and returns the last answer:
 * for tests of recovery, where the app needs a moment to notice the fault is gone.
 */
export async function untilStatus<R extends { statusCode: number }>(
  status: number,
  attempt: () => Promise<R>,
  ms = 15_000,
): Promise<R> {
  const deadline = Date.now() + ms;
  for (;;) {
    const response = await attempt();
    if (response.statusCode === status || Date.now() > deadline) return response;
    await sleep(100);
  }
}
