import { loadEnv } from '../runtime/env';
import { closeOnSignal } from '../runtime/shutdown';
import { WorkerEnv } from './env';
import { startWorker } from './start-worker';

const log = (message: string): void => console.log(`[worker] ${message}`);
const worker = await startWorker(loadEnv(WorkerEnv), { log });
closeOnSignal(() => worker.close(), log);
