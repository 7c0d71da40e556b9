import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';

/** The one queue of the platform's background tasks. */
export const queueName = 'clair-tasks';

/** A task's implementation: gets the task's data, throws to have it retried. */
export type TaskHandler = (data: unknown) => Promise<unknown>;

/** Retries with exponential backoff: 5 attempts span about 1 + 2 + 4 + 8 seconds of waiting. */
export const retryPolicy = { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } } as const;

function connect(redisUrl: string): Redis {
  // BullMQ's blocking commands need maxRetriesPerRequest: null; ioredis reconnects on its own.
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}

export interface TaskQueue {
  enqueue: (task: string, data?: unknown, options?: { attempts?: number; backoffMs?: number }) => Promise<string>;
  close: () => Promise<void>;
}

export function openTaskQueue(redisUrl: string, name = queueName): TaskQueue {
  const connection = connect(redisUrl);
  const queue = new Queue(name, { connection });
  return {
    enqueue: async (task, data = {}, options = {}) => {
      const job = await queue.add(task, data, {
        attempts: options.attempts ?? retryPolicy.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs ?? retryPolicy.backoff.delay },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      });
      return job.id ?? '';
    },
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
  name = queueName,
): Worker {
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
    { connection: connect(redisUrl), concurrency: options.concurrency },
  );
  worker.on('failed', (job, error) =>
    options.log(
      `task ${job?.name ?? '?'} #${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
    ),
  );
  worker.on('error', (error) => options.log(`worker error: ${error.message}`));
  return worker;
}
