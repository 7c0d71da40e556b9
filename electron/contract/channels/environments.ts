import { z } from 'zod';

import { defineInvoke } from '../define';

export const EnvironmentSummary = z.object({
  name: z.string(),
  file: z.string(),
  /** Example files document settings; only real env files can be deployed. */
  isExample: z.boolean(),
});
export type EnvironmentSummary = z.infer<typeof EnvironmentSummary>;

export const environmentsChannels = {
  list: defineInvoke('environments:list', z.void(), z.array(EnvironmentSummary)),
};
