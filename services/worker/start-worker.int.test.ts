import { randomUUID } from 'node:crypto';

import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../tests/support/context';
import { createScratchDatabase, type ScratchDatabase } from '../../tests/support/scratch-database';
import { type DatabaseHandle, openDatabase } from '../database/connection';
import { migrateToLatest } from '../database/migrate';
import { insertTestInventory } from '../database/test-inventory';
import { openTaskQueue, type TaskQueue } from '../runtime/task-queue';
import type { WorkerEnv } from './env';
import { type RunningWorker, startWorker } from './start-worker';

/** The fixed clock of these tests, in Unix seconds. */
const now = 1_800_000_000;
const lookback = 7_200;

/** Resolves with the return value of the first job `matches` picks once it completes; rejects if it fails. */
function completion(events: QueueEvents, matches: (jobId: string) => boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    events.on('completed', ({ jobId, returnvalue }) => matches(jobId) && resolve(returnvalue));
    events.on('failed', ({ jobId, failedReason }) => matches(jobId) && reject(new Error(failedReason)));
  });
}

describe('the worker', () => {
  const { CLAIR_REDIS_URL } = testEnvironment();
  // A queue of its own per run, so leftovers of another run cannot interfere.
  const TASK_QUEUE = `clair-test-${randomUUID()}`;
  let scratch: ScratchDatabase;
  let handle: DatabaseHandle;
  let env: WorkerEnv;
  let queue: TaskQueue;
  let events: QueueEvents;
  // BullMQ's own view of the queue, to read a job's attempts and to remove the queue at the end.
  const inspector = new Queue(TASK_QUEUE, { connection: { url: CLAIR_REDIS_URL } });
  const workers: RunningWorker[] = [];
  const start = async (overrides: Partial<WorkerEnv> = {}) => {
    const worker = await startWorker({ ...env, ...overrides }, { log: () => undefined, nowS: () => now });
    workers.push(worker);
    return worker;
  };

  // Each node's samples, as ages at `now` in seconds; the latest one decides.
  const nodes = {
    recent: { ages: [60, 30 * 86_400], fidelity: 'E' },
    exactlyLookback: { ages: [lookback], fidelity: 'E' },
    justPastLookback: { ages: [lookback + 1], fidelity: 'M' },
    exactlyTwiceLookback: { ages: [2 * lookback], fidelity: 'M' },
    justPastTwiceLookback: { ages: [2 * lookback + 1], fidelity: 'D' },
    ancient: { ages: [400 * 86_400], fidelity: 'D' },
    neverReported: { ages: [], fidelity: 'U' },
  } as const;
  const ids = new Map<string, string>(Object.keys(nodes).map((name) => [randomUUID(), name]));

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    handle = openDatabase(scratch.url, () => undefined);
    await migrateToLatest(handle.db);
    env = {
      DATABASE_URL: scratch.url,
      REDIS_URL: CLAIR_REDIS_URL,
      TASK_QUEUE,
      WORKER_CONCURRENCY: 1,
      FIDELITY_CHECK_INTERVAL_S: 3_600,
    };
    const { db } = handle;
    await insertTestInventory(
      db,
      'Kita',
      [...ids].map(([id, alias]) => ({ id, alias })),
    );
    const samples = [...ids].flatMap(([id, name]) =>
      nodes[name as keyof typeof nodes].ages.map((age) => ({ node_id: id, timestamp_s: now - age, co2_ppm: 600 })),
    );
    await db.insertInto('samples').values(samples).execute();

    queue = openTaskQueue(CLAIR_REDIS_URL, TASK_QUEUE);
    events = new QueueEvents(TASK_QUEUE, { connection: { url: CLAIR_REDIS_URL } });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await events.close();
    await queue.close();
    await inspector.obliterate({ force: true });
    await inspector.close();
    await handle.close();
    await scratch.drop();
  });

  it('schedules the fidelity check at start and runs it at once, without anyone enqueueing it', async () => {
    const scheduledRun = completion(events, (jobId) => jobId.startsWith('repeat:check-node-fidelity'));
    await start();
    expect(await scheduledRun).toEqual({ E: 2, M: 2, D: 2, U: 1 });
    expect(await queue.schedules()).toEqual([{ task: 'check-node-fidelity', everyMs: 3_600_000 }]);
  });

  it('classifies every node by its latest sample when the check is enqueued', async () => {
    await handle.db.deleteFrom('node_fidelity').execute();
    const id = await queue.enqueue('check-node-fidelity', { lookbackSeconds: lookback });
    expect(await completion(events, (jobId) => jobId === id)).toEqual({ E: 2, M: 2, D: 2, U: 1 });

    const rows = await handle.db.selectFrom('node_fidelity').selectAll().execute();
    expect(Object.fromEntries(rows.map(({ node_id, ...row }) => [ids.get(node_id), row]))).toEqual(
      Object.fromEntries(
        Object.entries(nodes).map(([name, { ages, fidelity }]) => [
          name,
          { fidelity, last_contact_s: ages.length ? now - Math.min(...ages) : null, last_check_s: now },
        ]),
      ),
    );
  });

  it('keeps one schedule however often workers start, following the latest interval', async () => {
    await start();
    await start({ FIDELITY_CHECK_INTERVAL_S: 900 });
    expect(await queue.schedules()).toEqual([{ task: 'check-node-fidelity', everyMs: 900_000 }]);
  });

  it('fails a job with bad data at once, naming the field, without retrying it', async () => {
    const id = await queue.enqueue('check-node-fidelity', { lookbackSeconds: -1 }, { attempts: 5, backoffMs: 50 });
    await expect(completion(events, (jobId) => jobId === id)).rejects.toThrow(
      /Invalid data for task "check-node-fidelity":\s+data\.lookbackSeconds: Too small/,
    );
    expect((await inspector.getJob(id))?.attemptsMade).toBe(1);
  });
});
