import { loadEnv } from '../runtime/env';
import { closeOnSignal } from '../runtime/shutdown';
import { WorkerEnv } from './env';
import { startTaskWorker, type TaskHandler } from './task-queue';

const log = (message: string): void => console.log(`[worker] ${message}`);
const env = loadEnv(WorkerEnv);
// The platform's tasks (the node fidelity check first) register here as they are built.
const tasks: Record<string, TaskHandler> = {};
const worker = startTaskWorker(env.REDIS_URL, tasks, { concurrency: env.WORKER_CONCURRENCY, log });
log(`consuming tasks with concurrency ${env.WORKER_CONCURRENCY}`);
// worker.close() lets running tasks finish before the Redis connection goes.
closeOnSignal(() => worker.close(), log);
