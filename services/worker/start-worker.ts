import { openDatabase } from '../database/connection';
import { parseTaskData } from '../domain/tasks/task-catalogue';
import { openTaskQueue, startTaskWorker } from '../runtime/task-queue';
import type { WorkerEnv } from './env';
import { taskHandlers } from './task-handlers';

export interface WorkerOptions {
  log: (message: string) => void;
  /** The clock in Unix seconds; tests fix it. */
  nowS?: () => number;
}

export interface RunningWorker {
  /** Stops taking tasks, lets the running ones finish, then closes Redis and the database. */
  close: () => Promise<void>;
}

/**
 * The worker process: schedules the periodic tasks, then consumes the queue. Scheduling is an
 * upsert, so every replica and every restart may do it; the schedule exists once. Rejects when
 * Redis cannot be reached at start, so that the orchestrator restarts the process.
 */
export async function startWorker(env: WorkerEnv, options: WorkerOptions): Promise<RunningWorker> {
  const { log, nowS = () => Math.floor(Date.now() / 1000) } = options;
  // One connection per task running at a time.
  const database = openDatabase(
    env.DATABASE_URL,
    (error) => log(`database connection lost: ${error.message}`),
    env.WORKER_CONCURRENCY,
  );
  const queue = openTaskQueue(env.REDIS_URL, env.TASK_QUEUE);
  try {
    await queue.schedule(
      'check-node-fidelity',
      parseTaskData('check-node-fidelity', {}),
      env.FIDELITY_CHECK_INTERVAL_S * 1000,
    );
  } catch (error) {
    await queue.close();
    await database.close();
    throw error;
  }
  const worker = startTaskWorker(
    env.REDIS_URL,
    taskHandlers(database.db, nowS),
    { concurrency: env.WORKER_CONCURRENCY, log },
    env.TASK_QUEUE,
  );
  worker.on('completed', (job, result) => log(`task ${job.name} #${job.id ?? '?'} done: ${JSON.stringify(result)}`));
  log(
    `consuming ${env.TASK_QUEUE} with concurrency ${env.WORKER_CONCURRENCY}; ` +
      `node fidelity checked every ${env.FIDELITY_CHECK_INTERVAL_S} s`,
  );
  return {
    close: async () => {
      await worker.close();
      await queue.close();
      await database.close();
    },
  };
}
