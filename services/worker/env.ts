import { z } from 'zod';

import { DatabaseEnv } from '../database/env';
import { TaskQueueEnv } from '../runtime/task-queue';

export const WorkerEnv = z.object({
  ...DatabaseEnv.shape,
  ...TaskQueueEnv.shape,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(2),
  /** How often the node fidelity check runs; the original left scheduling it to the admin (§8.5). */
  FIDELITY_CHECK_INTERVAL_S: z.coerce.number().int().min(1).default(600),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;
