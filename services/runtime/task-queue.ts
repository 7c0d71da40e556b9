import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * The Redis-backed queue of the platform's background tasks. It lives here, below the services,
 * because both sides use it: the worker consumes it and managair enqueues into it.
 */
export const TaskQueueEnv = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }),
  // Several stacks can share one Redis, each with a queue of its own.
  TASK_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('clair-tasks'),
});
export type TaskQueueEnv = z.infer<typeof TaskQueueEnv>;

/** A task's implementation: gets the task's data, throws to have it retried. */
export type TaskHandler = (data: unknown) => Promise<unknown>;

/** Retries with exponential backoff: 5 attempts span about 1 + 2 + 4 + 8 seconds of waiting. */
export const retryPolicy = { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } } as const;

const keptJobs = { removeOnComplete: 1_000, removeOnFail: 5_000 };

/** How often a producer tries to reach Redis at first before its commands report failure. */
const producerConnectAttempts = 3;

function connect(redisUrl: string, role: 'producer' | 'consumer'): Redis {
  // BullMQ's blocking commands need maxRetriesPerRequest: null; ioredis reconnects on its own.
  if (role === 'consumer') return new Redis(redisUrl, { maxRetriesPerRequest: null });
  // A producer must not hang while Redis is away. A first connection gives up after a few
  // attempts (BullMQ would wait for it forever); after a loss, ioredis keeps reconnecting and
  // each command fails after a few retries.
  let connected = false;
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) =>
      connected || attempt < producerConnectAttempts ? Math.min(attempt * 200, 2_000) : null,
  });
  redis.once('ready', () => (connected = true));
  return redis;
}

export interface TaskSchedule {
  task: string;
  everyMs: number;
}

export interface TaskQueue {
  enqueue: (task: string, data?: unknown, options?: { attempts?: number; backoffMs?: number }) => Promise<string>;
  /**
   * Runs `task` every `everyMs`, the first time now. There is one schedule per task: scheduling
   * it again replaces it, so every start of the worker can call this without multiplying it.
   */
  schedule: (task: string, data: unknown, everyMs: number) => Promise<void>;
  schedules: () => Promise<TaskSchedule[]>;
  close: () => Promise<void>;
}

export function openTaskQueue(redisUrl: string, name: string): TaskQueue {
  const connection = connect(redisUrl, 'producer');
  const queue = new Queue(name, { connection });
  // A lost connection rejects the command that needs it, which reports it; without a listener
  // BullMQ would also print every reconnection attempt to the console.
  queue.on('error', () => undefined);
  return {
    enqueue: async (task, data = {}, options = {}) => {
      const job = await queue.add(task, data, {
        attempts: options.attempts ?? retryPolicy.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs ?? retryPolicy.backoff.delay },
        ...keptJobs,
      });
      return job.id ?? '';
    },
    schedule: async (task, data, everyMs) => {
      await queue.upsertJobScheduler(
        task,
        { every: everyMs },
        { name: task, data, opts: { ...retryPolicy, ...keptJobs } },
      );
    },
    schedules: async () =>
      (await queue.getJobSchedulers()).map((scheduler) => ({ task: scheduler.name, everyMs: scheduler.every ?? 0 })),
    close: async () => {
      await queue.close();
      connection.disconnect();
    },
  };
}

export interface TaskWorkerOptions {
  concurrency: number;
  log: (message: string) => void;
}

/** Runs the handlers for the tasks they are named after; an unknown task fails without retries. */
export function startTaskWorker(
  redisUrl: string,
  handlers: Record<string, TaskHandler>,
  options: TaskWorkerOptions,
  name: string,
): Worker {
  const connection = connect(redisUrl, 'consumer');
  const worker = new Worker(
    name,
    async (job) => {
      const handler = handlers[job.name];
      if (!handler) {
        throw new UnrecoverableError(
          `Unknown task "${job.name}"; known tasks: ${Object.keys(handlers).join(', ') || 'none'}`,
        );
      }
      return handler(job.data);
    },
    { connection, concurrency: options.concurrency },
  );
  // BullMQ leaves a connection it was given open; close() has let running tasks finish by then.
  worker.on('closed', () => connection.disconnect());
  worker.on('failed', (job, error) =>
    options.log(
      `task ${job?.name ?? '?'} #${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
    ),
  );
  worker.on('error', (error) => options.log(`worker error: ${error.message}`));
  return worker;
}
