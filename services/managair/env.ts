import { z } from 'zod';

/** managair's configuration; DATABASE_URL usually arrives as DATABASE_URL_FILE, a docker secret. */
export const ManagairEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8888),
});
export type ManagairEnv = z.infer<typeof ManagairEnv>;
