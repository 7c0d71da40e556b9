import { randomUUID } from 'node:crypto';

import type { Job, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../tests/support/context';
import { openTaskQueue, startTaskWorker } from './task-queue';

/** Resolves with the job once the worker reports it completed or failed for good. */
function settled(worker: Worker, jobId: string): Promise<{ state: 'completed' | 'failed'; job: Job }> {
  return new Promise((resolve) => {
    worker.on('completed', (job) => job.id === jobId && resolve({ state: 'completed', job }));
    worker.on('failed', (job) => {
      if (job?.id === jobId && (job.finishedOn ?? 0) > 0) resolve({ state: 'failed', job });
    });
  });
}

describe('the task queue against Redis', () => {
  const { CLAIR_REDIS_URL } = testEnvironment();
  // A queue of its own per run, so leftovers of another run cannot interfere.
  const name = `clair-test-${randomUUID()}`;
  const queue = openTaskQueue(CLAIR_REDIS_URL, name);
  let attempts = 0;
  const worker = startTaskWorker(
    CLAIR_REDIS_URL,
    {
      double: async (data) => 2 * (data as { n: number }).n,
      flaky: async () => {
        attempts += 1;
        if (attempts < 3) throw new Error(`transient failure ${attempts}`);
        return 'recovered';
      },
    },
    { concurrency: 1, log: () => undefined },
    name,
  );
  afterAll(async () => {
    await worker.close();
    await queue.close();
  });

  it('runs an enqueued task and keeps its result', async () => {
    const id = await queue.enqueue('double', { n: 21 });
    const { state, job } = await settled(worker, id);
    expect(state).toBe('completed');
    expect(job.returnvalue).toBe(42);
  });

  it('retries a failing task with backoff until it succeeds', async () => {
    const id = await queue.enqueue('flaky', {}, { attempts: 5, backoffMs: 50 });
    const { state, job } = await settled(worker, id);
    expect(state).toBe('completed');
    expect(job.attemptsMade).toBe(3);
    expect(job.returnvalue).toBe('recovered');
  });

  it('fails an unknown task at once, naming it', async () => {
    const id = await queue.enqueue('no-such-task', {}, { attempts: 5, backoffMs: 50 });
    const { state, job } = await settled(worker, id);
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/Unknown task "no-such-task"/);
  });
});
