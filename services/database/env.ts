import { z } from 'zod';

/** How every process that uses the database finds it; usually DATABASE_URL_FILE, a docker secret. */
export const DatabaseEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
});
export type DatabaseEnv = z.infer<typeof DatabaseEnv>;
