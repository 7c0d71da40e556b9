import { z } from 'zod';

export const WorkerEnv = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(2),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;
